"""Pieces every app's API uses: the caller's user, and 和暦/西暦 dates in JSON."""

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from pydantic import BeforeValidator

from tsunagu.core.wareki import DateReadError, parse_date


def _read_date(value: Any) -> Any:
    if value in (None, "") or isinstance(value, dt.date):
        return value or None
    try:
        return parse_date(str(value))
    except DateReadError as error:
        raise ValueError(str(error)) from error


#: A date given as 令和8年4月1日, R8.4.1, 2026-04-01 or 2026/4/1.
JapaneseDate = Annotated[dt.date | None, BeforeValidator(_read_date)]


def caller(request: HttpRequest, *roles: str) -> Any:
    """The authenticated user, who must hold one of `roles` (else 404, as on the pages)."""
    user = request.auth  # type: ignore[attr-defined]
    if roles and not user.has_role(*roles):
        raise Http404
    return user
