"""Home-page box of the reviewers: emergency accesses waiting for their review."""

from typing import Any

from django.http import HttpRequest

from tsunagu.accounts.choices import Role
from tsunagu.core.panels import Panel, register
from tsunagu.sharing.selectors import emergency_queue


def _context(request: HttpRequest) -> dict[str, Any]:
    pending = emergency_queue(request.user).filter(reviewed_at__isnull=True)  # type: ignore[arg-type]
    return {"pending": list(pending.order_by("created_at")[:5]), "count": pending.count()}


def register_all() -> None:
    register(
        Panel(
            "emergency-review",
            "sharing/includes/panel.html",
            _context,
            roles=frozenset({Role.AUDITOR, Role.MANAGER}),
            order=4,
        )
    )
