"""The home page's box of 参加支援: the steps coming up (visits to go along to, follow-ups)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tsunagu.accounts.choices import Role
from tsunagu.core.panels import Panel, register
from tsunagu.participation import selectors
from tsunagu.participation.choices import ACTIVE_STAGES
from tsunagu.participation.models import HostAccount, Step

#: How far ahead the box looks.
AHEAD_DAYS = 14


def _coming_up(request: HttpRequest) -> dict[str, Any]:
    until = timezone.localdate() + dt.timedelta(days=AHEAD_DAYS)
    steps = list(
        Step.objects.filter(
            participation__in=selectors.visible_participations(request.user).filter(  # type: ignore[arg-type]
                stage__in=ACTIVE_STAGES
            ),
            happened_on__isnull=True,
            planned_on__lte=until,
        )
        .select_related("participation__resource", "participation__case", "accompanied_by")
        .order_by("planned_on", "pk")[:8]
    )
    cards = selectors.record_participations(request.user, [s.participation for s in steps])  # type: ignore[arg-type]
    return {"steps": [(step, cards.get(step.participation.case_id)) for step in steps]}


def _host(request: HttpRequest) -> dict[str, Any]:
    host = HostAccount.objects.filter(user=request.user).select_related("provider").first()  # type: ignore[misc]
    return {"host": host}


def register_all() -> None:
    register(Panel("participation-host", "participation/includes/panel_host.html", _host, order=0))
    register(
        Panel(
            "participation-coming-up",
            "participation/includes/panel_coming_up.html",
            _coming_up,
            roles=frozenset({Role.PARTICIPATION_COORDINATOR}),
            order=2,
        )
    )
