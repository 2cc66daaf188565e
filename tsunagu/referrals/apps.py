from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "tsunagu.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from tsunagu.cases.sections import collaboration_tab
        from tsunagu.core.daily import register_daily
        from tsunagu.referrals import panels, selectors, tasks
        from tsunagu.sharing.choices import EmergencyLink
        from tsunagu.sharing.services import emergency_links

        panels.register_all()
        register_daily(tasks.escalate_referrals)
        collaboration_tab.register(
            "referrals", lambda user, access: selectors.referrals_of(access, user)
        )
        emergency_links.register(EmergencyLink.REFERRAL, selectors.organization_referred_case)
