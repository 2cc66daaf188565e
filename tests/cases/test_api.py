"""The case-work API, as another municipal system or a script would use it."""

import pytest
from django.test import Client

from tests.fixtures import token_for
from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Case


@pytest.fixture
def api(cast):  # type: ignore[no-untyped-def]
    raw = token_for(cast.lead_consultant)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client, url, data):  # type: ignore[no-untyped-def]
    return client.post(url, data, content_type="application/json")


def test_the_whole_case_through_the_api(api, cast) -> None:  # type: ignore[no-untyped-def]
    person = _post(
        api,
        "/api/v1/people",
        {
            "name": "髙橋 一郎",
            "name_kana": "タカハシ イチロウ",
            "birth_date": "昭和50年6月3日",
            "phone": "090-1234-5678",
        },
    )
    assert person.status_code == 201, person.content
    person_id = person.json()["id"]
    assert person.json()["birth_date"] == "1975-06-03"

    found = api.get(
        "/api/v1/people/candidates", {"name": "高橋一郎", "birth_date": "S50.6.3"}
    ).json()
    assert found[0]["person_id"] == person_id and found[0]["score"] >= 0.8 and found[0]["reasons"]

    consultation = _post(
        api,
        "/api/v1/consultations",
        {
            "main_concern": "家賃を3か月滞納している",
            "person_id": person_id,
            "issues": ["rent_loans", "debt"],
            "main_issue": "debt",
            "risk_flags": ["eviction"],
        },
    )
    assert consultation.status_code == 201
    case = _post(api, "/api/v1/cases", {"consultation_id": consultation.json()["id"]})
    assert case.status_code == 201 and set(case.json()["issues"]) == {"rent_loans", "debt"}
    case_id = case.json()["id"]

    assert (
        _post(api, f"/api/v1/cases/{case_id}/assessments", {"income": "債務あり"}).status_code
        == 201
    )
    plan = _post(
        api,
        f"/api/v1/cases/{case_id}/plans",
        {
            "persons_wishes": "住み続けたい",
            "goals": ["家賃を払う"],
            "actions": [{"description": "住居確保給付金の申請", "due_on": "R8.12.1"}],
        },
    )
    assert plan.status_code == 201
    note = _post(
        api,
        f"/api/v1/cases/{case_id}/notes",
        {"body": "ハローワークへ同行した。", "method": "accompany"},
    )
    assert note.status_code == 201
    plans = api.get(f"/api/v1/cases/{case_id}/plans").json()
    assert plans[0]["id"] == plan.json()["id"] and plans[0]["goals"][0]["text"] == "家賃を払う"
    goal_id = plans[0]["goals"][0]["id"]  # read back, as a client that made the plan would
    evaluation = _post(
        api,
        f"/api/v1/cases/{case_id}/evaluations",
        {
            "attainments": [{"goal_id": goal_id, "attainment": "achieved"}],
            "next_direction": "continue",
        },
    )
    assert evaluation.status_code == 201

    evaluations = api.get(f"/api/v1/cases/{case_id}/evaluations").json()
    assert evaluations[0]["attainments"] == [
        {"goal_id": goal_id, "attainment": "achieved", "comment": ""}
    ]
    notes = api.get(f"/api/v1/cases/{case_id}/notes").json()
    assert notes["total"] == 1 and notes["items"][0]["body"] == "ハローワークへ同行した。"
    assert notes["items"][0]["method"] == "accompany" and notes["limit"] == 50
    assessments = api.get(f"/api/v1/cases/{case_id}/assessments").json()
    assert assessments[0]["areas"] == [{"area": "income", "text": "債務あり"}]

    hits = api.get("/api/v1/search", {"q": "ハローワーク"}).json()
    assert hits["total"] == 1 and hits["results"][0]["case_id"] == case_id
    assert hits["results"][0]["type"] == "note" and "<mark>" in hits["results"][0]["snippet"]

    listed = api.get("/api/v1/cases", {"risk": "eviction"}).json()
    assert [c["id"] for c in listed["items"]] == [case_id] and listed["total"] == 1
    pdf = api.get(f"/api/v1/cases/{case_id}/forms/plan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    closed = _post(api, f"/api/v1/cases/{case_id}/close", {"reason": "goals_met"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_bad_input_says_what_to_fix_and_saves_nothing(api) -> None:  # type: ignore[no-untyped-def]
    response = _post(api, "/api/v1/people", {"name": "平成 花子", "birth_date": "平成32年1月1日"})
    assert response.status_code == 422
    assert "平成は" in str(response.json())
    response = _post(api, "/api/v1/consultations", {"main_concern": "   "})
    assert response.status_code == 422 and "主訴" in str(response.json())
    response = _post(api, "/api/v1/consultations", {"main_concern": "相談", "issues": ["nope"]})
    assert response.status_code == 422
    from tsunagu.intake.models import Consultation
    from tsunagu.people.models import Person

    assert not Person.objects.exists() and not Consultation.objects.exists()


def test_other_agencies_get_404(api, cast) -> None:  # type: ignore[no-untyped-def]
    person_id = _post(api, "/api/v1/people", {"name": "山田 花子"}).json()["id"]
    case_id = _post(api, "/api/v1/cases", {"person_id": person_id}).json()["id"]
    raw = token_for(cast.partner_without_consent)
    other = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert other.get(f"/api/v1/cases/{case_id}").status_code == 404
    assert other.get(f"/api/v1/people/{person_id}").status_code == 404
    assert _post(other, f"/api/v1/cases/{case_id}/notes", {"body": "x"}).status_code == 404
    assert other.get("/api/v1/search", {"q": "山田"}).json()["total"] == 0
    assert AuditEvent.objects.filter(action="view", actor=cast.partner_without_consent).count() == 0


def test_the_openapi_document_lists_case_work(db) -> None:  # type: ignore[no-untyped-def]
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/consultations",
        "/api/v1/people/candidates",
        "/api/v1/people",
        "/api/v1/households",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}/notes",
        "/api/v1/cases/{case_id}/close",
        "/api/v1/search",
    ):
        assert path in paths, path


def test_an_anonymous_consultation_in_readable_json_and_japan_s_time(api) -> None:  # type: ignore[no-untyped-def]
    """断らない相談 through the API: the concern alone is enough; the JSON is UTF-8 (not
    \\u-escaped) and times carry +09:00, as an integration would store them."""
    response = _post(api, "/api/v1/consultations", {"main_concern": "名前は言えないが相談したい"})
    assert response.status_code == 201, response.content
    raw = response.content.decode()
    assert "名前は言えないが相談したい" in raw and "\\u" not in raw
    assert response.json()["person_id"] is None
    assert response.json()["received_at"].endswith("+09:00")


def test_code_lists_are_enums_with_their_labels_and_take_the_japanese_label(api) -> None:  # type: ignore[no-untyped-def]
    """A client need not guess: the document lists every code with its label; 「電話」 is read
    as phone, and a code that is not one is refused with the list."""
    document = api.get("/api/v1/openapi.json").json()
    channel = document["components"]["schemas"]["ConsultationIn"]["properties"]["channel"]
    assert "phone" in channel["enum"] and "phone (電話)" in channel["description"]
    taken = _post(api, "/api/v1/consultations", {"main_concern": "相談", "channel": "電話"})
    assert taken.status_code == 201, taken.content
    refused = _post(api, "/api/v1/consultations", {"main_concern": "相談", "channel": "fax"})
    assert refused.status_code == 422
    assert "phone (電話)" in refused.content.decode() and "fax" in refused.content.decode()


def test_operation_ids_are_unique_names_a_client_can_use(api) -> None:  # type: ignore[no-untyped-def]
    document = api.get("/api/v1/openapi.json").json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) and "createConsultation" in ids and "getCase" in ids
    missing = api.get("/api/v1/cases/999999")
    assert missing.status_code == 404 and "法的な根拠" in missing.json()["detail"]
    bad = _post(api, "/api/v1/consultations", {"main_concern": "相談", "received_at": "昨日"})
    assert bad.status_code == 422 and "received_at" in bad.json()["errors"]


def test_a_partner_with_consent_reads_through_the_api_only_what_the_consent_covers(  # type: ignore[no-untyped-def]
    api, cast, town
) -> None:
    """The same access as the tabs: a partner consented 健康 and 就学・就労 reads those notes and
    areas, not the money ones; the plan (福祉・生活歴) stays closed; each read is one 情報提供記録
    with what was shown (none where nothing was)."""
    from tests import personas as P
    from tsunagu.sharing.choices import InfoCategory as C
    from tsunagu.sharing.models import Disclosure
    from tsunagu.sharing.services import add_team_member, record_consent

    person_id = _post(api, "/api/v1/people", {"name": "紬木 花子"}).json()["id"]
    case_id = _post(api, "/api/v1/cases", {"person_id": person_id}).json()["id"]
    for body, category in (("通院に同行した", "health"), ("消費者金融の借入が判明", "money")):
        _post(api, f"/api/v1/cases/{case_id}/notes", {"body": body, "categories": [category]})
    _post(api, f"/api/v1/cases/{case_id}/assessments", {"health": "膝が痛む", "income": "借金"})
    _post(
        api,
        f"/api/v1/cases/{case_id}/plans",
        {"persons_wishes": "家で暮らしたい", "goals": ["通院を続ける"], "actions": []},
    )
    case = Case.objects.get(pk=case_id)
    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.KAWABE_HOUKATSU], role="related"
    )
    record_consent(
        actor=cast.lead_consultant,
        case=case,
        categories=C.HEALTH | C.SCHOOL_WORK,
        organizations=[town[P.KAWABE_HOUKATSU]],
        purpose="通院の支援",
        method="written",
    )
    partner = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.partner_with_consent)}")
    notes = partner.get(f"/api/v1/cases/{case_id}/notes").json()
    assert [n["body"] for n in notes["items"]] == ["通院に同行した"] and notes["total"] == 1
    areas = partner.get(f"/api/v1/cases/{case_id}/assessments").json()[0]
    assert areas["areas"] == [{"area": "health", "text": "膝が痛む"}]
    assert "income" in areas["withheld"]
    assert partner.get(f"/api/v1/cases/{case_id}/plans").json() == []
    # The notes and the assessment showed something: one record each; the empty plan list none.
    told = Disclosure.objects.filter(user=cast.partner_with_consent, case=case)
    assert told.count() == 2 and all(
        d.categories & ~(C.HEALTH | C.SCHOOL_WORK | C.FAMILY) == 0 for d in told
    )


def test_consultations_and_people_are_listed_as_the_pages_list_them(api, cast) -> None:  # type: ignore[no-untyped-def]
    for name in ("髙橋 一郎", "髙橋 咲", "松本 誠"):
        _post(api, "/api/v1/people", {"name": name})
    people = api.get("/api/v1/people", {"name": "高橋", "limit": 1}).json()
    assert people["total"] == 2 and len(people["items"]) == 1 and people["limit"] == 1
    second = api.get("/api/v1/people", {"name": "高橋", "limit": 1, "offset": 1}).json()
    assert {people["items"][0]["name"], second["items"][0]["name"]} == {"髙橋 一郎", "髙橋 咲"}
    _post(api, "/api/v1/consultations", {"main_concern": "家賃のこと"})
    urgent = _post(
        api, "/api/v1/consultations", {"main_concern": "もう死にたい", "risk_flags": ["suicide"]}
    ).json()
    waiting = api.get("/api/v1/consultations", {"unanswered": True}).json()
    assert [c["id"] for c in waiting["items"]] == [urgent["id"]] and waiting["total"] == 1
    assert api.get("/api/v1/consultations", {"anonymous": True}).json()["total"] == 2
    one = api.get(f"/api/v1/consultations/{urgent['id']}").json()
    assert one["urgent"] is True and one["first_response_at"] is None
    partner = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.partner_without_consent)}")
    assert partner.get("/api/v1/consultations").json()["total"] == 0
    assert partner.get(f"/api/v1/consultations/{urgent['id']}").status_code == 404
