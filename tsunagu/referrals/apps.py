from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "tsunagu.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from tsunagu.referrals import panels
        from tsunagu.referrals.selectors import organization_referred_case
        from tsunagu.sharing.choices import EmergencyLink
        from tsunagu.sharing.services import register_link

        panels.register_all()
        register_link(EmergencyLink.REFERRAL, organization_referred_case)
