"""Writing accounts: agencies, people, roles, sign-in and second factor, API tokens."""

import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
    *,
    actor: Any,
    code: str,
    name: str,
    name_kana: str = "",
    description: str = "",
    population: int | None = None,
) -> District:
    """日常生活圏域を登録する (register a district)."""
    district = District(
        code=code, name=name, name_kana=name_kana, description=description, population=population
    )
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
        | Permission.objects.filter(content_type__app_label="search", content_type__model="synonym")
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


def grant_needs_confirmation(*, actor: Any, user: User, organization: Organization) -> bool:
    """役割の確認が要るか: a role given by a person to themselves, or in an agency where they are
    not the account administrator, waits for a manager of that agency. The system (set-up, the
    demo, `tsunagu grant_role`: actor None) gives roles at once."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.pk == user.pk:
        return True
    administered = {m.organization_id for m in actor.active_memberships if m.role == Role.ADMIN}
    return organization.pk not in administered


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    user: User,
    organization: Organization,
    role: str,
    title: str = "",
    can_declare_emergency: bool = False,
) -> Membership:
    """役割を付与する (give a user a role in an organization); idempotent.

    Given to oneself, or in an agency other than the administrator's own, the role waits for a
    manager of that agency to confirm it (`confirm_membership`), and those managers are told;
    until then it opens nothing (it is not active). Adding the emergency right to a role is
    giving it anew. The system's grants (actor None) are confirmed at once."""
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .filter(user=user, organization=organization, role=role)
        .first()
    )
    created = membership is None
    if membership is None:
        membership = Membership(
            user=user, organization=organization, role=role, title=title, is_active=False
        )
    widens = (
        created
        or not membership.is_active
        or (can_declare_emergency and not membership.can_declare_emergency)
    )
    if not widens:
        return membership
    pending = grant_needs_confirmation(actor=actor, user=user, organization=organization)
    if pending and not created and membership.is_pending:
        # Waiting already: its managers were told when it was first given.
        if can_declare_emergency and not membership.can_declare_emergency:
            membership.can_declare_emergency = True
            membership.save(update_fields=["can_declare_emergency", "updated_at"])
        return membership
    granter = actor if getattr(actor, "is_authenticated", False) else None
    membership.title = title or membership.title
    # A role given (again) carries the emergency right the grant names; on a role in force the
    # grant widens only by adding it.
    membership.can_declare_emergency = can_declare_emergency
    membership.granted_by = granter
    membership.refused_at = None
    membership.is_active = not pending
    membership.confirmed_at = None if pending else timezone.now()
    membership.confirmed_by = None if pending else granter
    membership.full_clean()
    membership.save()
    sync_staff_status(user=user)
    record_event(
        actor=actor,
        action="create" if created else "update",
        obj=membership,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        detail={
            "user": user.email,
            "role": role,
            "organization": organization.name,
            "emergency_right": membership.can_declare_emergency,
            "pending": pending,
        },
    )
    if pending:
        _ask_for_confirmation(membership)
    return membership


def _ask_for_confirmation(membership: Membership) -> None:
    """Tell the managers who may confirm the role; when there is none, tell the one who gave it
    and the auditors that it will wait until the agency has one."""
    from tsunagu.accounts.selectors import holders_of, role_confirmers
    from tsunagu.notifications.models import Kind
    from tsunagu.notifications.services import notify

    params = {
        "granter": membership.granted_by or "",
        "user": membership.user,
        "role": membership.get_role_display(),
        "organization": membership.organization.name,
    }
    confirmers = role_confirmers(membership)
    if confirmers:
        notify(
            users=confirmers,
            kind=Kind.ROLE,
            message=gettext_lazy(
                "%(granter)s gave %(user)s the role %(role)s in %(organization)s. It opens "
                "nothing until a manager of %(organization)s confirms it."
            ),
            params=params,
            url=reverse("accounts:pending-roles"),
        )
        return
    notify(
        users=[u for u in [membership.granted_by, *holders_of(Role.AUDITOR)] if u is not None],
        kind=Kind.ROLE,
        message=gettext_lazy(
            "The role %(role)s of %(user)s in %(organization)s waits for a manager of "
            "%(organization)s to confirm it, but %(organization)s has no other manager who "
            "may: it stays closed."
        ),
        params=params,
    )


def _record_decision(membership: Membership, *, actor: User, confirmed: bool) -> None:
    """The audit row of a manager's decision, and word of it to the one who gave the role and
    the one it was given to."""
    from tsunagu.notifications.models import Kind
    from tsunagu.notifications.services import notify

    record_event(
        actor=actor,
        action="role_confirmed" if confirmed else "role_refused",
        obj=membership,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        detail={
            "user": membership.user.email,
            "role": membership.role,
            "organization": membership.organization.name,
            "granted_by": membership.granted_by.email if membership.granted_by else None,
        },
    )
    notify(
        users=[u for u in [membership.granted_by, membership.user] if u is not None],
        kind=Kind.ROLE,
        message=gettext_lazy(
            "%(manager)s confirmed the role %(role)s of %(user)s in %(organization)s."
        )
        if confirmed
        else gettext_lazy("%(manager)s refused the role %(role)s of %(user)s in %(organization)s."),
        params={
            "manager": actor,
            "user": membership.user,
            "role": membership.get_role_display(),
            "organization": membership.organization.name,
        },
    )


def _decide_membership(*, actor: User, membership: Membership) -> Membership:
    """The checks both decisions share: a manager of the agency, not the one the role is given to
    nor the one who gave it, on a role still waiting."""
    from tsunagu.accounts.access import may_decide_membership

    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organization", "granted_by")
        .get(pk=membership.pk)
    )
    if not may_decide_membership(actor, membership):
        raise PermissionDenied(
            _(
                "Only another manager of %(organization)s may decide on this role: not the "
                "person it is given to, nor the one who gave it."
            )
            % {"organization": membership.organization.name}
        )
    if not membership.is_pending:
        raise ValidationError(_("This role is no longer waiting for confirmation."))
    return membership


@transaction.atomic
def confirm_membership(*, actor: User, membership: Membership) -> Membership:
    """役割を確認する (a manager of the agency confirms a role given in it): from now on it
    counts. The one who gave it and the one who holds it are told."""
    membership = _decide_membership(actor=actor, membership=membership)
    membership.is_active = True
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = actor
    membership.full_clean()
    membership.save()
    sync_staff_status(user=membership.user)
    _record_decision(membership, actor=actor, confirmed=True)
    return membership


@transaction.atomic
def refuse_membership(*, actor: User, membership: Membership) -> Membership:
    """役割を承認しない (a manager of the agency refuses a role given in it): it never opens
    anything. The row stays, with the refusal, for the history."""
    membership = _decide_membership(actor=actor, membership=membership)
    membership.refused_at = timezone.now()
    membership.save(update_fields=["refused_at", "updated_at"])
    _record_decision(membership, actor=actor, confirmed=False)
    return membership


@transaction.atomic
def change_membership(
    *, actor: Any, membership: Membership, title: str, can_declare_emergency: bool
) -> Membership:
    """役割の変更 (a role's job title, or its emergency right). Adding the emergency right is
    giving the role anew (`grant_role`); taking it away or renaming the title is not."""
    if can_declare_emergency and not membership.can_declare_emergency:
        membership = grant_role(
            actor=actor,
            user=membership.user,
            organization=membership.organization,
            role=membership.role,
            title=title,
            can_declare_emergency=True,
        )
    changed = {"title": title, "can_declare_emergency": can_declare_emergency}
    changed = {k: v for k, v in changed.items() if getattr(membership, k) != v}
    if changed:
        for field, value in changed.items():
            setattr(membership, field, value)
        membership.full_clean()
        membership.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=actor,
            action="update",
            obj=membership,
            legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
            detail={"user": membership.user.email, **changed},
        )
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership) -> Membership:
    """役割を終了する (end a role, keeping its history). A role still waiting for confirmation
    is withdrawn: its managers no longer see it to decide."""
    withdrawn = membership.is_pending
    if withdrawn:
        membership.refused_at = timezone.now()
    membership.is_active = False
    membership.save(update_fields=["is_active", "refused_at", "updated_at"])
    sync_staff_status(user=membership.user)
    record_event(
        actor=actor,
        action="update",
        obj=membership,
        legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        detail={"withdrawn": True} if withdrawn else {"ended": True},
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


#: How long a token lives unless told otherwise: one quarter. A script reading case data is
#: reviewed as often as the roles of its user (四半期の棚卸し); a leaked token works at most that
#: long, and renewing a script's token four times a year is little work.
API_TOKEN_DAYS = 90
#: The longest a token may live: a year, so that no token outlives a yearly review.
API_TOKEN_MAX_DAYS = 366


@transaction.atomic
def issue_api_token(
    *, actor: Any, user: User, name: str = "", days: int = API_TOKEN_DAYS, read_only: bool = False
) -> tuple[ApiToken, str]:
    """個人APIトークンを発行する: returns the row and the token, which is never shown again.
    It expires after `days`, and is refused to a user whose role needs a second factor that
    they have not set up: a token must not be a way around it."""
    from tsunagu.accounts.selectors import lacks_required_second_factor, token_digest

    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("A token lives from 1 to %(max)d days.") % {"max": API_TOKEN_MAX_DAYS}}
        )
    if not user.is_active:
        raise ValidationError({"user": _("The account is not active.")})
    if lacks_required_second_factor(user):
        raise ValidationError(
            {
                "user": _(
                    "%(email)s has not set up two-factor authentication, which their role "
                    "requires. They sign in once and set up the authenticator app; then a token "
                    "can be issued."
                )
                % {"email": user.email}
            }
        )
    raw = "tsu_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name or _("Personal token"),
        prefix=raw[:12],
        token_hash=token_digest(raw),
        expires_at=timezone.now() + dt.timedelta(days=days),
        read_only=read_only,
    )
    token.full_clean()
    token.save()
    record_event(
        actor=actor,
        action="token_issued",
        obj=token,
        detail={
            "user": user.email,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
            "read_only": read_only,
        },
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    record_event(actor=actor, action="token_revoked", obj=token, detail={"prefix": token.prefix})
    return token


def note_api_auth_failure(*, raw: str, token: ApiToken | None, reason: str = "") -> None:
    """A request with a token that is refused (unknown, revoked, expired, or its user lacks the
    second factor): one audit row with why, no secret kept."""
    record_event(
        actor=None,
        action="api_auth_failed",
        actor_label=token.user.email if token else "",
        object_type="accounts.apitoken",
        object_id=token.pk if token else "",
        detail={"prefix": raw[:12], "reason": reason or ("refused" if token else "unknown")},
    )


def lockout_key(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The account django-axes counts failures against: the normalized e-mail address, taken
    from the sign-in attempt, so that ＡＢＣ@… and abc@… count as one account."""
    raw = (credentials or {}).get("username") or request.POST.get("email") or ""
    return normalized_email(raw) or None
