from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """相談経路."""

    VISIT = "visit", _("Came in person")
    PHONE = "phone", _("Phone")
    HOME_VISIT = "home_visit", _("Home visit")
    EMAIL = "email", _("E-mail")
    AGENCY = "agency", _("From another agency")
    COMMUNITY = "community", _("From the community")


class ConsultedBy(models.TextChoices):
    """来談者 (who consulted)."""

    SELF = "self", _("The person")
    FAMILY = "family", _("Family")
    AGENCY = "agency", _("An agency")
    MINSEI_IIN = "minsei_iin", _("Community welfare commissioner")
    NEIGHBOUR = "neighbour", _("Neighbour")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SOON = "soon", _("Soon")
    URGENT = "urgent", _("Urgent")


class RiskFlag(models.TextChoices):
    """Urgency screening: shown prominently wherever the person or case appears."""

    SUICIDE = "suicide", _("Suicide risk")
    ABUSE = "abuse", _("Abuse")
    DV = "dv", _("Domestic violence")
    LIFE = "life", _("Danger to life or health")
    NO_FOOD = "no_food", _("No food")
    EVICTION = "eviction", _("Facing eviction")


class ConsentToShare(models.TextChoices):
    """本人同意 at intake (the 申込票 has a with-consent and a without-consent variant)."""

    YES = "yes", _("Given")
    NO = "no", _("Not given")
    UNKNOWN = "unknown", _("Not asked yet")


class Disposition(models.TextChoices):
    """What became of the consultation."""

    INFORMATION = "information", _("Information given, ended")
    REFERRED = "referred", _("Referred to another agency")
    CASE = "case", _("Opened a case")
    COLLABORATION = "collaboration", _("To multi-agency collaboration")
    PENDING = "pending", _("Not decided yet")


class IssueGroup(models.TextChoices):
    APPLICATION_FORM = "form", _("Issues on the application form")
    HOUSEHOLD_PATTERN = "pattern", _("Household patterns")


#: The risks that make a consultation or a case urgent whatever its urgency says: 自殺, 虐待, DV,
#: 生命 (生命・身体の危険). They surface at once, until someone records the first response.
CRITICAL_RISKS = (RiskFlag.SUICIDE, RiskFlag.ABUSE, RiskFlag.DV, RiskFlag.LIFE)


def has_critical_risk(stored: str) -> bool:
    return any(flag in CRITICAL_RISKS for flag in stored.split())


def join_flags(flags: list[str]) -> str:
    """Store risk flags as ' suicide dv ' (known codes only, in a fixed order)."""
    chosen = set(flags)
    known = [flag for flag in RiskFlag.values if flag in chosen]
    return f" {' '.join(known)} " if known else ""


def flag_labels(stored: str) -> list[str]:
    return [str(RiskFlag(flag).label) for flag in stored.split() if flag in RiskFlag.values]
