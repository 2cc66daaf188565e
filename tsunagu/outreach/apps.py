from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "tsunagu.outreach"
    label = "outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from tsunagu.outreach import panels

        panels.register_all()
