"""相談受付 (intake): every consultation, named or anonymous, and the 課題 taxonomy."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.core.models import TimestampedModel, saving_also
from tsunagu.intake.choices import (
    Channel,
    ConsentToShare,
    ConsultedBy,
    Disposition,
    IssueGroup,
    Urgency,
    flag_labels,
    has_critical_risk,
)
from tsunagu.people.models import Household, Person


class Issue(models.Model):
    """課題 (an issue tag). Data, not code: an admin can add to it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    group = models.CharField(
        _("group"), max_length=10, choices=IssueGroup.choices, default=IssueGroup.APPLICATION_FORM
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")

    def __str__(self) -> str:
        return self.name


class FirstResponse(models.Model):
    """初動対応: an urgent consultation or case stays in the 緊急・未対応 queue until someone
    records what was first done (a call back, a visit, a call to 119 …), when and by whom."""

    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    first_response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first response by"),
    )
    first_response = models.TextField(_("first response"), blank=True)
    #: Urgent, and no first response yet (kept by save(): the queue reads it through an index).
    awaiting = models.BooleanField(default=False, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.awaiting = self.awaits_first_response
        saving_also(kwargs, "awaiting")
        super().save(*args, **kwargs)

    @property
    def awaits_first_response(self) -> bool:
        return self.is_urgent and self.first_response_at is None

    @property
    def is_urgent(self) -> bool:
        raise NotImplementedError


class Consultation(FirstResponse, TimestampedModel):
    """相談受付 (one consultation). Only the main concern is required: the software never
    refuses a consultation."""

    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    consulted_by = models.CharField(
        _("who consulted"), max_length=20, choices=ConsultedBy.choices, default=ConsultedBy.SELF
    )
    consulted_by_relationship = models.CharField(
        _("relationship to the person"), max_length=50, blank=True
    )
    consulted_by_name = models.CharField(_("name of who consulted"), max_length=100, blank=True)
    consulted_by_contact = models.CharField(_("their contact"), max_length=100, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("household"),
    )
    main_concern = models.TextField(_("main concern (in their words)"))
    issues = models.ManyToManyField(
        Issue, through="ConsultationIssue", blank=True, verbose_name=_("issues")
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    # Codes as ' suicide dv ' so that `__contains=' dv '` filters on every database.
    risk_flags = models.CharField(_("risk flags"), max_length=120, blank=True, default="")
    consent_to_share = models.CharField(
        _("consent to share"),
        max_length=10,
        choices=ConsentToShare.choices,
        default=ConsentToShare.UNKNOWN,
    )
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=Disposition.choices, default=Disposition.PENDING
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    response = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [
            models.Index(fields=["organization", "received_at"], name="consult_org_time_idx"),
            models.Index(fields=["organization", "awaiting"], name="consult_org_awaiting_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.person or _('anonymous')}"

    def risk_flag_labels(self) -> list[str]:
        return flag_labels(self.risk_flags)

    @property
    def is_urgent(self) -> bool:
        """緊急: said so at intake, or a critical risk (自殺・虐待・DV・生命)."""
        return self.urgency == Urgency.URGENT or has_critical_risk(self.risk_flags)


class ConsultationIssue(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="+")
    is_main = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "issue"], name="consultationissue_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.issue_id}"
