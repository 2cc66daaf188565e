from typing import Any

from django.core.management.base import BaseCommand

from tsunagu.core.daily import daily_tasks


class Command(BaseCommand):
    help = (
        "Queue the daily work (referral escalations, search index after expired consents, quiet "
        "outreach to the coordinator) for "
        "`tsunagu worker`. Run once a day from cron or a systemd timer, e.g. at 06:00."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for daily in daily_tasks.entries():
            result = daily.enqueue()
            self.stdout.write(f"queued {daily.name}: {result.id}")
