from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """会議での決定の種類."""

    PLAN_APPROVAL = "plan_approval", _("Plan approved")
    ROLES = "roles", _("Roles shared out")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSURE = "closure", _("Closure")
    GAP = "gap", _("Lack of resources / gap between programmes confirmed")
