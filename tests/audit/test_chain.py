"""The audit log cannot be changed without `verify_audit` noticing, and names the row."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tsunagu.audit.models import AppendOnlyError, AuditEvent, ChainVerification
from tsunagu.audit.services import record_event, verify_chain


@pytest.fixture
def events(cast):  # type: ignore[no-untyped-def]
    return [
        record_event(
            actor=cast.lead_consultant,
            action="view",
            object_type="cases.case",
            object_id=n,
            detail={"n": n},
        )
        for n in range(5)
    ]


def _table() -> str:
    return connection.ops.quote_name(AuditEvent._meta.db_table)


def test_an_intact_chain_verifies(events) -> None:  # type: ignore[no-untyped-def]
    checked, problems = verify_chain()
    assert problems == [] and checked == AuditEvent.objects.count()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "audit chain intact" in out.getvalue()


def test_each_row_links_to_the_one_before(events) -> None:  # type: ignore[no-untyped-def]
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash


def test_a_row_edited_in_the_database_is_named(events) -> None:  # type: ignore[no-untyped-def]
    target = events[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET actor_label = %s WHERE id = %s",  # noqa: S608
            ["someone-else@example.jp", target.pk],
        )
    err = StringIO()
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("verify_audit", stderr=err)
    assert f"event #{target.pk} was altered" in err.getvalue()
    result = ChainVerification.objects.latest("finished_at")
    assert not result.ok and result.problems[0]["event_id"] == target.pk


def test_a_row_deleted_in_the_database_is_named(events) -> None:  # type: ignore[no-untyped-def]
    removed = events[1]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()} WHERE id = %s", [removed.pk])  # noqa: S608
    _, problems = verify_chain()
    assert [p.event_id for p in problems] == [events[2].pk]
    assert f"rows {removed.pk}–{removed.pk}" in problems[0].message


def test_a_rewritten_hash_is_still_caught_by_the_next_row(events) -> None:  # type: ignore[no-untyped-def]
    target = events[2]
    target.detail = {"n": 99}
    forged = target.compute_hash()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET detail = %s, hash = %s WHERE id = %s",  # noqa: S608
            ['{"n": 99}', forged, target.pk],
        )
    _, problems = verify_chain()
    assert [p.event_id for p in problems] == [events[3].pk]


def test_the_application_cannot_change_or_delete_events(events) -> None:  # type: ignore[no-untyped-def]
    event = events[0]
    event.action = "delete"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_rows_carry_request_id_and_address(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).post(
        "/accounts/preferences/",
        {"date_style": "seireki"},
        HTTP_X_REQUEST_ID="req-12345678",
        REMOTE_ADDR="10.1.2.3",
    )
    assert response["X-Request-ID"] == "req-12345678"
    event = AuditEvent.objects.filter(action="update", actor=cast.lead_consultant).latest("id")
    assert event.request_id == "req-12345678" and event.ip_address == "10.1.2.3"
    assert event.organization_label == "つなぐ町自立相談支援センター「ささえ」"


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain() -> None:
    """Several requests audit at once: the advisory lock keeps a single unbroken chain.
    (SQLite serializes writers by itself; the lock is PostgreSQL's.)"""
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database; SQLite writes one at a time")

    def write(worker: int) -> None:
        for n in range(15):
            record_event(
                actor=None, action="view", object_type="cases.case", object_id=f"{worker}-{n}"
            )
        connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checked, problems = verify_chain()
    assert checked == 60 and problems == []


# -- Rows written while another writer holds the chain: unchained first, linked later ---------


@pytest.fixture
def busy_chain(monkeypatch):  # type: ignore[no-untyped-def]
    """As if another transaction held the chain's lock: a writer does not wait for it, it writes
    its row unchained. (On PostgreSQL test_a_writer_does_not_wait_for_the_chain holds it for
    real.) Call the fixture's value to free the chain again."""
    from tsunagu.audit import services

    take = services._take_chain_lock
    monkeypatch.setattr(services, "_take_chain_lock", lambda *, wait: wait and take(wait=True))
    return lambda: monkeypatch.setattr(services, "_take_chain_lock", take)


def _write(n: int) -> list[AuditEvent]:
    return [
        record_event(actor=None, action="view", object_type="cases.case", object_id=f"busy-{k}")
        for k in range(n)
    ]


def test_rows_written_while_the_chain_is_busy_are_reported_unchained_not_broken(
    events, busy_chain
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.audit.services import check_chain

    waiting = _write(3)
    assert all(e.hash is None and e.chain_position is None for e in waiting)
    report = check_chain()
    assert report.problems == []
    assert report.unchained == [e.pk for e in waiting]
    assert report.checked == AuditEvent.objects.count() - 3


def test_the_next_writer_links_the_waiting_rows_first(events, busy_chain) -> None:  # type: ignore[no-untyped-def]
    waiting = _write(2)
    busy_chain()
    (after,) = _write(1)
    chain = list(AuditEvent.objects.order_by("-chain_position")[:3])[::-1]
    assert [e.pk for e in chain] == [*(e.pk for e in waiting), after.pk]
    assert chain[0].previous_hash == events[-1].hash
    assert chain[1].previous_hash == chain[0].hash and after.previous_hash == chain[1].hash
    assert verify_chain() == (AuditEvent.objects.count(), [])


def test_verify_audit_links_them_and_says_so(events, busy_chain) -> None:  # type: ignore[no-untyped-def]
    _write(4)
    busy_chain()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "linked 4 event(s) written while the chain was busy" in out.getvalue()
    assert "audit chain intact" in out.getvalue()
    result = ChainVerification.objects.latest("finished_at")
    assert result.ok and result.linked == 4 and result.unchained == 0
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()


def test_the_daily_run_links_what_no_later_writer_did(events, busy_chain) -> None:  # type: ignore[no-untyped-def]
    _write(2)
    busy_chain()
    out = StringIO()
    call_command("daily", stdout=out)  # (tests run tasks at once; `tsunagu worker` runs them)
    assert "link_audit_events" in out.getvalue()
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert verify_chain() == (AuditEvent.objects.count(), [])


def test_a_row_altered_after_it_was_linked_later_is_named(events, busy_chain) -> None:  # type: ignore[no-untyped-def]
    waiting = _write(3)
    busy_chain()
    verify_chain()
    target = waiting[1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET object_id = %s WHERE id = %s",  # noqa: S608
            ["cases.case#999", target.pk],
        )
    err = StringIO()
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("verify_audit", stderr=err)
    assert f"event #{target.pk} was altered" in err.getvalue()


def test_a_row_deleted_after_it_was_linked_later_is_named(events, busy_chain) -> None:  # type: ignore[no-untyped-def]
    waiting = _write(3)
    busy_chain()
    verify_chain()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()} WHERE id = %s", [waiting[1].pk])  # noqa: S608
    _, problems = verify_chain()
    assert [p.event_id for p in problems] == [waiting[2].pk]
    assert "removed or changed" in problems[0].message


def test_a_chained_row_made_to_look_unchained_is_named_not_linked_again(events) -> None:  # type: ignore[no-untyped-def]
    """Wiping a row's hash (so that the next writer would chain it again, altered) is itself
    a change: the row is named, and stays out of the chain."""
    target = events[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET hash = NULL, detail = %s WHERE id = %s",  # noqa: S608
            ['{"n": 99}', target.pk],
        )
    record_event(actor=None, action="view", object_type="cases.case", object_id="after")
    _, problems = verify_chain()
    assert [p.message for p in problems] == [
        f"event #{target.pk} was altered after it was written",
        f"event #{events[3].pk} does not follow event #{target.pk}: the row before it was "
        "removed or changed",
    ]
    target.refresh_from_db()
    assert target.hash is None and target.chain_position == events[2].chain_position


def test_rows_removed_from_the_end_of_the_chain_are_named(events) -> None:  # type: ignore[no-untyped-def]
    """No row follows the last ones to show a broken link: the check keeps where the chain
    ended, and the next check names that row if it is gone."""
    call_command("verify_audit", stdout=StringIO())
    head = ChainVerification.objects.latest("finished_at").head_event_id
    assert head == events[-1].pk  # (the check's own audit row follows it)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()} WHERE id >= %s", [events[3].pk])  # noqa: S608
    err = StringIO()
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("verify_audit", stderr=err)
    assert f"event #{head}, the last row at the check of" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_writer_does_not_wait_for_the_chain() -> None:
    """PostgreSQL: while one transaction holds the chain (a long write that audited early),
    another request's audit row is written at once, unchained, and linked afterwards."""
    import threading
    import time

    from django.db import transaction

    from tsunagu.audit.services import check_chain

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: there is no other to wait for")
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with transaction.atomic():
            record_event(actor=None, action="update", object_type="cases.case", object_id="long")
            holding.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=long_write)
    holder.start()
    assert holding.wait(10)
    started = time.perf_counter()
    quick = record_event(actor=None, action="view", object_type="cases.case", object_id="quick")
    waited = time.perf_counter() - started
    release.set()
    holder.join()
    assert waited < 1 and quick.hash is None
    assert check_chain().unchained == [quick.pk]
    assert verify_chain() == (2, [])


@pytest.mark.django_db(transaction=True)
def test_a_row_committed_after_later_rows_were_chained_goes_to_the_end() -> None:
    """PostgreSQL: a transaction that wrote its row unchained (lower id) and commits after a
    later row was chained: the row is linked at the chain's end, and nothing is reported."""
    import threading

    from django.db import transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite commits one writer at a time, in id order")
    holding, release = threading.Event(), threading.Event()
    written, commit = threading.Event(), threading.Event()
    ids: dict[str, int] = {}

    def hold_the_chain() -> None:
        with transaction.atomic():
            record_event(actor=None, action="update", object_type="cases.case", object_id="hold")
            holding.set()
            release.wait(10)
        connection.close()

    def write_late() -> None:
        with transaction.atomic():
            ids["late"] = record_event(
                actor=None, action="view", object_type="cases.case", object_id="late"
            ).pk
            written.set()
            commit.wait(10)
        connection.close()

    holder, late = threading.Thread(target=hold_the_chain), threading.Thread(target=write_late)
    holder.start()
    assert holding.wait(10)
    late.start()
    assert written.wait(10)
    release.set()
    holder.join()
    after = record_event(actor=None, action="view", object_type="cases.case", object_id="after")
    commit.set()
    late.join()
    assert ids["late"] < after.pk and after.chain_position == 2
    assert verify_chain() == (3, [])
    order = AuditEvent.objects.order_by("chain_position").values_list("object_id", flat=True)
    assert list(order)[:3] == ["hold", "after", "late"]
