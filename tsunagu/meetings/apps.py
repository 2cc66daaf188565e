from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tsunagu.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from tsunagu.meetings import panels, selectors
        from tsunagu.sharing.choices import EmergencyLink
        from tsunagu.sharing.services import emergency_links, meeting_attendees

        panels.register_all()
        meeting_attendees.register("meetings", selectors.meeting_member_organizations)
        emergency_links.register(EmergencyLink.MEETING, selectors.organization_met_on_case)
