from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "tsunagu.insights"
    label = "insights"
    verbose_name = _("Policy (政策化)")

    def ready(self) -> None:
        from tsunagu.cases.sections import support_tab
        from tsunagu.insights import panels, selectors

        panels.register_all()
        support_tab.register("barriers", lambda user, access: selectors.barriers_of(access))
