"""Home-page box of referrals: what waits in the inbox, and the latest answers to ours."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.core.panels import Panel, register
from tsunagu.referrals import selectors
from tsunagu.referrals.choices import ReferralStatus


def _context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    waiting = selectors.inbox(user).filter(  # type: ignore[arg-type]
        status__in=[ReferralStatus.SENT, ReferralStatus.RECEIVED]
    )
    answered = (
        selectors.outbox(user)  # type: ignore[arg-type]
        .exclude(status=ReferralStatus.SENT)
        .filter(updated_at__gte=timezone.now() - dt.timedelta(days=14))[:5]
    )
    return {
        "waiting": list(waiting[:5]),
        "waiting_count": waiting.count(),
        "answered": list(answered),
    }


def register_all() -> None:
    register(
        Panel(
            "referrals",
            "referrals/includes/panel.html",
            _context,
            roles=frozenset(CASE_ROLES),
            order=2,
        )
    )
