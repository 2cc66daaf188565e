"""Writing audit rows. Every service that reads or changes personal data calls `record_event`
inside its own transaction, so the act and its trace are committed together or not at all."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation

from tsunagu.audit.models import AuditEvent, ChainVerification
from tsunagu.core.context import current_request_meta

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GENESIS_HASH = "0" * 64
# Any constant: PostgreSQL advisory lock that serializes appends to the chain.
_CHAIN_LOCK_KEY = 7_406_232_611


def _last_hash_locked() -> str | None:
    """The newest row's hash, read after taking the chain's lock.

    PostgreSQL: an advisory transaction lock serializes appends. The read must be a statement
    of its own, after the lock: under READ COMMITTED a statement sees the data as of its own
    start, so reading in the statement that waits for the lock would miss the row that the
    previous holder just committed (test_concurrent_writers_keep_one_chain). SQLite:
    transactions are BEGIN IMMEDIATE (settings), so writers are already serialized.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()


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

    `actor` may be None (an anonymous attempt) or an unsaved/anonymous user; the request id and
    the client address come from the current request, when there is one.
    """
    if obj is not None:
        object_type, object_id = object_type_of(obj), obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is not None and organization is None:
        organization = user.primary_organization
    meta = current_request_meta()
    last = _last_hash_locked()
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
        previous_hash=last or GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    message: str


def _chain_problems(batch_size: int = 2000) -> Iterator[tuple[int, ChainProblem | None]]:
    """Walk the chain in id order; yield (rows seen, problem or None)."""
    previous_hash = GENESIS_HASH
    previous_id = 0
    seen = 0
    queryset = AuditEvent.objects.order_by("id")
    last_id = 0
    while True:
        rows = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not rows:
            return
        for event in rows:
            seen += 1
            if event.previous_hash != previous_hash:
                missing = (
                    f" (rows {previous_id + 1}–{event.pk - 1} are missing)"
                    if (event.pk - previous_id > 1)
                    else ""
                )
                yield (
                    seen,
                    ChainProblem(
                        event.pk,
                        f"event #{event.pk} does not follow event #{previous_id}: the row before it "
                        f"was removed or changed{missing}",
                    ),
                )
            if event.compute_hash() != event.hash:
                yield (
                    seen,
                    ChainProblem(event.pk, f"event #{event.pk} was altered after it was written"),
                )
            previous_hash, previous_id = event.hash, event.pk
            yield seen, None
        last_id = rows[-1].pk


def verify_chain() -> tuple[int, list[ChainProblem]]:
    """改ざん検査 (check the whole chain): rows checked, and every problem found, by row."""
    checked, problems = 0, []
    for seen, problem in _chain_problems():
        checked = seen
        if problem:
            problems.append(problem)
    return checked, problems


@transaction.atomic
def run_chain_verification(*, actor: Any = None) -> ChainVerification:
    """Verify the chain, keep the result for the auditors' page, and audit the check itself."""
    started = timezone.now()
    checked, problems = verify_chain()
    verification = ChainVerification.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        checked=checked,
        ok=not problems,
        problems=[{"event_id": p.event_id, "message": p.message} for p in problems],
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_event(
        actor=actor,
        action="audit_verified",
        obj=verification,
        detail={"checked": checked, "problems": len(problems)},
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
