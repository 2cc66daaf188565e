"""本人同意, ケースチーム, 緊急アクセス, 情報提供記録, and the access grants they write.

The grants are the access rule made into rows (DESIGN.md, "Access grants"): the services that
record a consent, a team membership, a meeting's agenda or an emergency write them, and every
list, page and search joins them, so that withdrawing a consent ends the access at once.
They point at the case and the agenda item by name ("cases.Case"): those apps sit above sharing.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.audit.choices import LegalBasis
from tsunagu.core.models import TimestampedModel
from tsunagu.sharing.choices import (
    ConsentMethod,
    EmergencyLink,
    ReviewOutcome,
    TeamRole,
    category_labels,
)


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self, on: dt.date | None = None) -> "ConsentQuerySet":
        """Consent.in_force, in SQL: not withdrawn, obtained, not expired on the day."""
        today = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, obtained_on__lte=today).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )


class Consent(TimestampedModel):
    """本人同意: which kinds of information (categories) the person agreed to share with which
    organizations, for what purpose. A withdrawal takes effect at once."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="consents", verbose_name=_("case")
    )
    given_by = models.CharField(
        _("given by"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty when the person gave it; otherwise who did (e.g. 成年後見人)."),
    )
    categories = models.PositiveSmallIntegerField(_("information categories"))
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("organizations")
    )
    meeting_members = models.BooleanField(
        _("members of the 重層的支援会議"),
        default=False,
        help_text=_("Also share with the organizations attending a 重層的支援会議 on this case."),
    )
    purpose = models.TextField(_("purpose"))
    method = models.CharField(_("method"), max_length=10, choices=ConsentMethod.choices)
    witness = models.CharField(_("witness"), max_length=100, blank=True)
    obtained_on = models.DateField(_("obtained on"), default=timezone.localdate)
    obtained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("obtained by"),
    )
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(_("signed form (scan)"), upload_to="consents/%Y/", blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-obtained_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(condition=Q(categories__gt=0), name="consent_names_a_category"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("obtained_on")),
                name="consent_expires_after_obtained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.obtained_on}"

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)

    def in_force(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.withdrawn_at is None
            and self.obtained_on <= today
            and (self.expires_on is None or today <= self.expires_on)
        )


class CaseTeamMember(TimestampedModel):
    """ケースチーム: an organization (and its worker) with a role on a case. Being on the team
    is not enough to read: a consent must cover the organization (see sharing.access)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="team", verbose_name=_("case")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker"),
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    left_at = models.DateTimeField(_("left the team"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case team member")
        verbose_name_plural = _("case team")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organization"],
                condition=Q(left_at__isnull=True),
                name="team_one_active_row_per_organization",
            )
        ]
        indexes = [models.Index(fields=["organization", "case"], name="team_org_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.organization}"


class EmergencyAccess(TimestampedModel):
    """緊急アクセス (個人情報保護法69条2項, 生命・身体の保護): a user with the right reads a case
    without consent for 24 hours, with a written reason; the lead organization and the auditors
    are told, and a reviewer judges it afterwards. Where the declaring agency has no link to the
    person or case, it opens only once a manager of that agency approves (`approved_at`)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="emergency_accesses",
        verbose_name=_("case"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("declared by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    reason = models.TextField(_("reason"))
    link = models.CharField(
        _("link to the case"), max_length=20, choices=EmergencyLink.choices, default="none"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)
    approval_note = models.TextField(_("approval note"), blank=True)
    expires_at = models.DateTimeField(_("access until"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_outcome = models.CharField(
        _("review"), max_length=20, choices=ReviewOutcome.choices, blank=True
    )
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self) -> bool:
        """Waiting for a manager's approval: nothing of the case is open yet."""
        return self.approved_at is None and self.refused_at is None


class AccessGrant(models.Model):
    """One lawful path into one case, in force from `valid_from` until `valid_until`: for an
    organization (a consent covering a team member) or a user (an emergency, a 支援会議
    attendee who signed the pledge). Written only by tsunagu.sharing.services."""

    class Scope(models.TextChoices):
        CONTENT = "content", _("Case content in the categories")
        MEETING_MATERIAL = "meeting_material", _("Material prepared for a meeting")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.CONTENT)
    categories = models.PositiveSmallIntegerField()
    legal_basis = models.CharField(max_length=30, choices=LegalBasis.choices)
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, null=True, blank=True)
    emergency = models.ForeignKey(EmergencyAccess, on_delete=models.CASCADE, null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(user__isnull=False),
                name="grant_has_a_holder",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "case"], name="grant_org_case_idx"),
            models.Index(fields=["user", "case"], name="grant_user_case_idx"),
            models.Index(fields=["case", "valid_until"], name="grant_case_until_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.legal_basis} → {self.organization_id or self.user_id}"


class Disclosure(models.Model):
    """情報提供記録: each time case content reached someone outside the lead organization,
    what it was, the categories actually shown, and on which legal basis (the consents, the
    emergency access or the 支援会議 agenda item that opened it): one row per read."""

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    recipient_name = models.CharField(_("recipient (not on Tsunagu)"), max_length=200, blank=True)
    categories = models.PositiveSmallIntegerField(_("information categories"))
    what = models.CharField(_("what"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    consents = models.ManyToManyField(
        Consent, blank=True, related_name="disclosures", verbose_name=_("consents")
    )
    emergency = models.ForeignKey(
        EmergencyAccess,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("emergency access"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting agenda item"),
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        indexes = [models.Index(fields=["case", "occurred_at"], name="disclosure_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.organization or self.recipient_name}: {self.what}"

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)
