"""The auditor's page: who may open it, filters in 和暦, CSV export, and the chain check."""

import csv
import io

from tests.access import assert_access
from tsunagu.audit.models import AuditEvent, ChainVerification
from tsunagu.audit.services import record_event


def test_only_auditors_open_the_audit_log(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    assert_access(
        client_for,
        "/audit/",
        allowed=[cast.auditor],
        outsiders=[cast.lead_consultant, cast.manager, cast.admin, cast.reporter, cast.coordinator],
        audit_action="search",
        contains="監査ログ",
    )


def test_filters_accept_wareki_and_narrow_the_list(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    record_event(actor=cast.lead_consultant, action="print", object_type="cases.case", object_id=7)
    client = client_for(cast.auditor)
    body = client.get(
        "/audit/", {"action": "print", "since": "R8.1.1", "until": "令和20年1月1日"}
    ).content.decode()
    assert "cases.case" in body and "#7" in body and "1件" in body
    search = AuditEvent.objects.filter(action="search", actor=cast.auditor).latest("id")
    assert search.detail["action"] == "print" and search.detail["since"] == "2026-01-01"


def test_bad_filters_get_a_message_not_an_error(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.auditor).get("/audit/", {"since": "来月", "until": "2026/2/30"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "日付として読めません" in body and "存在しません" in body


def test_until_before_from_is_refused(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    body = (
        client_for(cast.auditor)
        .get("/audit/", {"since": "R8.5.1", "until": "R8.4.1"})
        .content.decode()
    )
    assert "終了日は開始日と同じ日かそれより後" in body


def test_htmx_gets_only_the_table(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(cast.auditor).get("/audit/", HTTP_HX_REQUEST="true").content.decode()
    assert "<table>" in body and "<html" not in body


def test_list_pages_in_the_database(cast, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(120):
        record_event(
            actor=cast.lead_consultant, action="view", object_type="people.person", object_id=n
        )
    client = client_for(cast.auditor)
    with django_assert_max_num_queries(20):
        body = client.get("/audit/", {"page": 2}).content.decode()
    assert "ページ中2ページ目" in body


def test_csv_export_is_audited_and_opens_in_excel(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    record_event(actor=cast.lead_consultant, action="export", object_type="cases.case", object_id=3)
    response = client_for(cast.auditor).get("/audit/export.csv", {"actor": "lead-consultant"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["ID", "日時", "操作者"]
    assert all("lead-consultant" in row[2] for row in rows[1:]) and len(rows) > 1
    export = AuditEvent.objects.filter(action="export", actor=cast.auditor).get()
    assert export.detail == {"actor": "lead-consultant"}


def test_the_chain_check_runs_as_a_task_and_shows_its_result(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.auditor)
    response = client.post("/audit/verify/", follow=True)
    assert "改ざん検査を開始しました" in response.content.decode()
    assert ChainVerification.objects.get().ok
    assert "改ざんなし" in response.content.decode()


def test_the_auditor_sees_todays_security_events_at_home(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    record_event(actor=None, action="login_failed", actor_label="someone@example.jp")
    body = client_for(cast.auditor).get("/").content.decode()
    assert "ログイン失敗" in body and "?action=login_failed" in body


def test_the_admin_site_shows_events_read_only(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    cast.auditor.is_staff = True
    cast.auditor.save()
    cast.auditor.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client = client_for(cast.auditor)
    event = AuditEvent.objects.latest("id")
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
