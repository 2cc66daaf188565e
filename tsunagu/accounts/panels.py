"""Home-page boxes of the accounts app: the user's own memberships and sign-in safety, and what
the account administrator must look at today."""

from typing import Any

from django.http import HttpRequest

from tsunagu.accounts import selectors
from tsunagu.accounts.choices import Role
from tsunagu.core.http import is_verified
from tsunagu.core.panels import Panel, register


def _me_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "memberships": user.active_memberships,  # type: ignore[union-attr]
        "two_factor_on": is_verified(user),
        "recent_sign_ins": selectors.recent_sign_ins(user),  # type: ignore[arg-type]
    }


def _admin_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "without_second_factor": selectors.users_without_second_factor()[:20],
        "locked_out": selectors.locked_out_emails()[:20],
        "organizations": selectors.organizations_with_staff_counts(),
    }


def _manager_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "pending_roles": selectors.pending_memberships_for_manager(request.user).count(),  # type: ignore[arg-type]
        "staff_by_role": selectors.staff_by_role(),
        "organizations": selectors.organizations_with_staff_counts(),
    }


def register_all() -> None:
    register(
        Panel(
            "accounts-staffing",
            "accounts/includes/panel_staffing.html",
            _manager_context,
            roles=frozenset({Role.MANAGER}),
            order=30,
        )
    )
    register(
        Panel(
            "accounts-admin",
            "accounts/includes/panel_admin.html",
            _admin_context,
            roles=frozenset({Role.ADMIN}),
            order=10,
        )
    )
    register(Panel("accounts-me", "accounts/includes/panel_me.html", _me_context, order=900))
