"""つなぎ (closed-loop referrals): from one organization to another, tracked until the outcome
is known to the sender."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.audit.choices import LegalBasis
from tsunagu.cases.models import Case
from tsunagu.core.models import TimestampedModel
from tsunagu.referrals.choices import EventType, Outcome, ReferralStatus
from tsunagu.sharing.choices import InfoCategory, category_labels
from tsunagu.sharing.models import Consent


class Referral(TimestampedModel):
    """つなぎ. Its state is the last of its events; the events are the history."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("case")
    )
    from_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("referred from")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    to_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to"),
    )
    to_external = models.CharField(
        _("to (an agency not on Tsunagu)"),
        max_length=200,
        blank=True,
        help_text=_("Its events are recorded by hand by the sender (電話で確認 …)."),
    )
    reason = models.TextField(_("reason for the referral"))
    categories = models.PositiveSmallIntegerField(_("information shared"))
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("consent")
    )
    emergency_reason = models.TextField(_("why life or body is at risk"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_organization__isnull=False) | ~Q(to_external=""),
                name="referral_has_a_receiver",
            )
        ]
        indexes = [
            models.Index(fields=["to_organization", "status"], name="referral_inbox_idx"),
            models.Index(fields=["from_organization", "status"], name="referral_outbox_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.from_organization} → {self.receiver_name}"

    @property
    def receiver_name(self) -> str:
        return self.to_organization.name if self.to_organization else self.to_external

    @property
    def is_external(self) -> bool:
        return self.to_organization_id is None

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)

    @property
    def shares_name(self) -> bool:
        """属性・家族関係 is shared: the receiver may see whom the referral is about."""
        return bool(self.categories & InfoCategory.FAMILY)


class ReferralEvent(models.Model):
    """One step of a referral: who recorded what, when, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("event"), max_length=20, choices=EventType.choices)
    occurred_at = models.DateTimeField(_("time"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        indexes = [models.Index(fields=["referral", "type"], name="referralevent_type_idx")]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.type}"
