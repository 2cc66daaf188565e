from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.sharing.choices import CASE_RECORD_CATEGORIES, InfoCategory

#: 生活困窮 共通アセスメント areas, in the order of the national sheet: (field, label).
ASSESSMENT_AREAS = [
    ("health", _("Health and disability")),
    ("housing", _("Housing")),
    ("income", _("Income, assets and debts")),
    ("work", _("Work")),
    ("family", _("Family relationships")),
    ("social", _("Social participation")),
    ("history", _("Life history")),
    ("wishes_strengths", _("The person's wishes and strengths")),
]

#: 情報の区分 of each area: what a consent must cover for another agency to read it. The overall
#: view draws on every area, so only a consent covering all of them opens it.
AREA_CATEGORIES = {
    "health": InfoCategory.HEALTH,
    "housing": InfoCategory.FAMILY,
    "income": InfoCategory.MONEY,
    "work": InfoCategory.SCHOOL_WORK,
    "family": InfoCategory.FAMILY,
    "social": InfoCategory.HISTORY,
    "history": InfoCategory.HISTORY,
    "wishes_strengths": InfoCategory.HISTORY,
    "summary": CASE_RECORD_CATEGORIES,
}
#: A plan speaks of services and of the person's life: what a plan carries unless its writer
#: says otherwise.
PLAN_CATEGORIES = InfoCategory.WELFARE | InfoCategory.HISTORY


class Attainment(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_YET = "not_yet", _("Not achieved")


class NextDirection(models.TextChoices):
    CONTINUE = "continue", _("Continue the plan")
    REPLAN = "replan", _("Make a new plan")
    CLOSE = "close", _("End the support")
    SUSPEND = "suspend", _("Suspend")
