"""記録の訂正: what was not known at the call (課題, 受付日時, 来談者) is added afterwards, a wrong
note is corrected with its reason; the earlier version stays as history, shown as what changed,
who, when and why; nothing is overwritten silently; bad input saves nothing."""

import pytest

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.core.models import Revision
from tsunagu.intake.models import Consultation, Issue
from tsunagu.intake.services import record_consultation
from tsunagu.people.services import register_person

CALL = {
    "main_concern": "家賃が払えないと電話",
    "received_at": "R8.11.30 9:15",
    "channel": "phone",
    "consulted_by": "family",
    "consulted_by_relationship": "長女",
    "consulted_by_name": "斎藤 恵",
    "consulted_by_contact": "090-1111-2222",
    "urgency": "normal",
    "consent_to_share": "unknown",
    "issues": [],
}


@pytest.fixture
def call(cast):  # type: ignore[no-untyped-def]
    return record_consultation(actor=cast.lead_consultant, main_concern="家賃が払えないと電話")


def test_the_consultant_completes_the_call_afterwards_and_the_history_shows_it(  # type: ignore[no-untyped-def]
    call, cast, client_for
) -> None:
    client = client_for(cast.lead_consultant)
    form = client.get(f"/consultations/{call.pk}/correct/").content.decode()
    assert "家賃が払えないと電話" in form and 'name="consulted_by_name"' in form
    debt = Issue.objects.get(code="debt")
    response = client.post(
        f"/consultations/{call.pk}/correct/",
        {**CALL, "issues": [debt.pk], "main_issue": debt.pk, "reason": "長女から後で名前を聞いた"},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.consulted_by_name == "斎藤 恵" and call.issues.get() == debt
    assert call.received_at.strftime("%H:%M") in ("09:15", "00:15")

    page = client.get(f"/consultations/{call.pk}/").content.decode()
    assert "訂正履歴（1件）" in page and "長女から後で名前を聞いた" in page
    assert "◎債務" in page and "令和8年11月30日 09:15" in page and "佐藤 美咲" in page
    revision = Revision.objects.get()
    assert revision.changes["consulted_by"] == ["self", "family"]
    audit = AuditEvent.objects.filter(action="update", object_type="intake.consultation").get()
    assert "consulted_by_name" in audit.detail["corrected"] and "斎藤" not in str(audit.detail)


def test_a_correction_that_empties_the_concern_or_dates_it_ahead_saves_nothing(  # type: ignore[no-untyped-def]
    call, cast, client_for
) -> None:
    client = client_for(cast.lead_consultant)
    for bad in ({"main_concern": " "}, {"received_at": "R20.1.1 10:00"}):
        response = client.post(f"/consultations/{call.pk}/correct/", {**CALL, **bad})
        assert response.status_code == 400, bad
    call.refresh_from_db()
    assert call.consulted_by == "self" and not Revision.objects.exists()


def test_a_correction_that_makes_a_call_urgent_puts_it_in_the_queue(call, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    client.post(f"/consultations/{call.pk}/correct/", {**CALL, "risk_flags": ["suicide"]})
    call.refresh_from_db()
    assert call.awaiting
    assert "緊急・未対応" in client_for(cast.colleague).get("/").content.decode()


def test_other_agencies_and_managers_cannot_correct(call, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for(cast.partner_without_consent)
        .post(f"/consultations/{call.pk}/correct/", CALL)
        .status_code
        == 404
    )
    assert Consultation.objects.get().consulted_by_name == ""


def test_a_note_is_corrected_with_its_reason_and_keeps_what_it_said(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="斎藤 良子")
    case = open_case(actor=cast.lead_consultant, person=person)
    note = add_progress_note(
        actor=cast.lead_consultant, case=case, method="visit", body="自宅を訪問。長男と会えた。"
    )
    client = client_for(cast.lead_consultant)
    url = f"/cases/{case.pk}/notes/{note.pk}/correct/"
    data = {"method": "visit", "body": "自宅を訪問。長男とは会えなかった。", "categories": [4]}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "訂正の理由を書いてください" in refused.content.decode()
    note.refresh_from_db()
    assert note.body == "自宅を訪問。長男と会えた。"

    done = client.post(url, {**data, "categories": [note.categories], "reason": "記載の誤り"})
    assert done.status_code == 302
    note.refresh_from_db()
    assert note.body == "自宅を訪問。長男とは会えなかった。"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "訂正あり" in page and "記載の誤り" in page
    assert "長男と会えた" in page, "the earlier version stays readable, as history"
    # A note of the case is reached only through its case.
    other = open_case(
        actor=cast.lead_consultant, person=register_person(actor=cast.lead_consultant, name="別人")
    )
    assert client.get(f"/cases/{other.pk}/notes/{note.pk}/correct/").status_code == 404


def test_a_person_s_details_are_corrected_and_the_old_ones_kept(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    person = register_person(actor=cast.lead_consultant, name="斎藤 良子", phone="090-1111-2222")
    client = client_for(cast.lead_consultant)
    response = client.post(
        f"/people/{person.pk}/correct/",
        {"name": "斎藤 良子", "phone": "０８０－３３３３－４４４４", "reason": "携帯電話を変えた"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "080-3333-4444" and person.phone_match_key == "08033334444"
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "携帯電話を変えた" in page and "090-1111-2222" in page
    refused = client.post(
        f"/people/{person.pk}/correct/", {"name": "斎藤 良子", "birth_date": "R20.1.1"}
    )
    assert refused.status_code == 400 and Revision.objects.count() == 1
    assert (
        client_for(cast.partner_without_consent).get(f"/people/{person.pk}/correct/").status_code
        == 404
    )


def test_minutes_written_once_then_corrected_keep_the_first_version(cast, town) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    from tests import personas as P
    from tsunagu.core.revisions import history
    from tsunagu.meetings.models import MeetingType
    from tsunagu.meetings.services import convene_meeting, write_minutes

    meeting = convene_meeting(
        actor=cast.coordinator,
        type=MeetingType.objects.get(name="重層的支援会議"),
        held_at=timezone.now() - dt.timedelta(days=1),
        place="役場",
        attendees=[(town[P.KAWABE_HOUKATSU], cast.partner_with_consent)],
    )
    write_minutes(actor=cast.coordinator, meeting=meeting, minutes="第1版の記録", discussions={})
    assert history(meeting) == [], "writing the minutes is not a correction"
    write_minutes(actor=cast.coordinator, meeting=meeting, minutes="訂正後の記録", discussions={})
    [revision] = history(meeting)
    assert revision.changes["minutes"] == ["第1版の記録", "訂正後の記録"]
