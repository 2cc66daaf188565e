from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tsunagu.people"
    label = "people"
    verbose_name = _("People and households")

    def ready(self) -> None:
        from tsunagu.people.selectors import organization_knows_subject
        from tsunagu.sharing.choices import EmergencyLink
        from tsunagu.sharing.services import emergency_links

        emergency_links.register(EmergencyLink.PERSON, organization_knows_subject)
