"""Writing accounts: agencies, people, roles, sign-in and second factor, API tokens."""

import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagu.accounts.choices import DateStyle, Role
from tsunagu.accounts.models import ApiToken, District, Membership, Organization, User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event

ACCOUNT_ADMIN_GROUP = "account administrators"
ACCOUNT_MODELS = ("user", "organization", "district", "membership", "apitoken")


# -- Agencies and districts -------------------------------------------------------------------


@transaction.atomic
def create_district(
    *, actor: Any, code: str, name: str, name_kana: str = "", description: str = ""
) -> District:
    """日常生活圏域を登録する (register a district)."""
    district = District(code=code, name=name, name_kana=name_kana, description=description)
    district.full_clean()
    district.save()
    record_event(
        actor=actor, action="create", obj=district, legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION
    )
    return district


@transaction.atomic
def create_organization(
    *,
    actor: Any,
    name: str,
    kind: str,
    fields: list[str] | None = None,
    districts: list[District] | None = None,
    is_coordinating_body: bool = False,
    **extra: Any,
) -> Organization:
    """支援関係機関を登録する (register an agency)."""
    organization = Organization(
        name=name,
        kind=kind,
        fields=list(fields or []),
        is_coordinating_body=is_coordinating_body,
        **extra,
    )
    organization.full_clean()
    organization.save()
    if districts:
        organization.districts.set(districts)
    record_event(
        actor=actor,
        action="create",
        obj=organization,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
    )
    return organization


# -- People and roles -------------------------------------------------------------------------


@transaction.atomic
def create_user(
    *,
    actor: Any,
    email: str,
    display_name: str,
    password: str | None = None,
    display_name_kana: str = "",
) -> User:
    """職員アカウントを作る (create an account). Without a password the account cannot sign
    in until one is set."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User(email=email, display_name=display_name, display_name_kana=display_name_kana)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        actor=actor, action="create", obj=user, legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION
    )
    return user


def _account_admin_group() -> Group:
    group, _created = Group.objects.get_or_create(name=ACCOUNT_ADMIN_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", content_type__model__in=ACCOUNT_MODELS
        )
        | Permission.objects.filter(content_type__app_label="intake", content_type__model="issue")
    )
    return group


def sync_staff_status(*, user: User) -> None:
    """The account administrator role opens the administration site for account models only;
    it never grants superuser rights, so it reads no case content."""
    is_admin = user.memberships.filter(role=Role.ADMIN, is_active=True).exists()
    group = _account_admin_group()
    if is_admin:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if user.is_staff != is_admin and not user.is_superuser:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])


@transaction.atomic
def grant_role(
    *, actor: Any, user: User, organization: Organization, role: str, title: str = ""
) -> Membership:
    """役割を付与する (give a user a role in an organization); idempotent."""
    membership, created = Membership.objects.get_or_create(
        user=user,
        organization=organization,
        role=role,
        defaults={"title": title},
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    membership.full_clean()
    sync_staff_status(user=user)
    record_event(
        actor=actor,
        action="create" if created else "update",
        obj=membership,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        detail={"user": user.email, "role": role, "organization": organization.name},
    )
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership) -> Membership:
    """役割を終了する (end a role, keeping its history)."""
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    sync_staff_status(user=membership.user)
    record_event(
        actor=actor,
        action="update",
        obj=membership,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        detail={"ended": True},
    )
    return membership


@transaction.atomic
def set_preferences(*, actor: User, date_style: str) -> User:
    """表示設定 (how this user wants dates shown)."""
    if date_style not in DateStyle.values:
        raise ValidationError({"date_style": _("Choose 和暦 or 西暦.")})
    actor.date_style = date_style
    actor.save(update_fields=["date_style"])
    record_event(actor=actor, action="update", obj=actor, detail={"date_style": date_style})
    return actor


# -- Signing in -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked_out: bool = False
    needs_second_factor: bool = False


def normalized_email(raw: object) -> str:
    """How an e-mail address is compared: ＡＢＣ@… and abc@… are one account."""
    return unicodedata.normalize("NFKC", str(raw)).strip().lower()


def sign_in(request: HttpRequest, *, email: str, password: str) -> SignInResult:
    """ログイン (check e-mail and password). django-axes counts the failures and locks the
    account after too many; every outcome leaves an audit row."""
    email = normalized_email(email)
    user = authenticate(request, username=email, password=password)
    if user is None:
        locked = bool(getattr(request, "axes_locked_out", False))
        known = User.objects.filter(email=email).first()
        record_event(
            actor=None,
            action="locked_out" if locked else "login_failed",
            actor_label=email[:254],
            object_type="accounts.user",
            object_id=known.pk if known else "",
        )
        return SignInResult(user=None, locked_out=locked)
    assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return SignInResult(user=user, needs_second_factor=has_device)


@transaction.atomic
def complete_sign_in(request: HttpRequest, *, user: User, device: Any = None) -> None:
    """Open the session (and mark it verified when a second factor was given)."""
    login(request, user, backend="tsunagu.accounts.backends.AccountBackend")
    if device is not None:
        otp_login(request, device)
    record_event(actor=user, action="login", obj=user, detail={"second_factor": device is not None})


def _normalize_code(code: str) -> str:
    return "".join(unicodedata.normalize("NFKC", code).split())


def check_second_factor(request: HttpRequest, *, user: User, code: str) -> Any:
    """二段階認証 (the six-digit code): the matching device, or None with an audit row."""
    device = match_token(user, _normalize_code(code))
    if device is None:
        record_event(actor=None, action="otp_failed", actor_label=user.email, obj=user)
    return device


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device this user is enrolling (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(
    request: HttpRequest, *, user: User, device: TOTPDevice, code: str
) -> bool:
    """Confirm enrolment with a code from the app; the session is then verified."""
    if not device.verify_token(_normalize_code(code)):
        record_event(actor=user, action="otp_failed", obj=user, detail={"enrolment": True})
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record_event(actor=user, action="otp_enrolled", obj=user)
    return True


def sign_out(request: HttpRequest) -> None:
    if request.user.is_authenticated:
        record_event(actor=request.user, action="logout", obj=request.user)
    logout(request)


def note_session_expired(*, user_id: int) -> None:
    """The session of this user ended by idleness (seen when they come back)."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        record_event(actor=None, action="session_expired", actor_label=user.email, obj=user)


def note_csrf_failure(request: HttpRequest, *, reason: str) -> None:
    user = request.user if request.user.is_authenticated else None
    record_event(actor=user, action="csrf_failure", detail={"reason": reason, "path": request.path})


# -- API tokens -------------------------------------------------------------------------------


@transaction.atomic
def issue_api_token(
    *, actor: Any, user: User, name: str = "", expires_at: Any = None
) -> tuple[ApiToken, str]:
    """個人APIトークンを発行する: returns the row and the token, which is never shown again."""
    from tsunagu.accounts.selectors import token_digest

    raw = "tsu_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name or _("Personal token"),
        prefix=raw[:12],
        token_hash=token_digest(raw),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    record_event(
        actor=actor,
        action="token_issued",
        obj=token,
        detail={"user": user.email, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    record_event(actor=actor, action="token_revoked", obj=token, detail={"prefix": token.prefix})
    return token


def note_api_auth_failure(*, raw: str, token: ApiToken | None) -> None:
    """A request with an unknown, revoked or expired token: one audit row, no secret kept."""
    record_event(
        actor=None,
        action="api_auth_failed",
        actor_label=token.user.email if token else "",
        object_type="accounts.apitoken",
        object_id=token.pk if token else "",
        detail={"prefix": raw[:12], "reason": "revoked or expired" if token else "unknown"},
    )


def lockout_key(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The account django-axes counts failures against: the normalized e-mail address, taken
    from the sign-in attempt, so that ＡＢＣ@… and abc@… count as one account."""
    raw = (credentials or {}).get("username") or request.POST.get("email") or ""
    return normalized_email(raw) or None
