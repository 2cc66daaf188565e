"""会議: 重層的支援会議 (with consent), 支援会議 (under a statutory duty of secrecy, 社会福祉法
106条の6) and other case meetings; their agenda of cases, material, decisions and roles."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.cases.models import Case, Task
from tsunagu.core.models import TimestampedModel
from tsunagu.core.wareki import format_date
from tsunagu.meetings.choices import DecisionKind
from tsunagu.sharing.choices import category_labels


class MeetingType(TimestampedModel):
    """会議の種類, as data: what each kind of meeting requires before a case is discussed."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    requires_consent = models.BooleanField(
        _("requires consent"),
        default=False,
        help_text=_("Every case on the agenda needs a consent covering the attending agencies."),
    )
    statutory_confidentiality = models.BooleanField(
        _("statutory duty of secrecy (支援会議)"),
        default=False,
        help_text=_(
            "Information is shared without consent under 社会福祉法106条の6; every attendee "
            "signs a pledge before seeing material."
        ),
    )
    convened_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convened by"),
    )
    material_days = models.PositiveSmallIntegerField(
        _("material readable for (days after the meeting)"), default=14
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting type")
        verbose_name_plural = _("meeting types")

    def __str__(self) -> str:
        return self.name


class Meeting(TimestampedModel):
    type = models.ForeignKey(
        MeetingType, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("type")
    )
    title = models.CharField(_("meeting name"), max_length=200, blank=True)
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("convened by")
    )
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("convener"),
    )
    minutes = models.TextField(_("minutes (overall)"), blank=True)

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title or f"{self.type} {format_date(timezone.localtime(self.held_at).date())}"


class Attendee(models.Model):
    """出席者: an organization, and the person who comes for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendee"),
    )
    pledged_at = models.DateTimeField(_("pledge signed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendee_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user or self.organization}"


class AgendaItem(TimestampedModel):
    """議題: a case, with the material its lead prepared for this meeting (only this is shown
    to a 支援会議's attendees)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("case")
    )
    material = models.TextField(_("material prepared for the meeting"))
    categories = models.PositiveSmallIntegerField(_("information in the material"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    discussion = models.TextField(_("discussion"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.case_id}"

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class Decision(TimestampedModel):
    """決定: what the meeting decided about a case; role assignments become tasks."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    text = models.TextField(_("what was decided"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.kind}"


class RoleAssignment(models.Model):
    """役割分担: who does what by when; it is a task of the case for that organization."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker"),
    )
    description = models.CharField(_("role"), max_length=300)
    due_on = models.DateField(_("due"))
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return self.description
