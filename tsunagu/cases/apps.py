from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "tsunagu.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from tsunagu.cases import panels, selectors
        from tsunagu.people.sections import household_page, person_page

        panels.register_all()
        person_page.register("cases", selectors.cases_of_person)
        household_page.register("overview", selectors.household_overview)
