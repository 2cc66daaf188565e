"""A user with roles in two agencies writes only through the agency where they work cases: the
manager of 川辺地域包括 who is also a consultant at ひだまり reads what 川辺 knows, and may not
correct any of it (403, nothing changed), on the pages and through the API."""

import pytest
from django.test import Client

from tests import personas as P
from tests.fixtures import sign_in, token_for
from tsunagu.accounts import services as accounts
from tsunagu.intake.services import record_consultation
from tsunagu.outreach import services as outreach
from tsunagu.people import services as people
from tsunagu.people.models import Person


@pytest.fixture
def two_hats(cast, town):  # type: ignore[no-untyped-def]
    user = accounts.create_user(
        actor=None,
        email="futatsu@demo.tsunagu.example",
        display_name="二ツ森 晴",
        password=P.PASSWORD,
    )
    accounts.grant_role(actor=None, user=user, organization=town[P.KAWABE_HOUKATSU], role="manager")
    accounts.grant_role(actor=None, user=user, organization=town[P.HIDAMARI], role="consultant")
    return user


@pytest.fixture
def kawabe_records(cast):  # type: ignore[no-untyped-def]
    """A person, a consultation and an outreach target of 川辺地域包括 only."""
    worker = cast.partner_with_consent  # 川辺地域包括's consultant
    person = people.register_person(actor=worker, name="川端 とし")
    consultation = record_consultation(actor=worker, main_concern="物忘れが増えた", person=person)
    target = outreach.open_target(actor=worker, label="川辺団地の70代女性")
    return person, consultation, target


def test_the_manager_s_agency_s_records_are_read_not_written(two_hats, kawabe_records) -> None:  # type: ignore[no-untyped-def]
    person, consultation, target = kawabe_records
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(two_hats)}")
    assert api.get(f"/api/v1/people/{person.pk}").status_code == 200  # 川辺's manager reads
    patch = {"content_type": "application/json"}
    assert (
        api.patch(
            f"/api/v1/people/{person.pk}", {"address": "別の住所", "reason": "転居"}, **patch
        ).status_code
        == 403
    )
    assert (
        api.patch(
            f"/api/v1/consultations/{consultation.pk}",
            {"consulted_by": "family", "reason": "来談者の訂正"},
            **patch,
        ).status_code
        == 403
    )
    page = sign_in(Client(), two_hats)
    assert (
        page.post(
            f"/people/{person.pk}/correct/", {"name": "川端 とし子", "reason": "誤記"}
        ).status_code
        == 403
    )
    assert (
        page.post(f"/consultations/{consultation.pk}/correct/", {"reason": "誤記"}).status_code
        == 403
    )
    person.refresh_from_db()
    assert person.name == "川端 とし" and person.address == ""
    # Outreach is 川辺's: the consultant elsewhere records no contact on it.
    assert api.post(
        f"/api/v1/outreach/targets/{target.pk}/contacts",
        {"method": "visit", "outcome": "absent"},
        **patch,
    ).status_code in (403, 404)
    assert not target.contacts.exists()


def test_through_the_agency_where_they_work_cases_they_write(two_hats, cast) -> None:  # type: ignore[no-untyped-def]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(two_hats)}")
    created = api.post("/api/v1/people", {"name": "日田 真"}, content_type="application/json")
    assert created.status_code == 201
    corrected = api.patch(
        f"/api/v1/people/{created.json()['id']}",
        {"address": "つなぐ町駅前一丁目2番", "reason": "転居"},
        content_type="application/json",
    )
    assert corrected.status_code == 200
    assert Person.objects.get(pk=created.json()["id"]).address == "つなぐ町駅前一丁目2番"


def test_nothing_of_the_manager_s_agency_is_pulled_into_the_other_one(
    two_hats, kawabe_records
) -> None:  # type: ignore[no-untyped-def]
    """A consultation, a case, a household member or an outreach at ひだまり about 川辺's
    person would make 川辺's person known to ひだまり: refused (403), nothing linked."""
    person, consultation, _target = kawabe_records
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(two_hats)}")
    post = {"content_type": "application/json"}
    refused = [
        api.post("/api/v1/consultations", {"main_concern": "相談", "person_id": person.pk}, **post),
        api.post("/api/v1/cases", {"person_id": person.pk}, **post),
        api.post("/api/v1/cases", {"consultation_id": consultation.pk}, **post),
        api.post("/api/v1/outreach/targets", {"person_id": person.pk}, **post),
        api.post("/api/v1/households", {"name": "川端家", "head_id": person.pk}, **post),
    ]
    assert [r.status_code for r in refused] == [403] * 5, [r.content for r in refused]
    assert sorted(person.links.values_list("organization__name", flat=True)) == [P.KAWABE_HOUKATSU]
    consultation.refresh_from_db()
    assert consultation.disposition != "case"


def test_a_note_and_an_outreach_belong_to_the_agency_of_their_record(cast, town) -> None:  # type: ignore[no-untyped-def]
    """Case roles in two agencies (ささえ and まちの縁側): a note in ささえ's case is ささえ's; a
    person identified and engaged in まちの縁側's outreach is known to まちの縁側, and its case is
    led there — not by the agency first by name."""
    from tsunagu.cases.services import add_progress_note, open_case

    both = accounts.create_user(
        actor=None,
        email="ryouhou@demo.tsunagu.example",
        display_name="両方 勤",
        password=P.PASSWORD,
    )
    for name in (P.SASAE, P.ENGAWA):
        accounts.grant_role(actor=None, user=both, organization=town[name], role="consultant")
    sasae_case = open_case(
        actor=cast.lead_consultant,
        person=people.register_person(actor=cast.lead_consultant, name="早瀬 陸"),
    )
    note = add_progress_note(actor=both, case=sasae_case, body="電話で近況を聞いた", method="phone")
    assert note.organization.name == P.SASAE
    engawa = accounts.create_user(
        actor=None,
        email="engawa2@demo.tsunagu.example",
        display_name="縁 側子",
        password=P.PASSWORD,
    )
    accounts.grant_role(actor=None, user=engawa, organization=town[P.ENGAWA], role="coordinator")
    target = outreach.open_target(actor=engawa, label="商店街の40代男性")
    outreach.identify_target(actor=both, target=target, name="森川 航")
    case = outreach.engage(actor=both, target=target, main_concern="仕事が見つからない")
    assert case.lead_organization.name == P.ENGAWA
    assert P.ENGAWA in set(target.person.links.values_list("organization__name", flat=True))


def test_an_outreach_is_given_only_to_a_worker_of_one_s_own_agency(cast) -> None:  # type: ignore[no-untyped-def]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    given = api.post(
        "/api/v1/outreach/targets",
        {"label": "駅前の60代男性", "worker_id": cast.partner_without_consent.pk},
        content_type="application/json",
    )
    assert given.status_code == 422 and "worker" in given.json()["errors"]
