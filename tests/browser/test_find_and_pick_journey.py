"""Find anyone, pick the right one — at 320 px: the coordinator finds a person by the family
name alone and by a phone number typed full-width, then puts the right 髙橋 咲 of two on a
meeting's agenda by the case number shown beside each name."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.fixtures import enrol_totp
from tsunagu.cases.services import open_case
from tsunagu.intake.defaults import ensure_issue_taxonomy
from tsunagu.meetings.defaults import ensure_default_types
from tsunagu.meetings.models import AgendaItem, MeetingType
from tsunagu.meetings.services import convene_meeting
from tsunagu.people.services import register_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_finds_a_person_and_picks_the_right_one(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    ensure_issue_taxonomy()  # an earlier browser test's flush took the migration's rows
    ensure_default_types()
    coordinator = cast.coordinator
    older = register_person(
        actor=coordinator, name="髙橋 咲", birth_date=dt.date(1950, 5, 1), phone="0120-111-222"
    )
    younger = register_person(actor=coordinator, name="髙橋 咲", birth_date=dt.date(2009, 9, 9))
    register_person(actor=coordinator, name="松本 誠")
    older_case = open_case(actor=coordinator, person=older)
    open_case(actor=coordinator, person=younger)
    meeting = convene_meeting(
        actor=coordinator,
        type=MeetingType.objects.get(name="重層的支援会議"),
        held_at=timezone.now() + dt.timedelta(days=3),
        place="つなぐ町役場 第1会議室",
    )
    enrol_totp(coordinator)
    sign_in(page, coordinator)
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/people/")
    page.get_by_label("氏名", exact=True).fill("高橋")  # 髙 and 高 are one; the family name alone
    page.locator("main").get_by_role("button", name="検索", exact=True).click()
    results = page.locator("main table")
    expect(results).to_contain_text("髙橋 咲")
    expect(results.locator("tbody tr")).to_have_count(2)
    expect(results).not_to_contain_text("松本 誠")
    page.get_by_label("氏名", exact=True).fill("")
    page.get_by_label("電話", exact=True).fill("０１２０１１１２２２")
    page.locator("main").get_by_role("button", name="検索", exact=True).click()
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("昭和25年5月1日")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.goto(f"/meetings/{meeting.pk}/agenda/")
    picker = page.get_by_label("ケース")
    labels = picker.locator("option").all_inner_texts()
    assert sum("髙橋 咲" in label for label in labels) == 2, labels
    chosen = next(label for label in labels if label.startswith(f"#{older_case.pk} "))
    today = timezone.localdate()
    age = today.year - 1950 - ((today.month, today.day) < (5, 1))
    assert f"{age}歳" in chosen, chosen  # the age tells them apart
    picker.select_option(label=chosen)
    page.get_by_label("会議資料").fill("母の介護と家計の状況")
    page.locator("input[name=categories]").first.check()
    page.get_by_role("button", name="議題にする").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert AgendaItem.objects.get(meeting=meeting).case_id == older_case.pk
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
