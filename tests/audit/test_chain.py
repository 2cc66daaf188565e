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
