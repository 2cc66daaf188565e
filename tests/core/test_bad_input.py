"""Bad input answered as such: a control character (NUL …) in a query, a form field or a JSON
body is a 400 that says what to fix, on every database; nothing is saved."""

import pytest

from tsunagu.intake.models import Consultation


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x08"])
def test_a_control_character_in_the_search_box_is_a_400_with_a_message(  # type: ignore[no-untyped-def]
    cast, client_for, character
) -> None:
    response = client_for(cast.lead_consultant).get("/search/", {"q": f"家賃{character}滞納"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "制御文字（NULなど）" in page and "データベース" not in page


def test_a_nul_in_a_form_saves_nothing(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).post(
        "/consultations/new/",
        {
            "main_concern": "家計\x00の相談",
            "channel": "phone",
            "consulted_by": "self",
            "urgency": "normal",
            "consent_to_share": "unknown",
            "disposition": "pending",
        },
    )
    assert response.status_code == 400 and "制御文字" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_nul_in_a_json_body_or_a_query_of_the_api_is_a_400(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    response = client.post(
        "/api/v1/consultations",
        data='{"main_concern": "家計\\u0000の相談"}',
        content_type="application/json",
    )
    assert response.status_code == 400 and "制御文字" in response.json()["detail"]
    assert not Consultation.objects.exists()
    assert client.get("/api/v1/cases", {"q": "\x00"}).status_code == 400


def test_tabs_and_newlines_are_ordinary_input(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).post(
        "/consultations/new/",
        {
            "main_concern": "一行目\r\n\t二行目",
            "channel": "phone",
            "consulted_by": "self",
            "urgency": "normal",
            "consent_to_share": "unknown",
            "disposition": "pending",
        },
    )
    assert response.status_code == 302 and Consultation.objects.count() == 1


def test_numbers_that_are_not_ours_and_huge_pages_are_answered_as_such(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """Digits of other scripts (፩), a page beyond any list, an id longer than any id, an issue
    given twice, a run of 3,000 digits in a note: answered, never a 500."""
    from django.test import Client

    from tests.fixtures import token_for
    from tsunagu.cases.services import add_progress_note, open_case
    from tsunagu.people.services import register_person

    client = client_for(cast.lead_consultant)
    for query in ("፩", "#፩", "9" * 40):
        assert client.get("/search/", {"q": query}).status_code == 200, query
    assert client.post("/accounts/tokens/", {"action": "revoke", "token": "፩"}).status_code == 404
    assert client.get("/people/" + "9" * 30 + "/").status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    far = api.get("/api/v1/consultations", {"offset": 10**20})
    assert far.status_code in (200, 422) and far.status_code != 500
    twice = api.post(
        "/api/v1/consultations",
        {"main_concern": "家賃のこと", "issues": ["debt", "debt"]},
        content_type="application/json",
    )
    assert twice.status_code == 201 and twice.json()["issues"] == ["debt"]
    person = register_person(actor=cast.lead_consultant, name="数字 太郎")
    case = open_case(actor=cast.lead_consultant, person=person)
    add_progress_note(
        actor=cast.lead_consultant, case=case, method="visit", body="1" * 3000 + " 面談"
    )
    assert client.get("/search/", {"q": "面談"}).status_code == 200
