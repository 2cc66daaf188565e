"""Home-page box of meetings: the coming ones the user's organization attends."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.core.panels import Panel, register
from tsunagu.meetings.selectors import meetings_for


def _context(request: HttpRequest) -> dict[str, Any]:
    coming = meetings_for(request.user).filter(held_at__gte=timezone.now()).order_by("held_at")  # type: ignore[arg-type]
    return {"coming": list(coming[:5])}


def register_all() -> None:
    register(
        Panel(
            "meetings",
            "meetings/includes/panel.html",
            _context,
            roles=frozenset(CASE_ROLES),
            order=3,
        )
    )
