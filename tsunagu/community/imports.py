"""自治体標準 イベント一覧 into 地域づくり: every row of an event list becomes (or updates) one
public gathering, keyed by (全国地方公共団体コード, ID), so that a town's own events and those of
its partners appear on the public pages and in the town's calendar. The file is read and
reported by the directory's importer (tsunagu.resources: the columns understood by their
standard names, each problem by row and column), and the rows are kept all or none."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.community.models import Gathering, GatheringType
from tsunagu.community.services import GATHERING_FIELDS
from tsunagu.resources import opendata
from tsunagu.resources.services import (
    DATASET_IMPORTERS,
    ImportReport,
    import_rows,
    row_key,
    row_url,
)

#: The kind an imported event takes (a town renames it, or moves events to its own kinds).
IMPORTED_TYPE = ("event", "催し・イベント", "もよおし・イベント")


@dataclass
class _Event:
    key: tuple[str, str]
    fields: dict[str, Any]


def _event(row: opendata.Row, header: opendata.Header) -> _Event | None:
    values, problems = row.values, row.problems

    def problem(name: str, message: str) -> None:
        problems.append(opendata.Problem(row.number, opendata.column_of(header, name), message))

    name, code, ident = row_key(values, problem)
    starts_on = opendata.read_date(values.get("starts_on", ""))
    if starts_on is None:
        problem("starts_on", _("Every event needs its first day (2026-12-05 or 2026/12/5)."))
    ends_text = values.get("ends_on", "")
    ends_on = opendata.read_date(ends_text) if ends_text else None
    if ends_text and ends_on is None:
        problem("ends_on", _("Not a date: %(value)s") % {"value": ends_text})
    elif starts_on and ends_on and ends_on < starts_on:
        problem("ends_on", _("The last day cannot be before the first."))
    times: dict[str, dt.time | None] = {}
    for field, column in (("starts_at", "starts_at"), ("ends_at", "ends_at")):
        # 推奨データセット: 開始時間・終了時間; the registry's: 開始時刻・終了時刻.
        text = values.get(column, "") or values.get(
            "opens" if field == "starts_at" else "closes", ""
        )
        times[field] = opendata.read_time(text) if text else None
        if text and times[field] is None:
            problem(column, _("Write the time as 9:00 or 9時: %(value)s") % {"value": text})
    if times["starts_at"] and times["ends_at"] and times["ends_at"] <= times["starts_at"]:
        times["ends_at"] = None  # an end before the start (past midnight): the start alone
    url = row_url(values, problem)
    capacity = values.get("capacity", "")
    if capacity and not (capacity.isdigit() and int(capacity) <= 100_000):
        problem(
            "capacity",
            _("Write the capacity as a number of people: %(value)s") % {"value": capacity},
        )
    if problems:
        return None
    contact = " ".join(
        p
        for p in (values.get("contact_name", ""), opendata.read_phone(values.get("phone", "")))
        if p
    )
    description = "\n".join(
        p for p in (values.get("description", ""), values.get("schedule_note", "")) if p
    )
    fee = values.get("fees", "")
    return _Event(
        key=(code, ident[:40]),
        fields={
            "title": name[:200],
            "held_on": starts_on,
            "ends_on": ends_on if ends_on != starts_on else None,
            **times,
            "venue": (values.get("location_name") or values.get("address", ""))[:300],
            "description": description,
            "application": values.get("application", "")[:300],
            "fee": ("無料" if fee == "0" else fee)[:100],
            "capacity": int(capacity) if capacity.isdigit() else None,
            "contact": contact[:200],
            "url": url[:500],
        },
    )


class _Writer:
    def __init__(self, kind: GatheringType, actor: User | None) -> None:
        self.kind, self.actor = kind, actor

    def save(self, event: _Event) -> bool:
        code, ident = event.key
        found = Gathering.objects.filter(source_code=code, source_id=ident).first()
        if found is None:
            found = Gathering(
                type=self.kind, source_code=code, source_id=ident, recorded_by=self.actor
            )
        created = found.pk is None
        if created:
            found.public = True  # an open-data event is public; staff may take it off later
        for name, value in event.fields.items():
            assert name in GATHERING_FIELDS  # noqa: S101 - only a gathering's own fields
            setattr(found, name, value)
        found.full_clean()
        found.save()
        return created


def import_events(
    *,
    actor: User | None,
    header: opendata.Header,
    rows: Iterator[opendata.Row],
    report: ImportReport,
    source_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> None:
    """イベント一覧の取込 (the directory's importer hands the file over): all or nothing."""
    code, name, easy = IMPORTED_TYPE
    kind, _created = GatheringType.objects.get_or_create(
        code=code, defaults={"name": name, "easy_name": easy, "order": 90}
    )
    writer = _Writer(kind, actor)
    import_rows(
        report=report,
        rows=rows,
        read=lambda row: _event(row, header),
        save=writer.save,
        finish=lambda: None,
        audited=(actor, "community.gathering", source_name),
        progress=progress,
    )


def register() -> None:
    DATASET_IMPORTERS["event"] = import_events
