"""The town's public face: /public/ lists only what is marked public, with the fields a
resident may see — never a gatekeeper, a person of the network, who came, a visit or what came
out — in plain and easy Japanese, as iCalendar feeds that a calendar library reads back, and
as the 自治体標準 イベント一覧 CSV; it answers a crowd from its cache."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from icalendar import Calendar

from tests.community.conftest import OWNER, PROFESSOR, TODAY, ago
from tsunagu.audit.models import AuditEvent
from tsunagu.community import public, services
from tsunagu.community.choices import Field as F
from tsunagu.resources.opendata import as_stream, read_rows

SECRETS = {
    "gatekeeper": OWNER,
    "gatekeeper phone": "090-0000-1111",
    "agreed way": "返事は『受け取りました』だけ",
    "person": PROFESSOR,
    "outcome": "空き家の調査を一緒にすることに",
    "topics": "内輪の話題",
    "visit": "歳末売り出しの噂話",
    "idea": "空き店舗を借りる案",
    "private event": "関係者だけの打合せ",
    "private place": "立ち飲み よりみち",
    "follow-up": "会場を押さえる",
}


@pytest.fixture
def town_events(net):  # type: ignore[no-untyped-def]
    cache.clear()
    services.record_visit(actor=net.me, place=net.bar, visited_on=ago(2), topics=SECRETS["visit"])
    held = services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座「冬の居場所」",
        held_on=TODAY + dt.timedelta(days=9),
        starts_at=dt.time(18, 30),
        ends_at=dt.time(20, 30),
        place=net.hall,
        organizers=[net.shakyo, net.professor],
        named=[net.professor],
        topics=SECRETS["topics"],
        outcome=SECRETS["outcome"],
        attendance={F.WELFARE: 4},
        public=True,
        description="だれでも参加できます",
        easy_description="だれでも きて いいです",
        fee="無料",
    )
    services.record_idea(actor=net.me, gathering=held, kind="idea", text=SECRETS["idea"])
    services.add_follow_up(
        actor=net.me, gathering=held, title=SECRETS["follow-up"], due_on=TODAY, assignee=net.me
    )
    farm_day = services.record_gathering(
        actor=net.me,
        type=net.salon,
        title="収穫体験",
        held_on=TODAY + dt.timedelta(days=16),
        venue="山手ふれあい農園",
        district=net.districts["03"],
        topics="農業体験 野菜",
        description="冬野菜の収穫をします",
        public=True,
    )
    hidden = services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title=SECRETS["private event"],
        held_on=TODAY + dt.timedelta(days=3),
        place=net.bar,
    )
    return held, farm_day, hidden


def _public_urls(net, held, farm_day):  # type: ignore[no-untyped-def]
    return [
        "/public/",
        "/public/yasashii/",
        "/public/?area=02",
        "/public/?weekday=3",
        f"/public/?day={held.held_on.isoformat()}",
        "/public/?words=将棋",
        "/public/events.ics",
        "/public/events.csv",
        f"/public/events/{held.uuid}/",
        f"/public/yasashii/events/{held.uuid}/",
        f"/public/events/{farm_day.uuid}/",
        f"/public/places/{net.hall.uuid}/",
        f"/public/yasashii/places/{net.hall.uuid}/",
        f"/public/places/{net.hall.uuid}/events.ics",
    ]


def test_the_public_site_leaks_nothing_confidential_or_personal(net, town_events) -> None:  # type: ignore[no-untyped-def]
    held, farm_day, hidden = town_events
    visitor = Client()
    before = AuditEvent.objects.count()
    for url in _public_urls(net, held, farm_day):
        response = visitor.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for what, secret in SECRETS.items():
            assert secret not in text, f"{what} leaked on {url}"
        assert "Set-Cookie" not in response.headers and not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url
    assert AuditEvent.objects.count() == before  # a public read is no read of personal data
    # What is not public does not exist here.
    for url in (
        f"/public/events/{hidden.uuid}/",
        f"/public/places/{net.bar.uuid}/",
        f"/public/places/{net.bar.uuid}/events.ics",
    ):
        assert visitor.get(url).status_code == 404, url


def test_a_public_event_shows_what_a_resident_needs(net, town_events) -> None:  # type: ignore[no-untyped-def]
    held, _farm_day, _hidden = town_events
    page = Client().get(f"/public/events/{held.uuid}/").content.decode()
    assert "車座「冬の居場所」" in page and "18:30〜20:30" in page
    assert "まちの縁側 フリースペース" in page and "駅前三丁目8番2号" in page
    assert "つなぐ町社会福祉協議会" in page  # an organizing organization, not the person
    assert "（令和" in page  # both calendars
    easy = Client().get(f"/public/yasashii/events/{held.uuid}/").content.decode()
    assert "だれでも きて いいです" in easy


def test_the_feeds_are_read_back_by_the_calendar_library(net, town_events) -> None:  # type: ignore[no-untyped-def]
    held, farm_day, hidden = town_events
    response = Client().get("/public/events.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {f"{held.uuid}@tsunagu", f"{farm_day.uuid}@tsunagu"}
    kurumaza = events[f"{held.uuid}@tsunagu"]
    assert str(kurumaza["SUMMARY"]) == "車座「冬の居場所」"
    start = kurumaza.decoded("DTSTART")
    assert start.hour == 18 and start.utcoffset() == dt.timedelta(hours=9)
    assert "まちの縁側" in str(kurumaza["LOCATION"])
    # An event with no time is a day-long one.
    farm = events[f"{farm_day.uuid}@tsunagu"]
    assert farm.decoded("DTSTART") == farm_day.held_on
    place_feed = Calendar.from_ical(
        Client().get(f"/public/places/{net.hall.uuid}/events.ics").content
    )
    assert [str(e["UID"]) for e in place_feed.walk("VEVENT")] == [f"{held.uuid}@tsunagu"]


def test_the_event_list_csv_is_the_standard_one_and_reads_back(net, town_events) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/public/events.csv")
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == public.EVENT_HEADER
    assert {r[3] for r in rows[1:]} == {"車座「冬の居場所」", "収穫体験"}
    header, read = read_rows(as_stream(body))
    assert header.dataset == "event"
    assert sorted(r.values["name"] for r in read) == ["収穫体験", "車座「冬の居場所」"]


def test_residents_search_by_area_day_and_interest(net, town_events) -> None:  # type: ignore[no-untyped-def]
    held, farm_day, _hidden = town_events

    def found(query: str) -> str:
        return Client().get(f"/public/?{query}").content.decode()

    yamate = found("area=03")
    assert "収穫体験" in yamate and "車座「冬の居場所」" not in yamate
    weekday = found(f"weekday={held.held_on.weekday()}")
    assert "車座「冬の居場所」" in weekday
    assert "まちの縁側" in found("words=将棋")  # the place's interests
    assert "収穫体験" in found("words=野菜")
    bad = Client().get("/public/?day=2026-13-45")
    assert bad.status_code == 400 and "error" in bad.content.decode()


def test_the_public_pages_come_from_the_cache_until_something_public_changes(
    net, town_events, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    held, _farm_day, _hidden = town_events
    visitor = Client()
    first = visitor.get("/public/")
    with django_assert_max_num_queries(5):  # the version only (a few MAX()es)
        again = visitor.get("/public/")
    assert again.content == first.content
    assert visitor.get("/public/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert "max-age=300" in first["Cache-Control"] and "public" in first["Cache-Control"]
    services.correct_gathering(
        actor=net.me,
        gathering=held,
        changes={"title": "車座「冬の居場所マップ」"},
        reason="題を変更",
    )
    assert "車座「冬の居場所マップ」" in visitor.get("/public/").content.decode()


@override_settings(ROOT_URLCONF="tsunagu.config.public_urls")
def test_the_public_site_can_be_served_on_its_own(net, town_events) -> None:  # type: ignore[no-untyped-def]
    visitor = Client()
    assert visitor.get("/").status_code == 302
    assert visitor.get("/public/").status_code == 200
    assert visitor.get("/public/events.ics").status_code == 200
    for staff in ("/community/", "/accounts/login/", "/api/v1/community/places", "/admin/"):
        assert visitor.get(staff).status_code == 404, staff
