from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """The case's stage (受付 → アセスメント → プラン作成 → 支援中 → 評価 → 終結, or 中断)."""

    RECEIVED = "received", _("Received")
    ASSESSMENT = "assessment", _("Assessment")
    PLANNING = "planning", _("Planning")
    IN_SUPPORT = "in_support", _("In support")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")
    SUSPENDED = "suspended", _("Suspended")


OPEN_STATUSES = [s for s in CaseStatus.values if s not in (CaseStatus.CLOSED, CaseStatus.SUSPENDED)]


class ClosureReason(models.TextChoices):
    """終結の理由."""

    GOALS_MET = "goals_met", _("Goals met")
    TRANSFERRED = "transferred", _("Moved to another agency")
    MOVED_AWAY = "moved_away", _("Moved away")
    DIED = "died", _("Died")
    UNREACHABLE = "unreachable", _("Could not be reached")
    PERSONS_WISH = "persons_wish", _("The person's wish")
    OTHER = "other", _("Other")


class NoteMethod(models.TextChoices):
    """支援経過の方法."""

    MEETING = "meeting", _("Face to face")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Home visit")
    ACCOMPANY = "accompany", _("Accompanied")
    COORDINATION = "coordination", _("Coordination with agencies")
    CONFERENCE = "conference", _("Case meeting")
    OTHER = "other", _("Other")
