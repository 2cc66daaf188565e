"""Agencies, the people who work in them, and what each may do."""

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.choices import (
    CASE_ROLES,
    TWO_FACTOR_ROLES,
    DateStyle,
    OrganizationKind,
    Role,
    ServiceField,
)
from tsunagu.core.models import TimestampedModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class District(TimestampedModel):
    """日常生活圏域・地区 (a district the town is divided into for care and statistics)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Residents (住民基本台帳): the figures per 100,000 people count from it."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Organization(TimestampedModel):
    """支援関係機関 (an agency: a section of the city hall, a 地域包括支援センター, a 社協, an NPO …)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganizationKind.choices)
    fields = models.JSONField(
        _("fields served"),
        default=list,
        blank=True,
        help_text=_("Codes of the fields this agency serves."),
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), blank=True, related_name="organizations"
    )
    is_coordinating_body = models.BooleanField(
        _("coordinating body (多機関協働事業者)"),
        default=False,
        help_text=_("Coordinates cases that several agencies work together."),
    )
    is_lead_section = models.BooleanField(
        _("lead section of 重層 (主管課)"),
        default=False,
        help_text=_(
            "Its managers see the figures of every agency: counts only, never a case, small "
            "numbers hidden."
        ),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def field_labels(self) -> list[str]:
        labels = dict(ServiceField.choices)
        return [str(labels.get(code, code)) for code in self.fields]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """職員・協力者 (a person who signs in). Signs in with an e-mail address; what they may do
    comes from their memberships, never from the account itself."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("name"), max_length=100)
    display_name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use the administration site"),
        default=False,
        help_text=_("Set by the account administrator role; not for case work."),
    )
    date_style = models.CharField(
        _("date style"), max_length=10, choices=DateStyle.choices, default=DateStyle.WAREKI
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()
    # Read with the user once per request by AccountBackend (the header shows it); None when the
    # user was loaded otherwise.
    unread_notifications: int | None = None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        """Set at sign-in per request by AccountBackend; read here for a user loaded otherwise."""
        return list(self.memberships.active().select_related("organization"))

    @property
    def casework_memberships(self) -> list["Membership"]:
        """The roles through which the user works cases (相談支援員, コーディネーター …)."""
        return [m for m in self.active_memberships if m.role in CASE_ROLES]

    @property
    def works_cases(self) -> bool:
        """Holds a case role: may take consultations, write in cases, convene meetings."""
        return bool(self.casework_memberships)

    @property
    def casework_organization(self) -> Organization | None:
        """The agency the user works cases through (the first by name, when there are several):
        the one a meeting, a target or a barrier they record belongs to."""
        memberships = self.casework_memberships
        return memberships[0].organization if memberships else None

    def role_codes(self) -> set[str]:
        return {m.role for m in self.active_memberships}

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes() & set(roles))

    @property
    def primary_organization(self) -> Organization | None:
        memberships = self.active_memberships
        return memberships[0].organization if memberships else None

    @property
    def reads_cases(self) -> bool:
        """Works cases or manages those who do (the navigation shows case pages)."""
        return bool(self.role_codes() & (CASE_ROLES | {Role.MANAGER}))

    @property
    def requires_two_factor(self) -> bool:
        return bool(self.role_codes() & TWO_FACTOR_ROLES)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        """The roles a user holds now: the membership confirmed and active, its organization
        active (in the model's order, by organization name: the first is the user's primary
        one). A role waiting for its agency's confirmation is not among them."""
        return self.filter(is_active=True, confirmed_at__isnull=False, organization__is_active=True)

    def pending(self) -> "MembershipQuerySet":
        """役割の確認待ち: roles given that a manager of the agency has neither confirmed nor
        refused yet."""
        return self.filter(is_active=False, confirmed_at__isnull=True, refused_at__isnull=True)


class Membership(TimestampedModel):
    """所属と役割 (a user's role in an organization). One row per role held."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    can_declare_emergency = models.BooleanField(
        _("may declare an emergency access"),
        default=False,
        help_text=_(
            "生命・身体の保護: may open a case of another agency for 24 hours with a written "
            "reason (reviewed afterwards)."
        ),
    )

    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
        help_text=_("Empty when the system gave the role (set-up, demo, a command)."),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
            # The guarantee behind every `is_active=True` filter in the project: a role opens
            # something only once it has been confirmed.
            models.CheckConstraint(
                condition=Q(is_active=False) | Q(confirmed_at__isnull=False),
                name="membership_active_is_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} / {self.organization} / {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        """Given, and waiting for a manager of the agency to confirm or refuse it."""
        return not self.is_active and self.confirmed_at is None and self.refused_at is None

    @property
    def status_label(self) -> "StrOrPromise":
        if self.is_active:
            return _("active")
        if self.is_pending:
            return _("waiting for the agency's confirmation")
        if self.refused_at is not None:
            return _("refused by the agency")
        return _("ended")


class ApiToken(TimestampedModel):
    """個人APIトークン (a personal API token). Only its SHA-256 is stored; the token itself is
    shown once when issued."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    read_only = models.BooleanField(
        _("read only"),
        default=False,
        help_text=_("A read-only token reads (GET) and changes nothing: for reports and exports."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @staticmethod
    def usable_q() -> Q:
        now = timezone.now()
        return Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
