from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "tsunagu.participation"
    label = "participation"
    verbose_name = _("Participation support")

    def ready(self) -> None:
        from tsunagu.cases.sections import detail_tab
        from tsunagu.participation import panels
        from tsunagu.sharing.choices import InfoCategory

        panels.register_all()
        # A link to the case's 参加支援 where 参加・つながり is open to the reader (the link
        # shows no content of it).
        detail_tab.register(
            "participation", lambda user, access: access.sees(InfoCategory.PARTICIPATION)
        )
