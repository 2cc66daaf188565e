from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tsunagu.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from tsunagu.meetings import panels
        from tsunagu.meetings.selectors import organization_met_on_case
        from tsunagu.sharing.choices import EmergencyLink
        from tsunagu.sharing.services import register_link

        panels.register_all()
        register_link(EmergencyLink.MEETING, organization_met_on_case)
