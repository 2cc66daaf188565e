"""記録の訂正: records are corrected, not overwritten. `correct` applies a change to a record and
keeps what each field was before as a Revision, in one transaction; `history` reads them back.
The callers (each app's correction service) check who may correct, validate and audit."""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from tsunagu.core.models import Revision
from tsunagu.core.wareki import format_date


def _plain(value: Any) -> Any:
    """A field's value as the history keeps it (JSON): a related row by its id, a date as ISO."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return (
            value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()
        )
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def record_type(record: models.Model) -> str:
    return record._meta.label_lower


@transaction.atomic
def correct(
    record: models.Model,
    *,
    actor: Any,
    changes: Mapping[str, Any],
    reason: str = "",
    extra: Mapping[str, tuple[Any, Any, Callable[[], None]]] | None = None,
    first_writing: bool = False,
) -> Revision | None:
    """Set `changes` (field → new value) on `record`, validate it, save it and keep the old
    values. `extra` carries what is not a field of the record (its 課題, say): name → (before,
    after, a function that applies it). Nothing changed: nothing saved, None. With
    `first_writing`, filling fields that were all empty is writing, not correcting: saved,
    with no revision (the minutes written after the meeting)."""
    # One correction of a record at a time: its row is locked until this one is written.
    type(record)._default_manager.select_for_update().filter(pk=record.pk).exists()
    changed: dict[str, list[Any]] = {}
    for field, value in changes.items():
        before = getattr(record, field)
        if before != value:
            changed[field] = [_plain(before), _plain(value)]
            setattr(record, field, value)
    for name, (before, after, _apply) in (extra or {}).items():
        if _plain(before) != _plain(after):
            changed[name] = [_plain(before), _plain(after)]
    if not changed:
        return None
    blank_before = all(before in (None, "", []) for before, _after in changed.values())
    record.full_clean()
    fields = [f for f in changes if f in changed]
    if fields:
        record.save(
            update_fields=[*fields, *(["updated_at"] if hasattr(record, "updated_at") else [])]
        )
    for name, (_before, _after, apply) in (extra or {}).items():
        if name in changed:
            apply()
    if first_writing and blank_before:
        return None
    kind = record_type(record)
    last = Revision.objects.filter(record_type=kind, record_id=record.pk)
    number = (last.aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        record_type=kind,
        record_id=record.pk,
        number=number,
        changes=changed,
        reason=reason.strip(),
        corrected_by=actor,
    )


def history(record: models.Model) -> list[Revision]:
    """The corrections of a record, oldest first."""
    return list(
        Revision.objects.filter(record_type=record_type(record), record_id=record.pk)
        .select_related("corrected_by")
        .order_by("number")
    )


def described_history(
    record: models.Model,
    date_style: str,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
) -> list[tuple[Revision, list[tuple[str, str, str]]]]:
    """The record's corrections, oldest first, each with what it changed as a person reads it
    (see describe)."""
    return [
        (revision, describe(revision, type(record), date_style, labels, formats))
        for revision in history(record)
    ]


def histories(records: Sequence[models.Model]) -> dict[int, list[Revision]]:
    """The corrections of several records of one kind (the notes of a case), in one query."""
    if not records:
        return {}
    found: dict[int, list[Revision]] = {}
    for revision in (
        Revision.objects.filter(
            record_type=record_type(records[0]), record_id__in=[r.pk for r in records]
        )
        .select_related("corrected_by")
        .order_by("number")
    ):
        found.setdefault(revision.record_id, []).append(revision)
    return found


def describe(
    revision: Revision,
    model: type[models.Model],
    date_style: str,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
) -> list[tuple[str, str, str]]:
    """What a correction changed, as a person reads it: (field, before, after), with choices by
    their label, dates in the reader's 和暦 or 西暦, lists joined; `labels` names what is not a
    field of the model (its 課題), `formats` shows a value its own way (stored risk flags)."""

    def shown(field: models.Field[Any, Any] | None, value: Any) -> str:
        if value in (None, "", []):
            return "—"
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.ForeignKey):  # a district by its name, not its id
            related = field.related_model._default_manager.filter(pk=value).first()
            return str(related) if related is not None else str(value)
        if isinstance(field, models.DateTimeField):
            moment = timezone.localtime(dt.datetime.fromisoformat(value))
            return f"{format_date(moment.date(), date_style)} {moment:%H:%M}"
        if isinstance(field, models.DateField):
            return format_date(dt.date.fromisoformat(value), date_style)
        return str(value)

    rows = []
    for name, (before, after) in revision.changes.items():
        try:
            field: models.Field[Any, Any] | None = model._meta.get_field(name)  # type: ignore[assignment]
        except FieldDoesNotExist:
            field = None
        # A related set (a gathering's attendance) has no verbose_name of its own.
        label = (labels or {}).get(name) or str(getattr(field, "verbose_name", None) or name)
        if name in (formats or {}):
            show = (formats or {})[name]
            rows.append((label, show(before) or "—", show(after) or "—"))
            continue
        rows.append((label, shown(field, before), shown(field, after)))
    return rows
