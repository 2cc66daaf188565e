from django.db import models
from django.utils.translation import gettext_lazy as _

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


class Attainment(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_YET = "not_yet", _("Not achieved")


class NextDirection(models.TextChoices):
    CONTINUE = "continue", _("Continue the plan")
    REPLAN = "replan", _("Make a new plan")
    CLOSE = "close", _("End the support")
    SUSPEND = "suspend", _("Suspend")
