"""The home page's box of 地域づくり: the gatherings' follow-ups to do, and the places nobody
has dropped in at for a while."""

from typing import Any

from django.http import HttpRequest

from tsunagu.accounts.choices import Role
from tsunagu.community import selectors
from tsunagu.core.panels import Panel, register


def _community(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "follow_ups": list(selectors.my_follow_ups(user)[:8]),  # type: ignore[arg-type]
        "not_visited": list(selectors.not_visited(user)[:5]),  # type: ignore[arg-type]
        "months": selectors.VISIT_EVERY_MONTHS,
    }


def register_all() -> None:
    register(
        Panel(
            "community",
            "community/includes/panel.html",
            _community,
            roles=frozenset({Role.COMMUNITY_COORDINATOR}),
            order=2,
        )
    )
