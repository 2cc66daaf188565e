"""Reading accounts."""

import hashlib
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tsunagu.accounts.choices import TWO_FACTOR_ROLES
from tsunagu.accounts.models import ApiToken, Organization, User


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def get_user_or_none(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).first()


def user_for_api_token(raw: str) -> tuple[User | None, ApiToken | None]:
    """The active user behind a usable token, and the token row (which may be revoked or
    expired, for the audit row of a refusal)."""
    token = ApiToken.objects.select_related("user").filter(token_hash=token_digest(raw)).first()
    if token is None:
        return None, None
    usable = ApiToken.objects.filter(ApiToken.usable_q(), pk=token.pk).exists()
    if not usable or not token.user.is_active:
        return None, token
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user, token


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
