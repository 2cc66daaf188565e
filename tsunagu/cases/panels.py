"""Home-page boxes of case work: what is due today and overdue, and the worker's caseload."""

from typing import Any

from django.http import HttpRequest

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.cases import selectors
from tsunagu.core.panels import Panel, register


def _today_context(request: HttpRequest) -> dict[str, Any]:
    due = selectors.tasks_due(request.user)  # type: ignore[arg-type]
    cases = {t.case_id: t.case for tasks in due.values() for t in tasks}
    cards = selectors.read_caseload(request.user, list(cases.values()), what=selectors.TASKS_DUE)  # type: ignore[arg-type]
    return {
        key: [(task, cards[task.case_id].label) for task in tasks] for key, tasks in due.items()
    }


def _urgent_context(request: HttpRequest) -> dict[str, Any]:
    from tsunagu.intake.selectors import UNDECIDED_AFTER_BUSINESS_DAYS

    return {
        "queue": selectors.read_urgent_queue(request.user, limit=8, list_undecided=False),  # type: ignore[arg-type]
        "undecided_after": UNDECIDED_AFTER_BUSINESS_DAYS,
    }


def _caseload_context(request: HttpRequest) -> dict[str, Any]:
    return {"by_status": selectors.cases_by_status(request.user)}  # type: ignore[arg-type]


def register_all() -> None:
    register(
        Panel(
            "urgent",
            "cases/includes/panel_urgent.html",
            _urgent_context,
            roles=frozenset(CASE_ROLES | {Role.MANAGER}),
            order=0,
        )
    )
    register(
        Panel(
            "cases-today",
            "cases/includes/panel_today.html",
            _today_context,
            roles=frozenset(CASE_ROLES),
            order=1,
        )
    )
    register(
        Panel(
            "cases-mine",
            "cases/includes/panel_caseload.html",
            _caseload_context,
            roles=frozenset(CASE_ROLES | {Role.MANAGER}),
            order=5,
        )
    )
