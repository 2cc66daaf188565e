"""Reading accounts."""

import hashlib
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.choices import TWO_FACTOR_ROLES, Role
from tsunagu.accounts.models import ApiToken, Membership, Organization, User


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def get_user_or_none(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).first()


def has_second_factor(user: User) -> bool:
    """二段階認証の設定済み: the user has a confirmed authenticator (TOTP) device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def lacks_required_second_factor(user: User) -> bool:
    """The user's roles require a second factor (and the deployment enforces it), but they
    have none set up: no API token may be issued to them or used by them."""
    from django.conf import settings

    return bool(
        settings.REQUIRE_TWO_FACTOR and user.requires_two_factor and not has_second_factor(user)
    )


def user_for_api_token(raw: str) -> tuple[User | None, ApiToken | None, str]:
    """The active user behind a usable token, the token row (which may be unusable, for the
    audit row of a refusal) and, when refused, why: "unknown", "revoked", "expired",
    "inactive user" or "no second factor" (a user who lost their device)."""
    token = ApiToken.objects.select_related("user").filter(token_hash=token_digest(raw)).first()
    if token is None:
        return None, None, "unknown"
    if token.revoked_at is not None:
        return None, token, "revoked"
    if not ApiToken.objects.filter(ApiToken.usable_q(), pk=token.pk).exists():
        return None, token, "expired"
    if not token.user.is_active:
        return None, token, "inactive user"
    if lacks_required_second_factor(token.user):
        return None, token, "no second factor"
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user, token, ""


def users_without_second_factor() -> QuerySet[User]:
    """Active users whose roles require a second factor but who have not enrolled one."""
    return (
        User.objects.filter(
            is_active=True, memberships__is_active=True, memberships__role__in=TWO_FACTOR_ROLES
        )
        .exclude(totpdevice__confirmed=True)
        .distinct()
        .order_by("email")
    )


def locked_out_emails() -> list[str]:
    """Accounts locked by repeated failed sign-ins (django-axes), newest first."""
    from axes.models import AccessAttempt
    from django.conf import settings

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        )
        .order_by("-attempt_time")
        .values_list("username", flat=True)
    )
    return list(dict.fromkeys(rows))


def organizations_with_staff_counts() -> QuerySet[Organization]:
    from django.db.models import Count, Q

    return (
        Organization.objects.filter(is_active=True)
        .annotate(
            staff=Count("memberships__user", filter=Q(memberships__is_active=True), distinct=True)
        )
        .order_by("name")
    )


def describe_user(user: User) -> dict[str, Any]:
    """The user, their organizations and roles: what `GET /api/v1/me` returns."""
    memberships = user.active_memberships
    primary = user.primary_organization
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "date_style": user.date_style,
        "organization": (
            {"id": primary.pk, "name": primary.name, "kind": primary.kind} if primary else None
        ),
        "roles": sorted(user.role_codes()),
        "memberships": [
            {
                "organization_id": m.organization_id,
                "organization": m.organization.name,
                "role": m.role,
                "title": m.title,
            }
            for m in memberships
        ],
        "two_factor_required": user.requires_two_factor,
    }


def recent_sign_ins(user: User, limit: int = 5) -> list[Any]:
    """This user's own last sign-ins and failures, so that they notice one that was not them."""
    from tsunagu.audit.models import AuditEvent

    return list(
        AuditEvent.objects.filter(
            object_type="accounts.user",
            object_id=str(user.pk),
            action__in=["login", "login_failed", "locked_out", "otp_failed"],
        ).order_by("-id")[:limit]
    )


def staff_by_role() -> list[tuple[str, int]]:
    """How many people hold each role across the town's agencies (no personal data)."""
    from django.db.models import Count

    from tsunagu.accounts.choices import Role
    from tsunagu.accounts.models import Membership

    counts = dict(
        Membership.objects.filter(is_active=True, user__is_active=True)
        .values("role")
        .annotate(n=Count("user", distinct=True))
        .values_list("role", "n")
    )
    return [(str(label), counts.get(code, 0)) for code, label in Role.choices]


def holders_of(
    *roles: str,
    organization: Organization | int | None = None,
    coordinating_body: bool = False,
) -> list[User]:
    """The active users who hold one of `roles` now (in `organization`, when given; in the
    多機関協働事業者, with `coordinating_body`), each once. The one way to ask who is to be told
    or asked: a role waiting for confirmation, a role ended or a user switched off is not here."""
    memberships = Membership.objects.active().filter(role__in=roles, user__is_active=True)
    if organization is not None:
        memberships = memberships.filter(organization=organization)
    if coordinating_body:
        memberships = memberships.filter(organization__is_coordinating_body=True)
    return list({m.user_id: m.user for m in memberships.select_related("user")}.values())


def supervisors(organization: Organization | int) -> list[User]:
    """Who at an agency hears at once of an urgent consultation or case: its 管理職 and its
    コーディネーター; where it has neither (a small office), everyone who works its cases."""
    from tsunagu.accounts.choices import CASE_ROLES

    return holders_of(Role.MANAGER, Role.COORDINATOR, organization=organization) or holders_of(
        *CASE_ROLES, organization=organization
    )


def belongs_to(user: User, organization: Organization | int) -> bool:
    """Does the user work at the organization now (a role there, confirmed and active)?"""
    return Membership.objects.active().filter(user=user, organization=organization).exists()


def role_confirmers(membership: Membership) -> list[User]:
    """Who may confirm a role given in an agency (役割の確認): its managers, except the person
    the role is given to and the one who gave it."""
    excluded = {membership.user_id, membership.granted_by_id}
    return [
        user
        for user in holders_of(Role.MANAGER, organization=membership.organization_id)
        if user.pk not in excluded
    ]


def managed_organization_ids(user: User) -> list[int]:
    """The agencies where the user is a manager (管理職)."""
    return sorted({m.organization_id for m in user.active_memberships if m.role == Role.MANAGER})


def pending_memberships_for_manager(user: User) -> QuerySet[Membership]:
    """役割の確認待ち: the roles given in the agencies this user manages that wait for a
    manager's confirmation, oldest first."""
    return (
        Membership.objects.pending()
        .filter(organization_id__in=managed_organization_ids(user))
        .select_related("user", "organization", "granted_by")
        .order_by("created_at", "pk")
    )


def get_pending_membership_for_manager(user: User, membership_id: int) -> Membership:
    """One waiting role of an agency this user manages, or 404 (missing and foreign alike)."""
    from django.http import Http404

    membership = pending_memberships_for_manager(user).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def tokens_of(user: User) -> list[ApiToken]:
    """The user's own API tokens, newest first."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))


def token_of(user: User, token_id: object) -> ApiToken:
    """One of the user's own tokens, or 404 (another's token is not theirs to revoke)."""
    digits = str(token_id or "")
    token = (
        ApiToken.objects.filter(user=user, pk=int(digits)).first()
        if digits.isascii() and digits.isdigit() and len(digits) <= 12
        else None
    )
    if token is None:
        raise Http404
    return token
