"""アウトリーチ: concerns from the community (気になる人・世帯), outreach targets worked until the
person engages, and every attempt at contact."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.cases.models import Case
from tsunagu.core.models import TimestampedModel
from tsunagu.intake.models import Consultation
from tsunagu.outreach.choices import (
    ConcernStatus,
    ContactMethod,
    ContactOutcome,
    ReportedOnBehalfOf,
    Review,
    Stage,
    Urgency,
)
from tsunagu.people.models import Household, Person


class Concern(TimestampedModel):
    """気になる人・世帯: what someone noticed. Thin information is enough (声なき声): a place
    and a worry, without a name."""

    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="concerns",
        verbose_name=_("reported by"),
    )
    on_behalf_of = models.CharField(
        _("who noticed"), max_length=20, choices=ReportedOnBehalfOf.choices
    )
    noticed = models.TextField(_("what was noticed"))
    place = models.CharField(
        _("where"),
        max_length=300,
        blank=True,
        help_text=_("An address, or a description: 川辺団地3号棟の1階、角の部屋"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    reporter_contact = models.CharField(_("how to reach the reporter"), max_length=200, blank=True)
    noticed_on = models.DateField(_("noticed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_reason = models.TextField(_("why it was closed"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [models.Index(fields=["status", "created_at"], name="concern_status_idx")]

    def __str__(self) -> str:
        return self.noticed[:40]


class OutreachTarget(TimestampedModel):
    """アウトリーチの対象: a person, a household, or someone not yet identified, worked by an
    outreach worker with a rhythm of contact until they engage."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach",
        verbose_name=_("household"),
    )
    concern = models.ForeignKey(
        Concern,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("from the concern"),
    )
    label = models.CharField(
        _("who (as far as known)"),
        max_length=200,
        help_text=_("e.g. 川辺団地3号棟の70代男性 (until the name is known)"),
    )
    place = models.CharField(_("where"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="outreach_targets",
        verbose_name=_("worker"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.NOT_CONTACTED
    )
    end_reason = models.TextField(_("why it ended"), blank=True)
    cadence_days = models.PositiveSmallIntegerField(_("contact every (days)"), default=14)
    next_contact_on = models.DateField(_("next contact"))
    trusted = models.TextField(
        _("people and places the person trusts"),
        blank=True,
        help_text=_("e.g. 姉（隣町在住）、立ち飲み よりみち の店主"),
    )
    last_contact_at = models.DateTimeField(_("last successful contact"), null=True, blank=True)
    review_due = models.BooleanField(_("waiting for the coordinator's review"), default=False)
    review = models.CharField(_("review"), max_length=20, choices=Review.choices, blank=True)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_targets",
        verbose_name=_("case"),
    )
    engaged_on = models.DateField(_("connected on"), null=True, blank=True)

    class Meta:
        ordering = ["next_contact_on", "pk"]
        verbose_name = _("outreach target")
        verbose_name_plural = _("outreach targets")
        indexes = [
            models.Index(
                fields=["worker", "stage", "next_contact_on"], name="target_worker_due_idx"
            ),
            models.Index(fields=["organization", "stage"], name="target_org_stage_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(cadence_days__gt=0), name="target_cadence_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class ContactAttempt(TimestampedModel):
    """接触の試み: every try counts, the failed ones too (不在, 拒否 …)."""

    target = models.ForeignKey(
        OutreachTarget, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("target")
    )
    occurred_at = models.DateTimeField(_("when"))
    method = models.CharField(_("method"), max_length=20, choices=ContactMethod.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ContactOutcome.choices)
    observed = models.TextField(_("what was seen (生活の様子)"), blank=True)
    via = models.CharField(_("through whom"), max_length=200, blank=True)
    next_step = models.CharField(_("next action"), max_length=300, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("worker"),
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")
        indexes = [models.Index(fields=["target", "occurred_at"], name="contact_target_time_idx")]

    def __str__(self) -> str:
        return f"{self.target_id} {self.occurred_at:%Y-%m-%d} {self.outcome}"
