"""The auditor's page: who may open it, filters in 和暦, CSV export, and the chain check."""

import csv
import io
import json

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


# -- The log names objects by kind and number, never by their content ----------------------

TITLE = "家計表（本人記入）"


def _export(client, **filters: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    response = client.get("/audit/export.csv", filters)
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_an_attachment_upload_and_download_leave_no_title_on_the_audit_page_or_export(
    cast, town, client_for
) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import personas as P
    from tsunagu.cases.models import Attachment
    from tsunagu.cases.services import open_case
    from tsunagu.people.services import register_person
    from tsunagu.sharing.choices import InfoCategory as C
    from tsunagu.sharing.models import Disclosure
    from tsunagu.sharing.services import add_team_member, record_consent

    lead = cast.lead_consultant
    case = open_case(actor=lead, person=register_person(actor=lead, name="山本 和子"))
    partner = town[P.KAWABE_HOUKATSU]
    record_consent(
        actor=lead,
        case=case,
        categories=C.MONEY,
        organizations=[partner],
        purpose="家計の立て直しを関係機関で検討するため",
        method="written",
    )
    add_team_member(actor=lead, case=case, organization=partner, role="related")
    upload = client_for(lead).post(
        f"/cases/{case.pk}/attachments/new/",
        {
            "title": TITLE,
            "file": SimpleUploadedFile("kakei.txt", "月収 12万円".encode()),
            "categories": [C.MONEY],
        },
    )
    assert upload.status_code == 302
    attachment = Attachment.objects.get(case=case)
    url = f"/cases/{case.pk}/attachments/{attachment.pk}/"
    for reader in (lead, cast.partner_with_consent):
        assert client_for(reader).get(url).status_code == 200
    # The 情報提供記録 names the document by its number (the auditor reads it on the emergency
    # page too); the lead opens it from there.
    disclosed = Disclosure.objects.get(user=cast.partner_with_consent).what
    assert TITLE not in disclosed and "添付資料 #" in disclosed

    auditor = client_for(cast.auditor)
    page = auditor.get("/audit/").content.decode()
    assert f"添付資料 #{attachment.pk}" in page and "情報提供記録 #" in page
    assert TITLE not in page and "家計表" not in page
    rows = _export(auditor)
    assert any(row[5] == "cases.attachment" and row[6] == str(attachment.pk) for row in rows)
    assert not any("家計表" in cell for row in rows for cell in row)
    disclosure = next(row for row in rows if row[4] == "disclosure")
    assert json.loads(disclosure[10]) == {"case": case.pk, "categories": C.MONEY}


def test_reasons_and_typed_text_are_withheld_numbers_and_codes_shown(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """Every kind of text a record_event call puts in its detail: an emergency's reason (read
    on the emergency's own page), a merge's reason, an outreach note, a referral's external
    receiver, a reopening's reason."""
    lead = cast.lead_consultant
    written = [
        ("emergency_access", {"case": 3, "reason": "母が自宅で倒れた", "until": "2026-12-02"}),
        ("update", {"merged": 5, "reason": "同一人物と確認", "moved": {"cases.case": [8]}}),
        ("update", {"review": "continue", "note": "玄関先で長男と話せた"}),
        ("create", {"case": 4, "to": "山田内科 山田先生", "categories": 2}),
        ("update", {"reopened": "電話で、また困りごとが出てきた"}),
        ("update", {"status": ["received", "assessment"], "closed": "goals_met"}),
    ]
    for action, detail in written:
        record_event(
            actor=lead, action=action, object_type="cases.case", object_id=1, detail=detail
        )
    record_event(actor=None, action="csrf_failure", detail={"reason": "CSRF token missing."})
    rows = _export(client_for(cast.auditor))
    cells = " ".join(cell for row in rows for cell in row)
    for text in ("母が自宅で倒れた", "同一人物", "玄関先", "山田", "困りごと"):
        assert text not in cells
    shown = [json.loads(row[10]) for row in rows[1:] if row[10]]
    assert {"case": 3, "reason": "（本文は表示しません）", "until": "2026-12-02"} in shown
    assert {"merged": 5, "reason": "（本文は表示しません）", "moved": {"cases.case": [8]}} in shown
    assert {"status": ["received", "assessment"], "closed": "goals_met"} in shown
    assert {"reason": "CSRF token missing."} in shown


def test_the_admin_site_shows_the_detail_without_content(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    cast.auditor.is_staff = True
    cast.auditor.save()
    cast.auditor.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    event = record_event(
        actor=cast.lead_consultant,
        action="disclosure",
        object_type="sharing.disclosure",
        object_id=9,
        detail={"case": 2, "what": f"添付資料：{TITLE}"},
    )
    page = client_for(cast.auditor).get(f"/admin/audit/auditevent/{event.pk}/change/")
    body = page.content.decode()
    assert page.status_code == 200 and "家計表" not in body and "本文は表示しません" in body
