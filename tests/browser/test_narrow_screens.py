"""Every page of every persona at 320 px (JIS X 8341-3 / WCAG 1.4.10 reflow), in Japanese: the
demo town is built, each demo persona signs in and follows the links of its pages (one page per
kind of address, up to PAGES_PER_PERSONA), and on each page there is no sideways scrolling of
the page, no table cell or label squeezed to a character or two, no ISO date (2026-04-01) and
no English sentence in what a person reads, and axe finds no serious or critical violation.
The layout does not depend on the database: this runs on SQLite only."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Browser

from tests.browser.conftest import assert_accessible
from tsunagu.demo.town import PERSONAS, demo_password, persona_email

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "postgresql", reason="the layout is the same on every database"
    ),
]

PAGES_PER_PERSONA = 24
SKIPPED = ("logout", ".pdf", ".xlsx", ".csv", "/admin/", "/i18n/", "/api/", "#")
#: A stacked table's header row is hidden on a narrow screen by design (each cell says its
#: label): not squeezed.
SQUEEZED = """() => [...document.querySelectorAll('main td, main th, main dd, main dt, main .tabs a')]
  .filter(e => !e.closest('table.stack thead'))
  .filter(e => e.getBoundingClientRect().width < 56 && e.textContent.trim().length > 4)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 20))"""


ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
#: Three English words in a row (a label or a sentence left untranslated); e-mail addresses and
#: the like are not words.
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


def _signed_in(browser: Browser, live_server, persona, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="ja-JP")
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(persona_email(persona))
    page.get_by_label("パスワード").fill(demo_password())
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def _crawl(page, limit: int):  # type: ignore[no-untyped-def]
    """The persona's pages, one per kind of address, following the links from home: yields
    each path once its page has loaded."""
    seen: set[str] = set()
    queue = ["/"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path
        links = page.eval_on_selector_all(
            "main a[href^='/'], nav a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        )
        queue += [h for h in links if not any(s in h for s in SKIPPED)]


def test_every_persona_s_pages_reflow_at_320_px(  # type: ignore[no-untyped-def]
    browser: Browser, live_server, settings
) -> None:
    settings.REQUIRE_TWO_FACTOR = False
    call_command("seed_demo", stdout=StringIO())
    problems, opened = [], 0
    for persona in PERSONAS:
        context, page = _signed_in(browser, live_server, persona, {"width": 320, "height": 640})
        for path in _crawl(page, PAGES_PER_PERSONA):
            opened += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                problems.append(f"{persona.local_part} {path}: the page is {width} px wide")
            if squeezed := page.evaluate(SQUEEZED):
                problems.append(f"{persona.local_part} {path}: squeezed {squeezed[:3]}")
            text = page.inner_text("body")
            if dates := ISO_DATE.findall(text):
                problems.append(f"{persona.local_part} {path}: ISO dates {dates[:3]}")
            if english := ENGLISH.findall(text):
                problems.append(f"{persona.local_part} {path}: English {english[:3]}")
            assert_accessible(page)
        context.close()
    print(f"{opened} pages of {len(PERSONAS)} personas at 320 px")
    assert opened >= 8 * len(PERSONAS) // 2, f"only {opened} pages were opened"
    assert not problems, "\n".join(problems)


#: 200 % zoom of the screens municipal offices use: the CSS viewport is half the window.
ZOOMED = {
    "1366×768": {"width": 683, "height": 384},
    "1280×720": {"width": 640, "height": 360},
    "1920×1080": {"width": 960, "height": 540},
}
HEADER_AND_HEADING = """() => {
  const header = document.querySelector('header').getBoundingClientRect();
  const heading = document.querySelector('main h1').getBoundingClientRect();
  return [header.height, heading.bottom];
}"""


def test_at_200_percent_zoom_the_first_screen_shows_the_page(  # type: ignore[no-untyped-def]
    browser: Browser, live_server, settings
) -> None:
    """At 200 % zoom the header keeps to a third of the first screen (its menus fold behind the
    button), the page's heading is on the first screen, and nothing scrolls sideways."""
    settings.REQUIRE_TWO_FACTOR = False
    call_command("seed_demo", stdout=StringIO())
    problems, opened = [], 0
    for screen, viewport in ZOOMED.items():
        for persona in PERSONAS[:: 3 if screen != "1366×768" else 1]:
            context, page = _signed_in(browser, live_server, persona, viewport)
            for path in _crawl(page, 6):
                opened += 1
                header, heading = page.evaluate(HEADER_AND_HEADING)
                where = f"{screen} at 200 %, {persona.local_part} {path}"
                if header > viewport["height"] / 3:
                    problems.append(f"{where}: the header takes {header:.0f} px")
                if heading > viewport["height"]:
                    problems.append(f"{where}: the heading ends at {heading:.0f} px")
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    problems.append(f"{where}: the page is {width} px wide")
            context.close()
    print(f"{opened} pages at 200 % zoom")
    assert opened >= 30, f"only {opened} pages were opened"
    assert not problems, "\n".join(problems)
