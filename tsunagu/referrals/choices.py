from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReferralStatus(models.TextChoices):
    """つなぎの状態. The sender always learns where it ended."""

    SENT = "sent", _("Sent")
    RECEIVED = "received", pgettext_lazy("a referral", "Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    RECALLED = "recalled", _("Recalled")
    IN_PROGRESS = "in_progress", _("In progress (first contact made)")
    COMPLETED = "completed", _("Completed")


class EventType(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", pgettext_lazy("a referral", "Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    RECALLED = "recalled", _("Recalled")
    FIRST_CONTACT = "first_contact", _("First contact with the person")
    COMPLETED = "completed", _("Completed with an outcome")
    ESCALATED = "escalated", _("Escalated (no answer in time)")


class Outcome(models.TextChoices):
    """つなぎの結果."""

    CONNECTED = "connected", _("Support started")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    UNREACHABLE = "unreachable", _("Could not reach the person")
    PERSON_DECLINED = "person_declined", _("The person declined")
    ANOTHER_AGENCY = "another_agency", _("Passed to another agency")


#: Which event moves a referral from which state to which, and who may record it.
TRANSITIONS: dict[str, tuple[set[str], str, str]] = {
    EventType.RECEIVED: ({ReferralStatus.SENT}, ReferralStatus.RECEIVED, "receiver"),
    EventType.ACCEPTED: (
        {ReferralStatus.SENT, ReferralStatus.RECEIVED},
        ReferralStatus.ACCEPTED,
        "receiver",
    ),
    EventType.DECLINED: (
        {ReferralStatus.SENT, ReferralStatus.RECEIVED},
        ReferralStatus.DECLINED,
        "receiver",
    ),
    EventType.RECALLED: (
        {ReferralStatus.SENT, ReferralStatus.RECEIVED},
        ReferralStatus.RECALLED,
        "sender",
    ),
    EventType.FIRST_CONTACT: ({ReferralStatus.ACCEPTED}, ReferralStatus.IN_PROGRESS, "receiver"),
    EventType.COMPLETED: ({ReferralStatus.IN_PROGRESS}, ReferralStatus.COMPLETED, "receiver"),
}

OPEN_STATUSES = {
    ReferralStatus.SENT,
    ReferralStatus.RECEIVED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
}
#: 開庁日 within which a referral must be received, and accepted (or declined).
RECEIVE_WITHIN = 3
ACCEPT_WITHIN = 5
