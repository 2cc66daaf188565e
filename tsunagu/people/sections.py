"""What the apps above people show on a person's page and a household's (their cases, with the
issues and risk flags the user may read): they register here in `AppConfig.ready()`, so that
people imports none of them (STYLE.md, "Layout")."""

from tsunagu.accounts.models import User
from tsunagu.core.registry import Sections
from tsunagu.people.models import Household, Person

person_page: Sections[User, Person] = Sections()
household_page: Sections[User, Household] = Sections()
