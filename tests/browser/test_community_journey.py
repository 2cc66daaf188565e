"""地域づくり in a browser: the community coordinator logs a visit to the standing bar, records
a 車座 with its field mix and two new ties, arranges a suggested encounter that becomes a tie,
and sees the network's picture and 点から面へ figures change; a resident then finds the 車座 on
the public page and in the town's iCalendar feed (which the iCalendar library reads back), and
the public site shows no one's name."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.community.conftest import OWNER, PROFESSOR, net  # noqa: F401 - the fixture
from tsunagu.community.models import Gathering, Tie, Visit
from tsunagu.community.network import network_today

pytestmark = pytest.mark.django_db(transaction=True)


def _across(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("dt:has-text('分野を越えたつながり') + dd").inner_text()


def test_a_visit_a_kurumaza_and_an_encounter_grow_the_network(
    desk,
    browser,
    live_server,
    net,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    _graph, before = network_today()
    takashi = desk(net.me)

    # 顔を出す: the bar.
    takashi.goto(f"/community/places/{net.bar.pk}/")
    takashi.get_by_label("訪問日").fill(f"{timezone.localdate():%Y/%m/%d}")
    takashi.get_by_label("話題（一般的なこと）").fill("歳末売り出しと商店街の空き店舗の話")
    assert_accessible(takashi)
    takashi.get_by_role("button", name="訪問を記録する").click()
    expect(takashi.locator(".message--success")).to_contain_text("訪問を記録しました")
    assert Visit.objects.get().place == net.bar

    # The 車座, held yesterday, with who came from which field; public, with its description.
    takashi.goto("/community/network/")
    across_before = _across(takashi)
    takashi.goto("/community/gatherings/new/")
    takashi.get_by_label("種別").select_option(label="車座")
    takashi.get_by_label("表題").fill("車座「空き店舗をどう使う？」")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    takashi.get_by_label("日付").fill(f"{yesterday:%Y/%m/%d}")
    takashi.get_by_label("開始").fill("18:30")
    takashi.get_by_label("終了", exact=True).fill("20:30")
    takashi.get_by_label("場所").select_option(label="まちの縁側 フリースペース")
    takashi.get_by_label("つなぐ町社会福祉協議会").check()
    takashi.get_by_label(PROFESSOR).last.check()  # named, with her agreement
    for field, people in (("福祉", "5"), ("まちづくり", "2"), ("商店・商店会", "3"), ("住民", "4")):
        takashi.get_by_label(field, exact=True).fill(people)
    takashi.get_by_label("公開ページと町のカレンダーに載せる").check()
    takashi.get_by_label("公開用の説明").fill("だれでも参加できる対話の会です")
    assert_accessible(takashi)
    takashi.get_by_role("button", name="保存する").click()
    expect(takashi.get_by_role("heading", level=1)).to_contain_text("空き店舗をどう使う")
    expect(takashi.locator("table")).to_contain_text("14人・4分野")
    gathering = Gathering.objects.get(title="車座「空き店舗をどう使う？」")

    # Two ties it made.
    for one, other in (
        ("株式会社 まちづくりつなぐ", PROFESSOR),
        ("川辺商店会", "つなぐ町社会福祉協議会"),
    ):
        takashi.get_by_text("生まれたつながりを記録する").click()
        takashi.get_by_label("一方", exact=True).select_option(label=one)
        takashi.get_by_label("もう一方").select_option(label=other)
        takashi.get_by_role("button", name="つながりを記録する").click()
        expect(takashi.locator(".message--success")).to_contain_text("つながりを記録しました")
    assert Tie.objects.filter(gathering=gathering).count() == 2
    assert_accessible(takashi)

    # 計画的偶発性: the farm and the school both care about 子ども; arranged, they meet.
    takashi.goto("/community/encounters/")
    suggestion = (
        takashi.locator("ol.card-list > li", has_text="山手ふれあい農園の会")
        .filter(has_text="町立川辺小学校")
        .first
    )
    expect(suggestion).to_contain_text("「子供」")
    suggestion.get_by_role("button", name="この出会いを設ける").click()
    expect(takashi.locator(".message--success")).to_be_visible()
    arranged = takashi.locator("section", has=takashi.get_by_role("heading", name="設けた出会い"))
    arranged.get_by_text("出会って、つながった").first.click()
    arranged.get_by_role("button", name="つながりを記録する").first.click()
    expect(takashi.locator("main")).to_contain_text(
        "提案した出会い1件のうち、1件がつながりになりました"
    )
    assert_accessible(takashi)

    # The picture and the figures changed: three more ties, all across fields.
    _graph, after = network_today()
    assert after.ties == before.ties + 3 and after.ties_across == before.ties_across + 3
    takashi.goto("/community/network/")
    assert _across(takashi) != across_before
    expect(takashi.locator("dt:has-text('分野を越えたつながり') + dd")).to_contain_text(
        str(after.ties_across)
    )
    expect(takashi.locator("svg[role=img] path.tie--across")).to_have_count(after.ties_across)
    assert_accessible(takashi)
    takashi.set_viewport_size({"width": 320, "height": 800})
    overflow = takashi.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 320

    # A resident: the event's public page and the town's feed; no one's name anywhere.
    resident = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    resident.goto(f"/public/events/{gathering.uuid}/")
    expect(resident.get_by_role("heading", level=1)).to_have_text("車座「空き店舗をどう使う？」")
    expect(resident.locator("main")).to_contain_text("だれでも参加できる対話の会です")
    assert_accessible(resident)
    for url in ("/public/", "/public/yasashii/", f"/public/events/{gathering.uuid}/"):
        resident.goto(url)
        text = resident.locator("body").inner_text()
        assert OWNER not in text and PROFESSOR not in text and "歳末売り出し" not in text
    feed = Calendar.from_ical(resident.request.get("/public/events.ics").body())
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    assert str(events[f"{gathering.uuid}@tsunagu"]["SUMMARY"]) == "車座「空き店舗をどう使う？」"
    resident.set_viewport_size({"width": 320, "height": 800})
    resident.goto("/public/")
    assert resident.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(resident)
