"""Writes of the directory: the import of 自治体標準オープンデータ (all rows or none, a re-import
updates what it made), each write audited."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.resources import opendata
from tsunagu.resources.choices import ConfirmedHow, ProviderKind, Tier
from tsunagu.resources.models import (
    Capacity,
    ClosedPeriod,
    Confirmation,
    ImportRun,
    Kind,
    Location,
    Provider,
    Resource,
    ResourceLocation,
    Schedule,
    words_of,
)
from tsunagu.resources.selectors import CLOSABLE, PUBLIC, Listing

#: At most this many problems are kept for the report (a broken file can have one per row).
MAX_PROBLEMS = 200


def check_entry(resource: Resource) -> None:
    """What an entry must be before it is saved: a place the public may list but not find
    (its address or contact closed to them) gives the public a front door instead; only known
    fields are closed further, to a known tier."""
    errors: dict[str, str] = {}
    unknown = {
        name: tier
        for name, tier in (resource.field_tiers or {}).items()
        if name not in CLOSABLE or tier not in Tier.values
    }
    if unknown:
        errors["field_tiers"] = _("Only these fields can be closed further: %(fields)s") % {
            "fields": "、".join(CLOSABLE)
        }
    closed_to_public = any(tier != Tier.PUBLIC for tier in (resource.field_tiers or {}).values())
    if resource.pk:
        closed_to_public = closed_to_public or Listing(resource, PUBLIC).withholds
    if resource.tier == Tier.PUBLIC and closed_to_public and not resource.front_door.strip():
        errors["front_door"] = _(
            "Part of this place is closed to the public: give the public a contact "
            "instead (a front door, e.g. 福祉課の窓口 and its phone)."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_hours(
    *, actor: User | None, resource: Resource, weekday: int, opens_at: dt.time, closes_at: dt.time
) -> Schedule:
    """曜日と時間を登録する (one day's hours; a second span that day is a second row)."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The closing time is before the opening time.")})
    schedule = Schedule.objects.create(
        resource=resource, weekday=weekday, opens_at=opens_at, closes_at=closes_at
    )
    record_event(actor=actor, action=Action.UPDATE, obj=resource, detail={"hours": weekday})
    return schedule


@transaction.atomic
def set_capacity(
    *,
    actor: User | None,
    resource: Resource,
    unit: str,
    available: int,
    maximum: int | None = None,
    description: str = "",
) -> Capacity:
    """空きを更新する: how many more it can take now, in its unit (席, 枠, 人)."""
    errors: dict[str, str] = {}
    if not unit.strip():
        errors["unit"] = _("Say what is counted (席, 枠, 人 …).")
    if available < 0:
        errors["available"] = _("Capacity cannot be below zero: write 0 when it is full.")
    elif maximum is not None and available > maximum:
        errors["maximum"] = _("More places are free than it has: check the maximum.")
    if errors:
        raise ValidationError(errors)
    capacity, _created = Capacity.objects.update_or_create(
        resource=resource,
        unit=unit.strip(),
        defaults={
            "available": available,
            "maximum": maximum,
            "description": description,
            "updated_at": timezone.now(),
        },
    )
    record_event(actor=actor, action=Action.UPDATE, obj=resource, detail={"capacity": unit})
    return capacity


@transaction.atomic
def confirm_entry(*, actor: User, resource: Resource, how: str, note: str = "") -> Confirmation:
    """鮮度: the entry is still as it says, seen today by a visit, a call or the host."""
    if how not in ConfirmedHow.values:
        raise ValidationError({"how": _("Say how it was confirmed.")})
    confirmation = Confirmation.objects.create(
        resource=resource,
        confirmed_on=timezone.localdate(),
        how=how,
        confirmed_by=actor,
        note=note.strip(),
    )
    record_event(actor=actor, action=Action.UPDATE, obj=resource, detail={"confirmed": how})
    return confirmation


@dataclass
class ImportReport:
    """What an import understood and did (or, in a dry run or with problems, would do)."""

    dataset: str
    dry_run: bool
    understood: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    problems: list[opendata.Problem] = field(default_factory=list)
    more_problems: int = 0

    @property
    def imported(self) -> bool:
        """The rows are in the directory now (not a dry run, no problem, at least one row)."""
        return not self.dry_run and not self.problems and self.rows > 0

    @property
    def dataset_label(self) -> str:
        return str(opendata.DATASETS.get(self.dataset, self.dataset))

    def add(self, problem: opendata.Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems += 1


def import_opendata(
    *,
    actor: User | None,
    stream: IO[bytes],
    dataset: str | None = None,
    dry_run: bool = False,
    source_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """自治体標準オープンデータの取込: every row of the file becomes (or updates) one public
    entry, keyed by (dataset, 全国地方公共団体コード, ID). All or nothing: a problem in any row
    and nothing is imported; the report names each problem's row and column. A dry run reads,
    checks and counts what would be created and updated, and keeps nothing."""
    try:
        header, rows = opendata.read_rows(stream, dataset)
    except opendata.UnknownEncoding as error:
        report = ImportReport(dataset=dataset or "", dry_run=dry_run)
        report.add(opendata.Problem(0, "", str(error)))
        return report
    report = ImportReport(
        dataset=header.dataset,
        dry_run=dry_run,
        understood=header.understood(),
        ignored=header.ignored,
    )
    for missing in header.missing:
        report.add(
            opendata.Problem(
                1,
                str(opendata.COLUMNS[missing][0]),
                _("This column is required and the file has none like it."),
            )
        )
    if report.problems:
        return report
    importer = DATASET_IMPORTERS.get(header.dataset)
    if importer is not None:
        importer(
            actor=actor,
            header=header,
            rows=rows,
            report=report,
            source_name=source_name,
            progress=progress,
        )
        return report
    kind, _created = Kind.objects.get_or_create(
        code=header.dataset.replace("_", "-"),
        defaults={"name": report.dataset_label, "order": 900},
    )
    writer = _Writer(_Known(header.dataset), kind, actor, timezone.localdate())
    import_rows(
        report=report,
        rows=rows,
        read=lambda row: _entry(header, row),
        save=writer.save,
        finish=writer.flush,
        audited=(actor, "resources.resource", source_name),
        progress=progress,
    )
    return report


def import_rows[T](
    *,
    report: ImportReport,
    rows: Iterable[opendata.Row],
    read: Callable[[opendata.Row], T | None],
    save: Callable[[T], bool],
    finish: Callable[[], None],
    audited: tuple[User | None, str, str],
    progress: Callable[[int], None] | None = None,
) -> None:
    """The one loop of every open-data import: each row `read` into what it becomes (None
    with its problems added to the row), `save`d while no row has a problem (True: created),
    `finish`ed, and then kept only when no row had a problem and it is no dry run — all or
    nothing — with one audit row: `audited` = (who, the kind of record, the file's name)."""
    try:
        with transaction.atomic():
            for row in rows:
                report.rows += 1
                entry = read(row)
                for problem in row.problems:
                    report.add(problem)
                if entry is not None and not row.problems and not report.problems:
                    created = save(entry)
                    report.created += created
                    report.updated += not created
                if progress is not None:
                    progress(report.rows)
            if not report.problems:
                finish()
            if report.problems or report.dry_run or not report.rows:
                transaction.set_rollback(True)
            else:
                actor, object_type, source_name = audited
                record_event(
                    actor=actor,
                    action=Action.IMPORT,
                    object_type=object_type,
                    detail={
                        "dataset": report.dataset,
                        "file": source_name,
                        "rows": report.rows,
                        "created": report.created,
                        "updated": report.updated,
                    },
                )
    except opendata.UnknownEncoding as error:
        report.add(opendata.Problem(report.rows + 1, "", str(error)))


#: Datasets another app imports into its own records (イベント一覧 → 地域づくり's gatherings),
#: by dataset code; that app registers its importer when it loads (`AppConfig.ready`).
DATASET_IMPORTERS: dict[str, Callable[..., None]] = {}


#: Who keeps the directory from the web: imports and their reports.
DIRECTORY_KEEPERS = (Role.COORDINATOR, Role.PARTICIPATION_COORDINATOR, Role.COMMUNITY_COORDINATOR)
#: The largest file the web page takes (a town's 公共施設一覧 is well under a megabyte).
IMPORT_MAX_BYTES = 20 * 1024 * 1024


def request_import(
    *, actor: User, upload: UploadedFile[bytes], dataset: str = "", dry_run: bool = False
) -> ImportRun:
    """取込を依頼する: the file is kept and imported by the worker; the page shows its report."""
    if not actor.has_role(*DIRECTORY_KEEPERS):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if upload.size is not None and upload.size > IMPORT_MAX_BYTES:
        errors["file"] = _("The file is larger than %(mb)s MB.") % {"mb": IMPORT_MAX_BYTES // 2**20}
    elif not upload.size:
        errors["file"] = _("The file is empty.")
    if dataset and dataset not in opendata.DATASETS:
        errors["dataset"] = _("Choose one of the datasets, or leave it to be recognised.")
    if errors:
        raise ValidationError(errors)
    run = ImportRun.objects.create(
        file=upload,
        file_name=(upload.name or "import.csv")[:200],
        dataset=dataset,
        dry_run=dry_run,
        requested_by=actor,
    )
    record_event(actor=actor, action=Action.CREATE, obj=run, detail={"dry_run": dry_run})
    from tsunagu.resources.tasks import run_opendata_import

    transaction.on_commit(lambda: run_opendata_import.enqueue(run.pk))
    return run


def run_import(run: ImportRun) -> ImportRun:
    """The worker's part: import the file and keep the report (the import itself is all or
    nothing, and audited)."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    with run.file.open("rb") as stream:
        report = import_opendata(
            actor=run.requested_by,
            stream=stream,
            dataset=run.dataset or None,
            dry_run=run.dry_run,
            source_name=run.file_name,
        )
    run.report = {
        "dataset": report.dataset,
        "dataset_label": report.dataset_label,
        "understood": report.understood,
        "ignored": report.ignored,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "problems": [[p.row, p.column, p.message] for p in report.problems],
        "more_problems": report.more_problems,
    }
    run.status = (
        ImportRun.Status.DONE
        if report.imported or (run.dry_run and not report.problems)
        else ImportRun.Status.FAILED
    )
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "status", "finished_at", "updated_at"])
    return run


@dataclass
class _Entry:
    key: tuple[str, str]  # (全国地方公共団体コード, ID)
    resource: dict[str, Any]
    location: dict[str, Any]
    provider: str
    schedules: list[tuple[int, dt.time, dt.time]]
    year_end_closed: bool


def _entry(header: opendata.Header, row: opendata.Row) -> _Entry | None:
    """The row as directory fields, or None with its problems added to the row."""
    values = row.values
    problems = row.problems

    def problem(name: str, message: str) -> None:
        problems.append(opendata.Problem(row.number, opendata.column_of(header, name), message))

    name, code, ident = row_key(values, problem)
    location: dict[str, Any] = {}
    for name_, low, high in (("latitude", 20, 46), ("longitude", 122, 154)):
        text = values.get(name_, "")
        if text:
            number = opendata.read_decimal(text, low, high)
            if number is None:
                problem(name_, _("Not a coordinate in Japan: %(value)s") % {"value": text})
            location[name_] = number
    email = values.get("email", "")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            problem("email", _("Not an e-mail address: %(value)s") % {"value": email})
    url = row_url(values, problem)
    corporate = values.get("corporate_number", "").replace("-", "")
    if corporate and not (corporate.isdigit() and len(corporate) == 13):
        problem("corporate_number", _("A corporate number has 13 digits."))
    schedules = _schedules(header, row, problem)
    if problems:
        return None

    prefecture, municipality = values.get("prefecture", ""), values.get("municipality", "")
    town, street = values.get("town", ""), values.get("street", "")
    if not (town or street) and values.get("address"):
        town, street = opendata.split_address(values["address"], prefecture, municipality)
    postal = values.get("postal_code", "").replace("-", "")
    town_id = values.get("town_id", "")
    location |= {
        "name": values.get("location_name") or name,
        "name_kana": values.get("name_kana", "") if not values.get("location_name") else "",
        "local_government_code": values.get("location_lg_code") or code,
        "town_id": town_id.zfill(7) if town_id.isdigit() else "",
        "postal_code": f"{postal[:3]}-{postal[3:]}" if len(postal) == 7 else postal,
        "prefecture": prefecture,
        "municipality": municipality,
        "town": town,
        "street": street,
        "building": values.get("building", ""),
        "accessibility_note": values.get("accessibility", "")[:300],
        "tier": Tier.PUBLIC,
    }
    note = " ".join(
        part
        for part in (
            _dates(values),
            values.get("schedule_note", ""),
        )
        if part
    )
    description = "\n".join(
        part
        for part in (
            values.get("description", ""),
            values.get("fees_detail", ""),
            _("Capacity: %(n)s") % {"n": values["capacity"]} if values.get("capacity") else "",
            values.get("note", ""),
        )
        if part
    )
    return _Entry(
        key=(code, ident),
        resource={
            "name": name[:200],
            "name_kana": values.get("name_kana", "")[:200],
            "alternate_name": values.get("alternate_name", "")[:200],
            "description": description,
            "eligibility": values.get("eligibility", "")[:300],
            "fees": values.get("fees", "")[:300],
            "application": values.get("application", "")[:300],
            "schedule_note": note,
            "contact_name": values.get("contact_name", "")[:100],
            "phone": opendata.read_phone(values.get("phone", ""))[:30],
            "phone_extension": values.get("extension", "")[:10],
            "email": email,
            "url": url,
            "tier": Tier.PUBLIC,
        },
        location=location,
        provider=values.get("provider", "") or values.get("lg_name", ""),
        schedules=schedules,
        year_end_closed="年末年始" in note,
    )


def row_key(values: dict[str, str], problem: Callable[[str, str], None]) -> tuple[str, str, str]:
    """A row's name and its key (全国地方公共団体コード, ID), as every dataset needs them; what
    is missing or malformed is a problem of its column."""
    name = values.get("name", "")
    if not name:
        problem("name", _("The name is empty."))
    code = values.get("lg_code", "")
    if not (code.isdigit() and len(code) in (5, 6)):
        problem("lg_code", _("A local government code has 6 digits (5 without the check digit)."))
    ident = values.get("id", "")
    if not ident:
        problem("id", _("Every row needs its ID, or a second import could not find it again."))
    return name, code, ident


def row_url(values: dict[str, str], problem: Callable[[str, str], None]) -> str:
    """A row's web page, which must be one (http:// or https://)."""
    url = values.get("url", "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problem("url", _("Not a web address (http:// or https://): %(value)s") % {"value": url})
    return url


def _dates(values: dict[str, str]) -> str:
    """An event's days and times as one line (2022-01-22〜2022-01-28 10:00〜16:00)."""
    days = "〜".join(d for d in (values.get("starts_on", ""), values.get("ends_on", "")) if d)
    times = "〜".join(t for t in (values.get("starts_at", ""), values.get("ends_at", "")) if t)
    return " ".join(p for p in (days, times) if p)


def _schedules(
    header: opendata.Header, row: opendata.Row, problem: Callable[[str, str], None]
) -> list[tuple[int, dt.time, dt.time]]:
    """The weekly hours the row states in columns: 利用可能曜日 with 開始時間・終了時間 (推奨),
    or one column per day with its hours (正式版). Hours that end before they start are a
    problem; a day column with words only (休館, ○) stays in the notes."""
    values, found = row.values, []
    opens_text, closes_text = values.get("opens", ""), values.get("closes", "")
    if opens_text or closes_text:
        opens, closes = opendata.read_time(opens_text), opendata.read_time(closes_text)
        if opens is None or closes is None:
            problem(
                "opens" if opens is None else "closes",
                _("Write the time as 9:00 or 9時: %(value)s")
                % {"value": opens_text if opens is None else closes_text},
            )
        elif closes <= opens:
            problem("closes", _("The closing time is before the opening time."))
        else:
            for day in opendata.read_weekdays(values.get("weekdays", "")) or range(7):
                found.append((day, opens, closes))
    for day, text in row.days.items():
        span = opendata.read_span(text) if text else None
        if span is None:
            continue
        if span[1] <= span[0]:
            column = next(header.names[i] for i, d in header.days.items() if d == day)
            row.problems.append(
                opendata.Problem(
                    row.number, column, _("The closing time is before the opening time.")
                )
            )
            continue
        found.append((day, *span))
    return found


@dataclass
class _Known:
    """What an import has already looked up: the providers by name, and the dataset's entries
    by (code, ID) with their place (one query each, not one per row)."""

    dataset: str
    providers: dict[str, Provider] = field(default_factory=dict)
    entries: dict[tuple[str, str], tuple[int, int | None]] | None = None

    def entry(self, key: tuple[str, str]) -> tuple[int, int | None] | None:
        if self.entries is None:
            places = dict(
                ResourceLocation.objects.filter(resource__source_dataset=self.dataset).values_list(
                    "resource_id", "location_id"
                )
            )
            self.entries = {
                (code, ident): (pk, places.get(pk))
                for pk, code, ident in Resource.objects.filter(
                    source_dataset=self.dataset
                ).values_list("pk", "source_code", "source_id")
            }
        return self.entries.get(key)

    def provider(self, name: str) -> Provider | None:
        if not name:
            return None
        if name not in self.providers:
            self.providers[name] = Provider.objects.get_or_create(
                name=name[:200], defaults={"kind": _provider_kind(name), "tier": Tier.PUBLIC}
            )[0]
        return self.providers[name]


class _Writer:
    """Writes an import's entries: new ones in batches (a few statements per BATCH rows, not a
    few per row), one already in the directory (or twice in the file) updated in place."""

    BATCH = 500

    def __init__(self, known: _Known, kind: Kind, actor: User | None, on: dt.date) -> None:
        self.known, self.kind, self.actor, self.on = known, kind, actor, on
        self.pending: dict[tuple[str, str], _Entry] = {}

    def save(self, entry: _Entry) -> bool:
        """True when the entry is new."""
        if entry.key in self.pending:
            self.flush()
        if self.known.entry(entry.key) is not None:
            self._update(entry)
            return False
        self.pending[entry.key] = entry
        if len(self.pending) >= self.BATCH:
            self.flush()
        return True

    def _confirmation(self, resource: Resource) -> Confirmation:
        return Confirmation(
            resource=resource,
            confirmed_on=self.on,
            how=ConfirmedHow.IMPORT,
            confirmed_by=self.actor,
            note=str(opendata.DATASETS.get(self.known.dataset, self.known.dataset)),
        )

    def _hours(
        self, resource: Resource, entry: _Entry
    ) -> tuple[list[Schedule], list[ClosedPeriod]]:
        schedules = [
            Schedule(resource=resource, weekday=day, opens_at=opens, closes_at=closes)
            for day, opens, closes in entry.schedules
        ]
        closed = (
            [
                ClosedPeriod(
                    resource=resource,
                    label=_("Year-end holidays"),
                    starts_month=12,
                    starts_day=29,
                    ends_month=1,
                    ends_day=3,
                )
            ]
            if entry.year_end_closed
            else []
        )
        return schedules, closed

    def flush(self) -> None:
        if not self.pending:
            return
        entries = list(self.pending.values())
        self.pending = {}
        resources = Resource.objects.bulk_create(
            Resource(
                source_dataset=self.known.dataset,
                source_code=entry.key[0],
                source_id=entry.key[1],
                provider=self.known.provider(entry.provider),
                words=words_of(entry.resource),
                **entry.resource,
            )
            for entry in entries
        )
        places = Location.objects.bulk_create(
            Location(provider=resource.provider, **entry.location)
            for resource, entry in zip(resources, entries, strict=True)
        )
        Resource.kinds.through.objects.bulk_create(
            Resource.kinds.through(resource=resource, kind=self.kind) for resource in resources
        )
        ResourceLocation.objects.bulk_create(
            ResourceLocation(resource=resource, location=place)
            for resource, place in zip(resources, places, strict=True)
        )
        schedules: list[Schedule] = []
        closed: list[ClosedPeriod] = []
        for resource, entry in zip(resources, entries, strict=True):
            hours, periods = self._hours(resource, entry)
            schedules += hours
            closed += periods
        Schedule.objects.bulk_create(schedules)
        ClosedPeriod.objects.bulk_create(closed)
        Confirmation.objects.bulk_create(self._confirmation(r) for r in resources)
        assert self.known.entries is not None  # noqa: S101 - save() loaded them
        for resource, place, entry in zip(resources, places, entries, strict=True):
            self.known.entries[entry.key] = (resource.pk, place.pk)

    def _update(self, entry: _Entry) -> None:
        found = self.known.entry(entry.key)
        assert found is not None  # noqa: S101
        resource_id, place_id = found
        provider = self.known.provider(entry.provider)
        Resource.objects.filter(pk=resource_id).update(
            **entry.resource,
            provider=provider,
            words=words_of(entry.resource),
            updated_at=timezone.now(),
        )
        resource = Resource.objects.get(pk=resource_id)
        resource.kinds.add(self.kind)
        if place_id is None:
            place = Location.objects.create(provider=provider, **entry.location)
            ResourceLocation.objects.create(resource=resource, location=place)
        else:
            Location.objects.filter(pk=place_id).update(provider=provider, **entry.location)
        resource.schedules.all().delete()
        resource.closed_periods.all().delete()
        schedules, closed = self._hours(resource, entry)
        Schedule.objects.bulk_create(schedules)
        ClosedPeriod.objects.bulk_create(closed)
        self._confirmation(resource).save()


def _provider_kind(name: str) -> str:
    """A provider named in open data: the municipality (or one of its sections), or other."""
    if name.endswith(("市", "町", "村", "区", "課", "部", "局", "室", "係")):
        return ProviderKind.MUNICIPALITY
    if "社会福祉協議会" in name:
        return ProviderKind.SHAKYO
    return ProviderKind.OTHER
