"""Headless Chromium from Debian, driven by Playwright (which cannot download a browser here)."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, sync_playwright

from tests.fixtures import enrol_totp
from tests.personas import PASSWORD
from tsunagu.accounts.models import User

CHROMIUM = os.environ.get("TSUNAGU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is needed for browser tests: apt-get install chromium ({CHROMIUM})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo", accept_downloads=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def sign_in(page: Page, user: User, *, code: bool = True) -> None:
    """Sign in through the form, as a person would, typing the authenticator's code."""
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(user.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン", exact=True).click()
    if code:
        page.get_by_label("認証アプリに表示された6桁の確認コード").fill(current_code(user))
        page.get_by_role("button", name="確認する").click()
    page.wait_for_load_state()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it stands."""
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in serious
    )
    assert not serious, f"axe on {page.url}:\n{report}"


@pytest.fixture
def desk(browser: Browser, live_server: Any) -> Iterator[Any]:
    """desk(user) → a page of that user's own browser, signed in once (several people at work
    at the same time, each at their own desk)."""
    contexts = []

    def open_desk(user: User, *, code: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo"
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        if code:
            enrol_totp(user)
        sign_in(page, user, code=code)
        return page

    yield open_desk
    for context in contexts:
        context.close()
