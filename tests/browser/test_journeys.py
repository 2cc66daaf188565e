"""The platform's journeys in a real browser, with an accessibility check on every page."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests import personas as P
from tests.browser.conftest import assert_accessible, sign_in
from tests.fixtures import enrol_totp
from tsunagu.audit.services import record_event

pytestmark = pytest.mark.django_db(transaction=True)

PAGES_FOR_EVERYONE = ["/", "/accounts/preferences/", "/notifications/"]
WORKERS = ["/cases/", "/referrals/", "/referrals/?box=outbox", "/meetings/", "/meetings/new/"]
EXTRA_PAGES = {
    "auditor": ["/audit/", "/emergency/"],
    "admin": ["/admin/", "/admin/accounts/user/"],
    "manager": ["/insights/barriers/", "/emergency/"],
    "lead_consultant": WORKERS,
    "coordinator": [
        *WORKERS,
        "/insights/barriers/",
        "/outreach/",
        "/outreach/concerns/",
        "/outreach/figures/",
        "/outreach/targets/new/",
    ],
    "reporter": ["/outreach/concerns/mine/", "/outreach/concerns/new/"],
}


def test_the_sign_in_page_is_accessible(page: Page, town) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    expect(page).to_have_title("ログイン | つなぐ")
    assert_accessible(page)
    page.get_by_label("メールアドレス").fill("nobody@example.jp")
    page.get_by_label("パスワード").fill("wrong")
    page.get_by_role("button", name="ログイン", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("メールアドレスまたはパスワードが違います")
    assert_accessible(page)


@pytest.mark.parametrize("persona", P.ALL, ids=lambda p: p.key)
def test_every_persona_signs_in_and_every_page_passes_axe(page: Page, cast, persona) -> None:  # type: ignore[no-untyped-def]
    user = getattr(cast, persona.key)
    needs_code = user.requires_two_factor
    if needs_code:
        enrol_totp(user)
    sign_in(page, user, code=needs_code)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{user.display_name}さんの今日")
    for path in PAGES_FOR_EVERYONE + EXTRA_PAGES.get(persona.key, []):
        page.goto(path)
        assert page.url.endswith(path), f"{persona.key} was sent to {page.url}"
        assert_accessible(page)


def test_a_new_consultant_enrols_the_second_factor(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    user = cast.colleague
    sign_in(page, user, code=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("二段階認証の設定")
    expect(page.get_by_role("img", name="認証アプリ用のQRコード")).to_be_visible()
    assert_accessible(page)
    from django_otp.oath import totp

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("認証アプリに表示された6桁の確認コード").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="二段階認証を有効にする").click()
    expect(page.get_by_role("status")).to_contain_text("二段階認証を設定しました")
    expect(page.get_by_text("二段階認証: 使用中")).to_be_visible()


def test_keyboard_users_reach_the_content_first(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    enrol_totp(cast.manager)
    sign_in(page, cast.manager)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_the_auditor_filters_by_wareki_and_exports(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    record_event(actor=cast.lead_consultant, action="print", object_type="cases.case", object_id=42)
    enrol_totp(cast.auditor)
    sign_in(page, cast.auditor)
    page.get_by_role("link", name="監査ログ").click()
    page.get_by_label("操作", exact=True).select_option("print")
    page.get_by_label("開始日").fill("R8.1.1")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(page.locator("#event-table")).to_contain_text("#42")
    expect(page.locator("#event-table")).to_contain_text("1件")
    # htmx pushes the filters into the address (after the swap: wait for it).
    expect(page).to_have_url(re.compile(r"action=print"))
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSVで出力").click()
    assert download.value.suggested_filename.startswith("audit-")


def test_language_switch_to_english(page: Page, cast) -> None:  # type: ignore[no-untyped-def]
    enrol_totp(cast.coordinator)
    sign_in(page, cast.coordinator)
    page.get_by_label("言語 / Language").select_option("en")
    page.get_by_role("button", name="切替").click()
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
