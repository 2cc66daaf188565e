from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Queue the daily work (referral escalations, search index after expired consents, quiet "
        "outreach to the coordinator, audit rows left unchained) for "
        "`tsunagu worker`. Run once a day from cron or a systemd timer, e.g. at 06:00."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        from tsunagu.audit.tasks import link_audit_events
        from tsunagu.outreach.tasks import raise_dormant_outreach
        from tsunagu.referrals.tasks import escalate_referrals
        from tsunagu.sharing.tasks import refresh_ended_grants

        for daily in (
            escalate_referrals,
            refresh_ended_grants,
            raise_dormant_outreach,
            link_audit_events,
        ):
            result = daily.enqueue()
            self.stdout.write(f"queued {daily.name}: {result.id}")
