"""Home-page boxes of outreach: the worker's visits due, and a reporter's own reports."""

from typing import Any

from django.http import HttpRequest

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.audit.services import record_listing
from tsunagu.core.panels import Panel, register
from tsunagu.outreach import selectors


def _due(request: HttpRequest) -> dict[str, Any]:
    due = selectors.due_targets(request.user)  # type: ignore[arg-type]
    shown = list(due[:8])
    record_listing(actor=request.user, rows=shown, what=selectors.TARGETS)
    return {"due": shown, "count": due.count()}


def _mine(request: HttpRequest) -> dict[str, Any]:
    shown = list(selectors.my_concerns(request.user)[:8])  # type: ignore[arg-type]
    record_listing(actor=request.user, rows=shown, what=selectors.CONCERNS)
    return {"concerns": shown}


def register_all() -> None:
    register(
        Panel(
            "outreach-due",
            "outreach/includes/panel_due.html",
            _due,
            roles=frozenset(CASE_ROLES),
            order=2,
        )
    )
    register(
        Panel(
            "outreach-mine",
            "outreach/includes/panel_mine.html",
            _mine,
            roles=frozenset({Role.REPORTER}),
            order=1,
        )
    )
