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
