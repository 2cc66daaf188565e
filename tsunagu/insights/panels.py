"""The home page's boxes of 政策化: a manager's year so far and the themes waiting for them; a
worker's requests for advice (to the hub, or from their agency) that wait for an answer."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import User
from tsunagu.core.calendar import fiscal_year_start
from tsunagu.core.panels import Panel, register
from tsunagu.insights import dashboard, selectors
from tsunagu.insights.choices import AdviceStatus, ResponseStatus


def _policy(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    scope = dashboard.scope_of(user)
    since, until = fiscal_year_start(), timezone.localdate()
    open_themes = selectors.themes(user).exclude(status=ResponseStatus.REVIEWED)
    return {
        "scope": scope,
        "since": since,
        "consultations": dashboard.consultations(scope, since, until).count(),
        "referrals": dashboard.referrals(scope, since, until).count(),
        "meetings": dashboard.meetings(scope, since, until).count(),
        "themes": list(
            open_themes.filter(Q(owner=user) | Q(owner__isnull=True)).order_by("due_on", "-pk")[:6]
        ),
        "open_themes": open_themes.count(),
    }


def _advice(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    waiting = selectors.advice_box(user, "inbox").filter(status=AdviceStatus.OPEN)
    answered = selectors.advice_box(user, "outbox").filter(
        status=AdviceStatus.ANSWERED, asked_by=user
    )
    return {"waiting": list(waiting[:5]), "answered": list(answered[:5])}


def register_all() -> None:
    register(
        Panel(
            "policy",
            "insights/includes/policy_panel.html",
            _policy,
            roles=frozenset({Role.MANAGER}),
            order=1,
        )
    )
    register(
        Panel(
            "advice",
            "insights/includes/advice_panel.html",
            _advice,
            roles=frozenset(CASE_ROLES),
            order=40,
        )
    )
