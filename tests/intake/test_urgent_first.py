"""Urgent first: a consultation taken as 緊急, or with a risk to life (自殺・虐待・DV・生命), is at the
top of its agency's home pages and in the 緊急・未対応 queue at once, its supervisors are told,
and it stays there until someone records the first response. A coordinator elsewhere sees that
something waits (how many, since when, whom to call), never what."""

import datetime as dt

from django.utils import timezone

from tests import personas as P
from tsunagu.cases.services import add_progress_note, open_case
from tsunagu.core.calendar import subtract_business_days
from tsunagu.intake.models import Consultation
from tsunagu.intake.services import record_consultation
from tsunagu.notifications.models import Notification
from tsunagu.people.services import register_person
from tsunagu.sharing import services as sharing
from tsunagu.sharing.choices import InfoCategory as C
from tsunagu.sharing.models import Disclosure

CONCERN = "「もう死にたい」と繰り返している。今夜ひとりで過ごすのが怖いと話す"
CALL = {
    "main_concern": CONCERN,
    "channel": "phone",
    "consulted_by": "self",
    "urgency": "urgent",
    "risk_flags": ["suicide"],
    "consent_to_share": "unknown",
    "disposition": "pending",
}


def _home(client) -> str:  # type: ignore[no-untyped-def]
    return client.get("/").content.decode()


def test_a_call_with_a_suicide_risk_is_first_on_the_home_page_until_answered(  # type: ignore[no-untyped-def]
    cast, client_for
) -> None:
    writer = client_for(cast.lead_consultant)
    response = writer.post("/consultations/new/", CALL)
    assert response.status_code == 302
    consultation = Consultation.objects.get()

    # The colleague's home, the same minute: the call first, before the day's tasks.
    home = _home(client_for(cast.colleague))
    assert CONCERN[:20] in home and "緊急・未対応" in home
    assert home.index('id="panel-urgent"') < home.index('id="panel-today"')
    assert "0分" in home and "自殺リスク" in home

    # ささえ has no manager or coordinator in the cast: its case workers are told, not the
    # one who took the call.
    told = Notification.objects.filter(kind="urgent")
    assert cast.colleague in [n.user for n in told]
    assert cast.lead_consultant not in [n.user for n in told]
    assert f"#{consultation.pk}" in told.get(user=cast.colleague).message

    # A coordinator at the 社協 learns that ささえ has an urgent call waiting: not what it is.
    coordinator_home = _home(client_for(cast.coordinator))
    assert P.SASAE in coordinator_home and "1件" in coordinator_home
    assert CONCERN[:10] not in coordinator_home
    # Another agency learns nothing at all.
    partner_home = _home(client_for(cast.partner_without_consent))
    assert CONCERN[:10] not in partner_home and "緊急・未対応" not in partner_home

    # The consultation's page says it waits, and takes the first response.
    page = writer.get(f"/consultations/{consultation.pk}/").content.decode()
    assert "初動対応を記録する" in page
    empty = writer.post(
        f"/consultations/{consultation.pk}/first-response/", {"first_response": " "}
    )
    assert empty.status_code == 400 and "最初に行った対応を書いてください" in empty.content.decode()
    consultation.refresh_from_db()
    assert consultation.first_response_at is None

    answer = "折り返し電話し、安全を確認。明日午前に保健師と訪問する"
    done = writer.post(
        f"/consultations/{consultation.pk}/first-response/", {"first_response": answer}
    )
    assert done.status_code == 302
    consultation.refresh_from_db()
    assert consultation.first_response_by == cast.lead_consultant
    assert answer in writer.get(f"/consultations/{consultation.pk}/").content.decode()
    assert CONCERN[:20] not in _home(client_for(cast.colleague))
    assert P.SASAE not in _home(client_for(cast.coordinator))

    # Once is enough: a second first response is refused and changes nothing.
    again = writer.post(
        f"/consultations/{consultation.pk}/first-response/", {"first_response": "別の対応"}
    )
    assert again.status_code == 400 and "すでに記録されています" in again.content.decode()
    consultation.refresh_from_db()
    assert consultation.first_response == answer


def test_a_manager_cannot_record_the_first_response(cast, client_for, town) -> None:  # type: ignore[no-untyped-def]
    from tests.fixtures import make_user

    manager = make_user(P.LEAD_MANAGER, town)
    call = record_consultation(actor=cast.lead_consultant, main_concern=CONCERN, urgency="urgent")
    assert Notification.objects.filter(user=manager, kind="urgent").exists(), "the supervisor"
    assert not Notification.objects.filter(user=cast.colleague, kind="urgent").exists()
    client = client_for(manager)
    assert CONCERN[:20] in _home(client)
    response = client.post(f"/consultations/{call.pk}/first-response/", {"first_response": "確認"})
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.first_response_at is None


def test_an_urgent_case_waits_for_its_first_note_and_shows_only_where_its_risks_may_be_read(  # type: ignore[no-untyped-def]
    cast, client_for, town
) -> None:
    person = register_person(actor=cast.lead_consultant, name="真壁 しおり")
    case = open_case(actor=cast.lead_consultant, person=person, risk_flags=["dv"])
    for organization in (town[P.KAWABE_HOUKATSU], town[P.HIDAMARI]):
        sharing.add_team_member(
            actor=cast.lead_consultant, case=case, organization=organization, role="related"
        )
    sharing.record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.HISTORY,
        organizations=[town[P.KAWABE_HOUKATSU]],
        purpose="安全確保のため関係機関で共有する",
        method="written",
    )
    assert (
        f"ケース #{case.pk}"
        in client_for(cast.lead_consultant).get("/cases/urgent/").content.decode()
    )
    # The agency with 生活歴・課題 sees it (a disclosure of the risk flag it showed) …
    partner = client_for(cast.partner_with_consent).get("/cases/urgent/").content.decode()
    assert f"ケース #{case.pk}" in partner and "DV" in partner
    assert Disclosure.objects.get(user=cast.partner_with_consent).categories == C.HISTORY
    # … the one without does not: the urgency would tell the risk.
    other = client_for(cast.partner_without_consent).get("/cases/urgent/").content.decode()
    assert f"#{case.pk}" not in other and "初動対応を待っている緊急の案件はありません" in other

    add_progress_note(
        actor=cast.lead_consultant,
        case=case,
        method="phone",
        body="本人に電話。実家に避難していて安全を確認した",
    )
    case.refresh_from_db()
    assert case.first_response_at is not None and f"#{case.notes.get().pk}" in case.first_response
    assert (
        f"#{case.pk}" not in client_for(cast.lead_consultant).get("/cases/urgent/").content.decode()
    )


def test_a_case_opened_from_an_urgent_call_is_one_item_and_one_note_answers_both(  # type: ignore[no-untyped-def]
    cast, client_for
) -> None:
    person = register_person(actor=cast.lead_consultant, name="斎藤 良子")
    call = record_consultation(
        actor=cast.lead_consultant, main_concern=CONCERN, person=person, risk_flags=["suicide"]
    )
    case = open_case(actor=cast.lead_consultant, consultation=call)
    queue = client_for(cast.lead_consultant).get("/cases/urgent/").content.decode()
    assert f"相談 #{call.pk}" in queue and f"ケース #{case.pk}" not in queue
    add_progress_note(actor=cast.lead_consultant, case=case, method="visit", body="自宅を訪問した")
    call.refresh_from_db()
    assert call.first_response_at is not None
    assert (
        "初動対応を待っている緊急の案件はありません"
        in client_for(cast.lead_consultant).get("/cases/urgent/").content.decode()
    )


def test_consultations_left_undecided_for_three_working_days_are_listed(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    old_day = subtract_business_days(today, 4)
    recent_day = subtract_business_days(today, 1)
    for day, concern in ((old_day, "家賃の支払いが遅れている"), (recent_day, "仕事が見つからない")):
        received = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        record_consultation(actor=cast.lead_consultant, main_concern=concern, received_at=received)
    # The home page counts them (no names: the list is one click away) …
    home = _home(client_for(cast.colleague))
    assert "開庁日3日を過ぎても対応が未定（1件）" in home
    assert "家賃の支払い" not in home
    # … the queue's page lists them.
    queue = client_for(cast.colleague).get("/cases/urgent/").content.decode()
    assert "家賃の支払いが遅れている" in queue and "仕事が見つからない" not in queue


def test_the_list_filters_by_urgency_and_what_waits(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    record_consultation(actor=cast.lead_consultant, main_concern=CONCERN, risk_flags=["suicide"])
    record_consultation(actor=cast.lead_consultant, main_concern="制度について知りたい")
    client = client_for(cast.lead_consultant)
    waiting = client.get("/consultations/", {"unanswered": "on"}).content.decode()
    assert "1件" in waiting and CONCERN[:15] in waiting and "制度について" not in waiting
    assert "緊急・未対応（0分）" in waiting
    normal = client.get("/consultations/", {"urgency": "normal"}).content.decode()
    assert "2件" in normal, "a risk flag makes it urgent, whatever the urgency says"


def test_the_concern_form_points_to_119_and_110(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """The line is on the form (the style sheet shows it when 緊急 is chosen, with no script:
    the browser journey sees it appear)."""
    page = client_for(cast.reporter).get("/outreach/concerns/new/").content.decode()
    assert "命に関わるときは、まず119番（救急）・110番（警察）に通報してください" in page
    assert 'class="notice notice--alert life-line"' in page
