"""Urgent first, in a browser: a call with 自殺リスク is saved; within the same minute it is at
the top of the colleague's home and the coordinator elsewhere sees that it waits; the colleague
has been told; the first response clears it. The 民生委員's form points to 119 and 110 once 緊急
is chosen."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.fixtures import enrol_totp
from tests.personas import SASAE

pytestmark = pytest.mark.django_db(transaction=True)

CONCERN = "「もう死にたい」と繰り返す男性から電話。今夜ひとりで過ごすのが怖いという"


def _signed_in(browser: Browser, live_server, user) -> Page:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    context.set_default_timeout(20_000)
    page = context.new_page()
    if user.requires_two_factor:
        enrol_totp(user)
    sign_in(page, user, code=user.requires_two_factor)
    return page


def test_an_urgent_call_is_first_until_its_first_response(  # type: ignore[no-untyped-def]
    page: Page, browser: Browser, cast, live_server
) -> None:
    enrol_totp(cast.lead_consultant)
    sign_in(page, cast.lead_consultant)
    page.get_by_role("link", name="新規相談").first.click()
    page.get_by_label("主訴（本人・来談者の言葉で）").fill(CONCERN)
    page.get_by_label("緊急度").select_option("urgent")
    page.locator("input[name=risk_flags][value=suicide]").check()
    page.get_by_role("button", name="相談を受け付ける").first.click()
    expect(page.get_by_role("status")).to_contain_text("相談を受け付けました")
    expect(page.get_by_role("alert")).to_contain_text("緊急・未対応")
    consultation_url = page.url

    colleague = _signed_in(browser, live_server, cast.colleague)
    urgent = colleague.locator("#panel-urgent").locator("..")
    expect(urgent).to_contain_text(CONCERN[:15])
    expect(urgent).to_contain_text("0分")
    first_panel = colleague.locator(".panels > section").first
    expect(first_panel).to_have_class("panel panel--wide panel--urgent")
    assert_accessible(colleague)
    colleague.get_by_role("link", name="お知らせ").first.click()
    expect(colleague.locator("main")).to_contain_text("緊急の相談")

    coordinator = _signed_in(browser, live_server, cast.coordinator)
    expect(coordinator.locator("main")).to_contain_text(f"{SASAE}：1件")
    expect(coordinator.locator("main")).not_to_contain_text(CONCERN[:10])

    page.goto(consultation_url)
    page.get_by_label("初動対応").fill("折り返し電話して安全を確認。明日、保健師と訪問する")
    page.get_by_role("button", name="初動対応を記録する").click()
    expect(page.get_by_role("status")).to_contain_text("初動対応を記録しました")
    expect(page.locator("main")).to_contain_text("明日、保健師と訪問する")
    assert_accessible(page)

    colleague.goto("/")
    expect(colleague.locator("main")).not_to_contain_text(CONCERN[:15])
    coordinator.goto("/")
    expect(coordinator.locator("main")).not_to_contain_text(SASAE + "：1件")

    # At 320 px the urgent queue reads without sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/cases/urgent/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_reporter_is_pointed_to_119_when_it_is_urgent(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, cast.reporter, code=cast.reporter.requires_two_factor)
    page.goto("/outreach/concerns/new/")
    line = page.get_by_text(
        "命に関わるときは、まず119番（救急）・110番（警察）に通報してください。"
    )
    expect(line).to_be_hidden()
    page.get_by_label("緊急度").select_option("urgent")
    expect(line).to_be_visible()
    assert_accessible(page)
