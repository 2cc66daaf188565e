"""The auditor's box on the home page: today's sensitive events and the chain's state."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tsunagu.accounts.choices import Role
from tsunagu.audit import selectors
from tsunagu.audit.choices import Action
from tsunagu.core.panels import Panel, register

WATCHED = (
    "login_failed",
    "locked_out",
    "otp_failed",
    "csrf_failure",
    "api_auth_failed",
    "emergency_access",
    "export",
    "print",
)


def _auditor_context(request: HttpRequest) -> dict[str, Any]:
    today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    counts = selectors.event_counts_since(today)
    return {
        "watched": [(Action(a).label, a, counts.get(a, 0)) for a in WATCHED],
        "total_today": sum(counts.values()),
        "verification": selectors.latest_verification(),
    }


def register_all() -> None:
    register(
        Panel(
            "audit-today",
            "audit/includes/panel_today.html",
            _auditor_context,
            roles=frozenset({Role.AUDITOR}),
            order=20,
        )
    )
