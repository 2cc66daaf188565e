from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "tsunagu.community"
    label = "community"
    verbose_name = _("Community building")

    def ready(self) -> None:
        from tsunagu.community import imports, panels

        panels.register_all()
        imports.register()  # イベント一覧 becomes gatherings, not directory entries
