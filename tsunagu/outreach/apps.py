from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "tsunagu.outreach"
    label = "outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from tsunagu.cases.sections import detail_tab
        from tsunagu.core.daily import register_daily
        from tsunagu.outreach import panels, selectors, tasks

        panels.register_all()
        register_daily(tasks.raise_dormant_outreach)
        # The outreach that led to a case, for its lead (who may open each target).
        detail_tab.register(
            "outreach",
            lambda user, access: selectors.targets_of_case(access.case) if access.is_lead else [],
        )
