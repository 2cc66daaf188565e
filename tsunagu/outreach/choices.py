from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportedOnBehalfOf(models.TextChoices):
    """Who noticed (the reporter may pass on a neighbour's or a shop's worry)."""

    MINSEI_IIN = "minsei_iin", _("Community welfare commissioner")
    NEIGHBOUR = "neighbour", _("Neighbour")
    SHOP = "shop", _("Shop, bar or business")
    SCHOOL = "school", _("School")
    MEDICAL = "medical", _("Clinic or hospital")
    UTILITY = "utility", _("Meter reader, delivery, utility")
    STAFF = "staff", pgettext_lazy("who noticed", "Staff")
    OTHER = "other", _("Other")


class ConcernStatus(models.TextChoices):
    """What a reporter sees of their report, and nothing more."""

    RECEIVED = "received", _("Received by the outreach team")
    IN_PROGRESS = "in_progress", _("Being looked into")
    CONNECTED = "connected", _("Connected to support")
    WATCHING = "watching", _("Keeping an eye")
    CLOSED = "closed", pgettext_lazy("a concern", "Closed")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SOON = "soon", _("Soon")
    URGENT = "urgent", _("Urgent")


class Stage(models.TextChoices):
    """関わりの段階 (engagement stage)."""

    NOT_CONTACTED = "not_contacted", _("Not yet contacted")
    CONTACTED = "contacted", _("Contacted")
    BUILDING = "building", _("Building the relationship")
    ENGAGED = "engaged", _("Connected to a consultation")
    WATCHING = "watching", _("Keeping an eye")
    ENDED = "ended", _("Ended")


ACTIVE_STAGES = {Stage.NOT_CONTACTED, Stage.CONTACTED, Stage.BUILDING, Stage.WATCHING}


class ContactMethod(models.TextChoices):
    VISIT = "visit", _("Home visit")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone")
    VIA = "via", _("Through someone they trust")
    ACCOMPANY = "accompany", _("Accompanied")


class ContactOutcome(models.TextChoices):
    ABSENT = "absent", _("Not at home")
    NOT_MET = "not_met", _("Could not meet")
    REFUSED = "refused", _("Refused")
    A_LITTLE = "a_little", _("Spoke a little")
    TALKED = "talked", _("Talked")


#: Outcomes that count as contact made (for the dormancy clock and the figures).
SUCCESSFUL = {ContactOutcome.A_LITTLE, ContactOutcome.TALKED}
DORMANT_AFTER_DAYS = 90


class Review(models.TextChoices):
    """What the coordinator decides for a dormant target."""

    CONTINUE = "continue", _("Continue as now")
    CHANGE_APPROACH = "change_approach", _("Change the approach")
    SUPPORT_MEETING = "support_meeting", _("Raise at a 支援会議")
