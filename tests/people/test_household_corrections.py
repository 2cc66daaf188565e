"""世帯情報・世帯員の訂正: a household's move, a wrong 続柄, a member who moved out — corrected
on the page and through the API, the earlier version kept and shown; bad dates explained."""

import pytest
from django.test import Client

from tests.fixtures import token_for
from tsunagu.core.models import Revision
from tsunagu.people.models import HouseholdMember
from tsunagu.people.services import add_household_member, create_household, register_person


@pytest.fixture
def family(cast):  # type: ignore[no-untyped-def]
    mother = register_person(actor=cast.lead_consultant, name="髙橋 キヨ")
    son = register_person(actor=cast.lead_consultant, name="髙橋 一郎")
    household = create_household(actor=cast.lead_consultant, name="髙橋さん世帯", address="川辺1-2")
    add_household_member(
        actor=cast.lead_consultant, household=household, person=mother, relationship="head"
    )
    add_household_member(
        actor=cast.lead_consultant, household=household, person=son, relationship="child"
    )
    return household, mother, son


def test_a_household_move_is_corrected_and_its_history_shown(family, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    household, _mother, _son = family
    client = client_for(cast.lead_consultant)
    page = client.get(f"/people/households/{household.pk}/").content.decode()
    assert f"/people/households/{household.pk}/correct/" in page
    response = client.post(
        f"/people/households/{household.pk}/correct/",
        {"name": "髙橋さん世帯", "address": "つなぐ町駅前3-4", "reason": "世帯で転居"},
    )
    assert response.status_code == 302
    page = client.get(f"/people/households/{household.pk}/").content.decode()
    assert "つなぐ町駅前3-4" in page and "訂正履歴（1件）" in page
    assert "<del>川辺1-2</del>" in page and "世帯で転居" in page
    from tsunagu.accounts.models import District

    kawabe = District.objects.order_by("pk").first()
    client.post(
        f"/people/households/{household.pk}/correct/",
        {"name": "髙橋さん世帯", "address": "つなぐ町駅前3-4", "district": kawabe.pk},
    )
    assert (
        f'<td data-label="訂正後" class="prose">{kawabe.name}</td>'
        in client.get(f"/people/households/{household.pk}/").content.decode()
    ), "the district by its name"
    refused = client.post(f"/people/households/{household.pk}/correct/", {"name": " "})
    assert refused.status_code == 400 and "世帯名" in refused.content.decode()
    assert Revision.objects.count() == 2


def test_a_wrong_relationship_and_a_move_out_are_corrected(family, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    household, mother, son = family
    client = client_for(cast.lead_consultant)
    url = f"/people/households/{household.pk}/members/{son.pk}/correct/"
    assert "髙橋 一郎" in client.get(url).content.decode()
    # The end before the start, a move in the future: refused with what to fix.
    bad = client.post(url, {"relationship": "child", "started_on": "R8.4.1", "ended_on": "R8.3.1"})
    assert bad.status_code == 400 and "終了日を開始日より前にはできません" in bad.content.decode()
    ahead = client.post(url, {"relationship": "child", "ended_on": "R30.1.1"})
    assert ahead.status_code == 400 and "未来の日付" in ahead.content.decode()
    # He became the head; his mother moved to a facility.
    assert client.post(url, {"relationship": "head", "reason": "世帯主の変更"}).status_code == 302
    household.refresh_from_db()
    assert household.head == son
    mother_url = f"/people/households/{household.pk}/members/{mother.pk}/correct/"
    client.post(mother_url, {"relationship": "parent", "ended_on": "R8.11.1", "reason": "施設入所"})
    page = client.get(f"/people/households/{household.pk}/").content.decode()
    assert "髙橋 キヨ" not in page  # no longer a current member
    member = HouseholdMember.objects.get(person=mother)
    assert member.ended_on is not None
    assert Revision.objects.filter(record_type="people.householdmember").count() == 2


def test_an_agency_that_does_not_know_the_member_cannot_correct_them(  # type: ignore[no-untyped-def]
    family, cast, client_for
) -> None:
    household, _mother, son = family
    url = f"/people/households/{household.pk}/members/{son.pk}/correct/"
    assert client_for(cast.partner_without_consent).get(url).status_code == 404
    assert client_for(cast.manager).post(url, {"relationship": "head"}).status_code in (403, 404)
    assert not Revision.objects.exists()


def test_joining_a_household_before_the_current_one_began_is_explained(  # type: ignore[no-untyped-def]
    family, cast, client_for
) -> None:
    household, _mother, son = family
    HouseholdMember.objects.filter(person=son).update(started_on="2020-04-01")
    other = create_household(actor=cast.lead_consultant, name="一郎さん世帯")
    wife = register_person(actor=cast.lead_consultant, name="髙橋 恵")
    add_household_member(
        actor=cast.lead_consultant, household=other, person=wife, relationship="head"
    )
    client = client_for(cast.lead_consultant)
    response = client.post(
        f"/people/households/{other.pk}/members/",
        {"person": son.pk, "relationship": "head", "started_on": "H31.1.1"},
    )
    assert response.status_code == 400
    assert "令和2年4月1日から髙橋さん世帯に暮らしています" in response.content.decode()
    assert HouseholdMember.objects.filter(person=son).count() == 1


def test_the_api_corrects_a_person_a_household_and_a_member(family, cast) -> None:  # type: ignore[no-untyped-def]
    household, _mother, son = family
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    person = api.patch(
        f"/api/v1/people/{son.pk}",
        {"phone": "０９０－１２３４－５６７８", "reason": "携帯番号を聞いた"},
        content_type="application/json",
    )
    assert person.status_code == 200 and person.json()["phone"] == "090-1234-5678"
    moved = api.patch(
        f"/api/v1/households/{household.pk}",
        {"address": "つなぐ町駅前3-4"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["address"] == "つなぐ町駅前3-4"
    member = api.patch(
        f"/api/v1/households/{household.pk}/members/{son.pk}",
        {"relationship": "head"},
        content_type="application/json",
    )
    assert member.status_code == 200
    assert {m["relationship"] for m in member.json()["members"] if m["person_id"] == son.pk} == {
        "head"
    }
    unknown = api.patch(
        f"/api/v1/households/{household.pk}",
        {"district_id": 99999},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "99999" in unknown.content.decode()
    assert Revision.objects.count() == 3
