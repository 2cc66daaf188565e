"""Find anyone: a person by the family name alone (髙 typed as 高, kana or katakana), by a birth
date in 和暦, by any run of the phone number's digits, by address; a case by name or number;
the search box finds people by name and phone too. Each through the access rule: another
agency finds nobody it has not recorded itself."""

import datetime as dt

import pytest

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.services import close_case, open_case
from tsunagu.people.services import register_person


@pytest.fixture
def takahashi(cast):  # type: ignore[no-untyped-def]
    return register_person(
        actor=cast.lead_consultant,
        name="髙橋 一郎",
        name_kana="たかはし いちろう",
        birth_date=dt.date(1975, 5, 1),
        phone="０９０－１２３４－５６７８",
        address="つなぐ町川辺三丁目4番5号",
    )


@pytest.mark.parametrize(
    "query",
    [
        {"name": "高橋"},
        {"name": "髙橋"},
        {"name": "タカハシ"},
        {"name": "たかはし いち"},
        {"birth_date": "S50.5.1"},
        {"birth_date": "昭和50年5月1日"},
        {"phone": "1234-5678"},
        {"phone": "０９０１２３４"},
        {"address": "川辺三丁目"},
    ],
)
def test_the_people_list_finds_them_by_what_the_caller_gives(  # type: ignore[no-untyped-def]
    takahashi, cast, client_for, query
) -> None:
    register_person(actor=cast.lead_consultant, name="松本 誠", phone="080-9999-0000")
    page = client_for(cast.lead_consultant).get("/people/", query).content.decode()
    assert "髙橋 一郎" in page and "松本 誠" not in page, query
    assert "1人" in page
    listed = AuditEvent.objects.filter(actor=cast.lead_consultant, object_type="people.person")
    assert listed.latest("pk").detail["ids"] == [takahashi.pk], "the list is audited by whom"


def test_another_agency_finds_nobody_it_has_not_recorded(takahashi, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.partner_without_consent)
    assert "髙橋 一郎" not in client.get("/people/", {"name": "高橋"}).content.decode()
    assert "髙橋 一郎" not in client.get("/search/", {"q": "高橋"}).content.decode()
    assert "髙橋 一郎" not in client.get("/search/", {"q": "090-1234-5678"}).content.decode()


def test_the_search_box_finds_people_by_name_and_phone(takahashi, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    for query in ("高橋", "09012345678", "1234-5678"):
        page = client.get("/search/", {"q": query}).content.decode()
        assert f'href="/people/{takahashi.pk}/"' in page, query


def test_the_caseload_finds_a_case_by_name_or_number_even_closed(  # type: ignore[no-untyped-def]
    takahashi, cast, client_for, town
) -> None:
    from tests import personas as P
    from tsunagu.sharing.services import add_team_member

    case = open_case(actor=cast.lead_consultant, person=takahashi)
    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.HIDAMARI], role="related"
    )
    client = client_for(cast.lead_consultant)
    assert "1件" in client.get("/cases/", {"q": "たかはし"}).content.decode()
    close_case(actor=cast.lead_consultant, case=case, reason="goals_met", note="目標を達成")
    for number in (str(case.pk), f"#{case.pk}", f"＃{case.pk}"):
        assert "1件" in client.get("/cases/", {"q": number}).content.decode(), number
    # The team member without 属性・家族関係 finds the case by its number, never by the name.
    partner = client_for(cast.partner_without_consent)
    assert "1件" in partner.get("/cases/", {"q": str(case.pk)}).content.decode()
    assert "0件" in partner.get("/cases/", {"q": "高橋"}).content.decode()


def test_tasks_and_candidates_name_people_with_what_tells_them_apart(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """Two 髙橋 咲: the home's tasks name each case with its number, age and lead worker; the
    duplicate candidates show the birth date with the age and the address."""
    import datetime as dt

    from django.utils import timezone

    from tsunagu.cases.models import Task
    from tsunagu.cases.services import open_case
    from tsunagu.people.services import register_person

    consultant = cast.lead_consultant
    older = register_person(
        actor=consultant, name="髙橋 咲", birth_date=dt.date(1950, 5, 1), address="川辺1-2"
    )
    younger = register_person(actor=consultant, name="髙橋 咲", birth_date=dt.date(2009, 9, 9))
    for person in (older, younger):
        case = open_case(actor=consultant, person=person)
        Task.objects.create(
            case=case,
            title="電話で近況を聞く",
            due_on=timezone.localdate(),
            assignee=consultant,
            organization=case.lead_organization,
        )
    home = client_for(consultant).get("/").content.decode()
    for person in (older, younger):
        case = person.cases.get()
        assert f"#{case.pk} 髙橋 咲（" in home and "主担当 佐藤 美咲）" in home
    found = client_for(consultant).get("/people/candidates/", {"name": "髙橋 咲"}).content.decode()
    assert "昭和25年5月1日（" in found and "歳）" in found and "川辺1-2" in found


def test_the_search_box_names_households_and_cases_above_the_text_hits(  # type: ignore[no-untyped-def]
    takahashi, cast, client_for, town
) -> None:
    """高橋 finds the person, the household and the case, above any note that says 高橋; the
    case's number finds it too. A partner on the team without consent sees the case by number
    only, never by the name (属性・家族関係 is closed to it)."""
    from django.test import Client

    from tests import personas as P
    from tests.fixtures import token_for
    from tsunagu.cases.services import add_progress_note
    from tsunagu.people.services import add_household_member, create_household
    from tsunagu.sharing.services import add_team_member

    household = create_household(actor=cast.lead_consultant, name="髙橋さん世帯")
    add_household_member(
        actor=cast.lead_consultant, household=household, person=takahashi, relationship="head"
    )
    case = open_case(actor=cast.lead_consultant, person=takahashi)
    add_progress_note(actor=cast.lead_consultant, case=case, method="visit", body="高橋さんと面談")
    page = client_for(cast.lead_consultant).get("/search/", {"q": "高橋"}).content.decode()
    records = page.index("本人・世帯・ケース")
    assert records < page.index(f'href="/people/{takahashi.pk}/"') < page.index("snippet")
    assert f'href="/people/households/{household.pk}/"' in page
    assert f"#{case.pk} 髙橋 一郎（" in page
    by_number = client_for(cast.lead_consultant).get("/search/", {"q": f"#{case.pk}"})
    assert f'href="/cases/{case.pk}/"' in by_number.content.decode()

    add_team_member(
        actor=cast.lead_consultant, case=case, organization=town[P.HIDAMARI], role="related"
    )
    partner = client_for(cast.partner_without_consent)
    assert (
        f'href="/cases/{case.pk}/"' not in partner.get("/search/", {"q": "高橋"}).content.decode()
    )
    numbered = partner.get("/search/", {"q": str(case.pk)}).content.decode()
    assert f"ケース #{case.pk}" in numbered and "髙橋" not in numbered

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.lead_consultant)}")
    found = api.get("/api/v1/search", {"q": "高橋"}).json()
    kinds = {(r["type"], r["id"]) for r in found["records"]}
    assert {("person", takahashi.pk), ("household", household.pk), ("case", case.pk)} <= kinds
