"""Pieces every app's API uses: the caller's user, 和暦/西暦 dates and code lists in JSON."""

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

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


@dataclass(frozen=True)
class Code:
    """A code of `choices` in JSON (``channel: Annotated[str, Code(Channel)]``): the code itself
    ("phone"), or its Japanese label where that names one code (「電話」 → "phone"); anything
    else is refused with the valid codes and their labels. The OpenAPI document lists the codes
    as an enum, each with its label."""

    choices: type[models.Choices]

    def labels(self) -> dict[str, str]:
        with translation.override("ja"):
            return {str(value): str(label) for value, label in self.choices.choices}

    def read(self, given: Any) -> Any:
        if given is None or not isinstance(given, str):
            return given
        labels = self.labels()
        text = given.strip()
        if text in labels:
            return text
        by_label = {label: value for value, label in labels.items()}
        if text in by_label:
            return by_label[text]
        raise ValueError(f"{given!r} is not one of: {self.known()}")

    def known(self) -> str:
        return ", ".join(f"{value} ({label})" for value, label in self.labels().items())

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.read, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.labels()), "description": self.known()}


#: The most rows one page of a list carries.
PAGE_MAX = 200


class Page[T](Schema):
    """One page of a list, as every list of the API answers: how many there are in all, the
    page asked for (`limit`, `offset`) and its rows."""

    total: int
    limit: int
    offset: int
    items: list[T]


def file_download(media_type: str, what: str) -> dict[str, Any]:
    """An operation's `openapi_extra` for a file it answers (a PDF, an attachment), so that a
    generated client keeps the bytes instead of expecting nothing."""
    return {
        "responses": {
            200: {
                "description": what,
                "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


class PageFilters(Schema):
    """The page a list is asked for (`limit` 1–PAGE_MAX rows from `offset`); a list's filters
    add to it."""

    limit: int = 50
    offset: int = 0


def page_of(rows: QuerySet[Any], asked: PageFilters) -> tuple[list[Any], dict[str, int]]:
    """The rows of one page of a list (limit 1–PAGE_MAX), and the page's numbers."""
    limit, offset = min(max(asked.limit, 1), PAGE_MAX), min(max(asked.offset, 0), 10**9)
    return list(rows[offset : offset + limit]), {
        "total": rows.count(),
        "limit": limit,
        "offset": offset,
    }


def pick[M: Model](rows: QuerySet[M], pk: int | None, field: str) -> M | None:
    """The row an id of the payload names, or a refusal naming the field (never a 500)."""
    if pk is None:
        return None
    found = rows.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if found is None:
        raise ValidationError({field: _("No such id: %(ids)s") % {"ids": pk}})
    return found


def picks[M: Model](rows: QuerySet[M], pks: list[int], field: str) -> list[M]:
    # An id beyond a database integer is no row's (and would overflow SQLite's binding).
    found = {row.pk: row for row in rows.filter(pk__in=[pk for pk in pks if 0 < pk < 2**63])}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        raise ValidationError(
            {field: _("No such id: %(ids)s") % {"ids": ", ".join(map(str, missing))}}
        )
    return [found[pk] for pk in dict.fromkeys(pks)]
