from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "tsunagu.sharing"
    label = "sharing"
    verbose_name = _("Lawful sharing")

    def ready(self) -> None:
        from tsunagu.sharing import panels

        panels.register_all()
