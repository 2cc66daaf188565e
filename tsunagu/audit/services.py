"""Writing audit rows. Every service that reads or changes personal data calls `record_event`
inside its own transaction, so the act and its trace are committed together or not at all."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Model, Q, Subquery
from django.utils import timezone, translation

from tsunagu.audit.models import AuditEvent, ChainVerification
from tsunagu.core.context import current_request_meta

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GENESIS_HASH = "0" * 64
# Any constant: PostgreSQL advisory lock held by whoever is linking rows into the chain.
_CHAIN_LOCK_KEY = 7_406_232_611
# Unchained rows a writer links before its own: enough to clear a busy moment's backlog, few
# enough that no request pays for a long one (chain_pending_events takes the rest).
_LINK_AT_WRITE = 200


def _take_chain_lock(*, wait: bool) -> bool:
    """The right to link rows into the chain, until the end of the transaction.

    PostgreSQL: an advisory transaction lock. A writer does not wait for it (`wait=False`): if
    another transaction holds it, its row is written unchained and linked later. SQLite:
    transactions are BEGIN IMMEDIATE (settings), so a writer holds the database alone already.
    """
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        row = cursor.fetchone()
        return bool(row and row[0])


def _unchained() -> "models.QuerySet[AuditEvent]":
    """Rows written while another writer held the chain, waiting for their link. A row that
    has part of a link (a position, a previous hash) was chained once and changed since: it is
    never linked again (check_chain names it)."""
    return AuditEvent.objects.filter(
        hash__isnull=True, chain_position__isnull=True, previous_hash=""
    )


def _tail_and_unchained(limit: int) -> tuple[AuditEvent | None, list[AuditEvent]]:
    """The chain's last row and the oldest unchained rows (by id), in one query; read after
    taking the lock, in a statement of its own: under READ COMMITTED a statement sees the data
    as of its own start, so reading in the statement that waited for the lock would miss what
    the previous holder just committed (test_concurrent_writers_keep_one_chain)."""
    last_position = Subquery(
        AuditEvent.objects.filter(chain_position__isnull=False)
        .order_by("-chain_position")
        .values("chain_position")[:1]
    )
    rows = list(
        (_unchained() | AuditEvent.objects.filter(chain_position=last_position)).order_by(
            F("chain_position").asc(nulls_last=True), "id"
        )[: limit + 1]
    )
    if rows and rows[0].chain_position is not None:
        return rows[0], rows[1:]
    return None, rows[:limit]


def _link(tail: AuditEvent | None, rows: list[AuditEvent]) -> tuple[str, int]:
    """Give each row its place after `tail` (hash, previous hash, position), in memory; returns
    the new end of the chain (its hash and position)."""
    previous_hash, position = (
        (tail.hash or GENESIS_HASH, tail.chain_position or 0) if tail else (GENESIS_HASH, 0)
    )
    for row in rows:
        position += 1
        row.previous_hash, row.chain_position = previous_hash, position
        row.hash = row.compute_hash()
        previous_hash = row.hash
    return previous_hash, position


def _store_links(rows: list[AuditEvent]) -> None:
    """Write the links of rows that were unchained: the one change an audit row ever gets,
    and only while it has no hash (so a chained row is never rewritten)."""
    if rows:
        # The base QuerySet: AuditEventQuerySet refuses every update, as it should elsewhere.
        unchained: models.QuerySet[AuditEvent] = models.QuerySet(AuditEvent).filter(
            hash__isnull=True, chain_position__isnull=True
        )
        unchained.bulk_update(rows, ["previous_hash", "chain_position", "hash"])


def chain_pending_events(batch_size: int = 2000) -> int:
    """監査ログの連結: link every row written unchained (another writer held the chain at that
    moment) at the chain's end, oldest id first. Waits for the lock, a batch per transaction.
    Returns how many rows it linked."""
    linked = 0
    while True:
        with transaction.atomic():
            _take_chain_lock(wait=True)
            tail, rows = _tail_and_unchained(batch_size)
            _link(tail, rows)
            _store_links(rows)
        linked += len(rows)
        if len(rows) < batch_size:
            return linked


def record_text(text: "StrOrPromise", params: Mapping[str, Any] | None = None) -> str:
    """Records (the disclosure record, audit details, notifications) are written in the
    installation's language, whatever the language of the one whose act they record: the person
    may ask for their 情報提供記録, and it must read the same for everyone. `params` fill the
    text's %(name)s places; lazy labels among them are translated alike."""
    with translation.override(settings.LANGUAGE_CODE):
        rendered = str(text)
        if params:
            rendered = rendered % {key: str(value) for key, value in params.items()}
        return rendered


def object_type_of(obj: Model) -> str:
    return obj._meta.label_lower


@transaction.atomic
def record_event(
    *,
    actor: Any,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    legal_basis: str = "",
    detail: dict[str, Any] | None = None,
    organization: Any = None,
    actor_label: str = "",
) -> AuditEvent:
    """監査記録 (record one audited act) at the end of the hash chain.

    The row is chained now, after any rows still unchained, when nobody else is chaining; else
    it is written unchained and linked by the next writer that chains or by
    `chain_pending_events`: no read waits for another's audit row. `actor` may be None (an anonymous attempt) or an unsaved/anonymous user; the request id and
    the client address come from the current request, when there is one.
    """
    if obj is not None:
        object_type, object_id = object_type_of(obj), obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is not None and organization is None:
        organization = user.primary_organization
    meta = current_request_meta()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=user,
        actor_label=actor_label or (user.email if user else ""),
        organization=organization,
        organization_label=organization.name if organization else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        legal_basis=legal_basis,
        detail=detail or {},
        request_id=meta.request_id,
        ip_address=meta.ip_address or "",
    )
    if _take_chain_lock(wait=False):
        tail, unchained = _tail_and_unchained(_LINK_AT_WRITE)
        _link(tail, [*unchained, event])
        _store_links(unchained)
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    message: str


@dataclass(frozen=True)
class ChainReport:
    """What a walk of the chain found: rows checked, problems by row, the rows not yet chained
    (written while another writer chained; not protected until they are), and the last row."""

    checked: int
    problems: list[ChainProblem]
    unchained: list[int]
    head: AuditEvent | None


def _walk(batch_size: int) -> Iterator[tuple[AuditEvent, ChainProblem | None]]:
    """The chained rows in chain order, each with the problem its link or its hash shows."""
    previous: AuditEvent | None = None
    chained = AuditEvent.objects.filter(chain_position__isnull=False).order_by("chain_position")
    last_position = 0
    while True:
        rows = list(chained.filter(chain_position__gt=last_position)[:batch_size])
        if not rows:
            return
        for event in rows:
            previous_hash = previous.hash if previous else GENESIS_HASH
            previous_id = previous.pk if previous else 0
            if event.previous_hash != previous_hash:
                previous_position = (previous.chain_position or 0) if previous else 0
                gap = (event.chain_position or 0) - previous_position - 1
                missing = ""
                if gap > 0 and event.pk - previous_id - 1 == gap:
                    missing = f" (rows {previous_id + 1}–{event.pk - 1} are missing)"
                elif gap > 0:
                    missing = f" ({gap} rows are missing)"
                yield (
                    event,
                    ChainProblem(
                        event.pk,
                        f"event #{event.pk} does not follow event #{previous_id}: the row before it "
                        f"was removed or changed{missing}",
                    ),
                )
            if event.compute_hash() != event.hash:
                yield (
                    event,
                    ChainProblem(event.pk, f"event #{event.pk} was altered after it was written"),
                )
            yield event, None
            previous = event
        last_position = rows[-1].chain_position or 0


def _out_of_chain_problems() -> Iterator[ChainProblem]:
    """Rows outside the walk (no position) that were chained once and lost part of their link:
    the chain never leaves a row so, only a change made in the database does."""
    broken = AuditEvent.objects.filter(
        Q(hash__isnull=False) | Q(previous_hash__gt=""), chain_position__isnull=True
    ).order_by("id")
    for event in broken.only("id"):
        yield ChainProblem(event.pk, f"event #{event.pk} was altered after it was written")


def _head_problem(head: AuditEvent | None) -> ChainProblem | None:
    """Rows removed from the end of the chain leave no broken link: the last check's end is
    kept, and must still be there."""
    last = (
        ChainVerification.objects.filter(head_position__isnull=False)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if last is None or last.head_position is None or last.head_event_id is None:
        return None
    if head is not None and (head.chain_position or 0) >= last.head_position:
        # Still as long: a row removed or changed before the end breaks a link, found above.
        return None
    when = timezone.localtime(last.finished_at).strftime("%Y-%m-%d %H:%M")
    now_ends = f"event #{head.pk}" if head else "no event"
    return ChainProblem(
        last.head_event_id,
        f"event #{last.head_event_id}, the last row at the check of {when}, was removed: "
        f"the chain now ends at {now_ends}",
    )


def check_chain(batch_size: int = 2000) -> ChainReport:
    """改ざん検査 (check the whole chain): walk it in chain order; name every row altered or
    removed, and list the rows not yet chained (not problems: they wait for their link)."""
    checked, problems, head = 0, [], None
    for event, problem in _walk(batch_size):
        if problem:
            problems.append(problem)
        else:
            checked += 1
            head = event
    problems.extend(_out_of_chain_problems())
    if truncated := _head_problem(head):
        problems.append(truncated)
    unchained = list(_unchained().order_by("id").values_list("id", flat=True))
    return ChainReport(checked, problems, unchained, head)


def verify_chain() -> tuple[int, list[ChainProblem]]:
    """Link what is unchained, then check: rows checked and every problem found, by row."""
    chain_pending_events()
    report = check_chain()
    return report.checked, report.problems


def run_chain_verification(*, actor: Any = None) -> ChainVerification:
    """Link the rows still unchained, verify the chain, keep the result for the auditors' page,
    and audit the check itself."""
    started = timezone.now()
    linked = chain_pending_events()
    report = check_chain()
    with transaction.atomic():
        verification = ChainVerification.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            checked=report.checked,
            ok=not report.problems,
            problems=[{"event_id": p.event_id, "message": p.message} for p in report.problems],
            linked=linked,
            unchained=len(report.unchained),
            head_event_id=report.head.pk if report.head else None,
            head_position=report.head.chain_position if report.head else None,
            head_hash=(report.head.hash or "") if report.head else "",
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_event(
            actor=actor,
            action="audit_verified",
            obj=verification,
            detail={
                "checked": report.checked,
                "problems": len(report.problems),
                "linked": linked,
                "unchained": len(report.unchained),
            },
        )
    return verification


def record_listing(
    *, actor: Any, rows: "Iterable[Model]", what: "StrOrPromise", legal_basis: str = ""
) -> None:
    """一覧の閲覧: a page or API answer that listed personal records is one audit row naming
    what the list was and the ids it showed (never their content); an empty list reads nothing
    and writes nothing."""
    shown = list(rows)
    if not shown:
        return
    record_event(
        actor=actor,
        action="view",
        object_type=shown[0]._meta.label_lower,
        legal_basis=legal_basis or "own_organization",
        detail={"what": record_text(what), "ids": [row.pk for row in shown]},
    )
