"""The town's public face (/public/): its places and events for residents, searchable by area,
day and interest, in plain and in easy Japanese, as iCalendar feeds and as the 自治体標準
イベント一覧 CSV.

Only what is marked public leaves, and only the fields a resident should see: a place's name,
kind, district, address, days, hours and description; an event's title, kind, dates, times,
venue, description, how to join, cost, capacity, public contact, web page and the
organizations that organize it. Never who came, who is named, a gatekeeper, a visit, what
came out, or a person of the network. Every page reads through `PublicEvent` and
`PublicPlace`, which carry nothing else."""

import csv
import datetime as dt
import hashlib
import io
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from icalendar import Calendar, Event

from tsunagu.accounts.models import District
from tsunagu.community.choices import ActorKind
from tsunagu.community.models import Actor, Gathering, GatheringType, Place
from tsunagu.core.japanese import content_words

#: How long the public pages may be kept by a browser or a proxy, and how many events a page
#: or a feed lists at most (a town's year is well under it).
MAX_AGE_SECONDS = 300
LISTED = 200
#: The 自治体標準オープンデータセット イベント一覧 (推奨データセット) columns, in order.
EVENT_HEADER = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英字",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "緯度",
    "経度",
    "URL",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "参加申込先",
    "参加申込先電話番号",
    "参加申込先内線番号",
    "備考",
]
_TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class PublicPlace:
    uuid: str
    name: str
    kind: str
    district: str
    address: str
    days: str
    hours: str
    interests: str
    description: str
    easy_description: str


@dataclass(frozen=True)
class PublicEvent:
    uuid: str
    title: str
    kind: str
    kind_easy: str
    held_on: dt.date
    ends_on: dt.date | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    venue: str
    place_uuid: str  # "" unless the place is public
    address: str
    district: str
    description: str
    easy_description: str
    application: str
    fee: str
    capacity: int | None
    contact: str
    url: str
    organizers: tuple[str, ...]
    source_id: str
    source_code: str


def _place(place: Place) -> PublicPlace:
    return PublicPlace(
        uuid=str(place.uuid),
        name=place.name,
        kind=place.kind,
        district=place.district.name if place.district else "",
        address=place.address,
        days=place.days,
        hours=place.hours,
        interests=place.interests,
        description=place.description,
        easy_description=place.easy_description,
    )


def _event(gathering: Gathering) -> PublicEvent:
    place = gathering.place
    shown = place is not None and place.public and place.closed_on is None
    # A place that is not public gives away nothing, its district neither.
    district = gathering.district or (place.district if shown and place else None)
    return PublicEvent(
        uuid=str(gathering.uuid),
        title=gathering.title,
        kind=gathering.type.name,
        kind_easy=gathering.type.easy_name or gathering.type.name,
        held_on=gathering.held_on,
        ends_on=gathering.ends_on,
        starts_at=gathering.starts_at,
        ends_at=gathering.ends_at,
        venue=(place.name if shown and place else "") or gathering.venue,
        place_uuid=str(place.uuid) if shown and place else "",
        address=place.address if shown and place else "",
        district=district.name if district else "",
        description=gathering.description,
        easy_description=gathering.easy_description,
        application=gathering.application,
        fee=gathering.fee,
        capacity=gathering.capacity,
        contact=gathering.contact,
        url=gathering.url,
        # Organizations only: a person of the network is never named in public.
        organizers=tuple(
            a.name for a in gathering.organizers.all() if a.kind == ActorKind.ORGANIZATION
        ),
        source_id=gathering.source_id,
        source_code=gathering.source_code,
    )


def _public_places() -> QuerySet[Place]:
    return Place.objects.filter(public=True, closed_on__isnull=True).select_related("district")


def _public_gatherings() -> QuerySet[Gathering]:
    return (
        Gathering.objects.filter(public=True)
        .select_related("type", "place__district", "district")
        .prefetch_related("organizers")
        .order_by("held_on", "starts_at", "pk")
    )


@dataclass(frozen=True)
class Search:
    """What a resident looks for: an area (district code), a day of the week (0 = Monday) or
    a date, and words of interest (将棋, 子ども)."""

    district: str = ""
    weekday: int | None = None
    day: dt.date | None = None
    words: str = ""

    @property
    def key(self) -> str:
        return f"{self.district}|{self.weekday}|{self.day}|{self.words}"


def find_places(search: Search) -> list[PublicPlace]:
    rows = _public_places()
    if search.district:
        rows = rows.filter(district__code=search.district)
    if search.weekday is not None:
        rows = rows.filter(days__contains=str(search.weekday))
    elif search.day is not None:
        rows = rows.filter(days__contains=str(search.day.weekday()))
    if search.words.strip():
        for word in sorted(content_words(search.words)) or [search.words.strip()]:
            rows = rows.filter(Q(words__contains=word) | Q(name__contains=word))
    return [_place(p) for p in rows.order_by("name_kana", "name", "pk")[:LISTED]]


def find_events(search: Search, *, since: dt.date | None = None) -> list[PublicEvent]:
    """Events from `since` (today) on, the soonest first; a past day asked for is shown too."""
    since = since or timezone.localdate()
    rows = _public_gatherings()
    if search.day is not None:
        rows = rows.filter(
            Q(held_on=search.day) | Q(held_on__lte=search.day, ends_on__gte=search.day)
        )
    else:
        rows = rows.filter(Q(held_on__gte=since) | Q(ends_on__gte=since))
    if search.district:
        rows = rows.filter(
            Q(district__code=search.district)
            | Q(district__isnull=True, place__district__code=search.district)
        )
    if search.weekday is not None:
        # Django's week_day counts from Sunday (1); ours from Monday (0).
        rows = rows.filter(held_on__week_day=(search.weekday + 1) % 7 + 1)
    if search.words.strip():
        # Only what is public is searched (a gathering's topics and outcome are not).
        for word in sorted(content_words(search.words)) or [search.words.strip()]:
            rows = rows.filter(Q(words__contains=word) | Q(title__contains=word))
    return [_event(g) for g in rows[:LISTED]]


def public_place(place_uuid: str) -> PublicPlace:
    """A public place, or 404 (a place not marked public does not exist here)."""
    place = _public_places().filter(uuid=place_uuid).first()
    if place is None:
        raise Http404
    return _place(place)


def events_at(place_uuid: str, *, since: dt.date | None = None) -> list[PublicEvent]:
    public_place(place_uuid)
    since = since or timezone.localdate() - dt.timedelta(days=90)
    rows = _public_gatherings().filter(place__uuid=place_uuid)
    rows = rows.filter(Q(held_on__gte=since) | Q(ends_on__gte=since))
    return [_event(g) for g in rows[:LISTED]]


def public_event(event_uuid: str) -> PublicEvent:
    gathering = _public_gatherings().filter(uuid=event_uuid).first()
    if gathering is None:
        raise Http404
    return _event(gathering)


def districts() -> list[District]:
    """The areas a resident can choose: those with a public place or event."""
    used = set(_public_places().values_list("district_id", flat=True))
    used |= set(Gathering.objects.filter(public=True).values_list("district_id", flat=True))
    used |= set(
        Gathering.objects.filter(public=True, place__public=True).values_list(
            "place__district_id", flat=True
        )
    )
    return list(District.objects.filter(pk__in=used - {None}))


def version() -> str:
    """What the public content is now (changes with any edit a public page could show: a
    place, an event, an organizer's name, a district, a kind): the key under which a page is
    cached, and its ETag. A few small queries instead of the page's dozen."""
    places = Place.objects.filter(public=True).aggregate(n=Count("pk"), at=Max("updated_at"))
    events = Gathering.objects.aggregate(n=Count("pk", filter=Q(public=True)), at=Max("updated_at"))
    parts = [
        places["n"],
        places["at"],
        events["n"],
        events["at"],
        Actor.objects.aggregate(at=Max("updated_at"))["at"],
        District.objects.aggregate(at=Max("updated_at"))["at"],
        hashlib.sha256(
            repr(list(GatheringType.objects.values_list("pk", "name", "easy_name"))).encode()
        ).hexdigest()[:12],
        timezone.localdate(),
    ]
    return "-".join(str(part) for part in parts)


def cached[T](name: str, build: Callable[[], T], version: str) -> T:
    """The public `name` at `version`: built once, then from the cache while nothing public
    changed (a new version is a new key; the old one expires)."""
    key = "public:" + hashlib.sha256(f"{name}:{version}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, MAX_AGE_SECONDS)
    return cast(T, found)


def _as_aware(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=_TOKYO)


def calendar(events: Iterable[PublicEvent], name: str, page_url: str) -> bytes:
    """An iCalendar (RFC 5545) feed of the events: each with a stable UID, its place, and a
    link to its public page; a day-long event when it has no times."""
    feed = Calendar()
    feed.add("prodid", "-//Tsunagu//community events//JA")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    for event in events:
        entry = Event()
        entry.add("uid", f"{event.uuid}@tsunagu")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        last = event.ends_on or event.held_on
        if event.starts_at is not None:
            entry.add("dtstart", _as_aware(event.held_on, event.starts_at))
            end_time = event.ends_at or event.starts_at
            entry.add("dtend", _as_aware(last, end_time))
        else:
            entry.add("dtstart", event.held_on)
            entry.add("dtend", last + dt.timedelta(days=1))
        location = " ".join(p for p in (event.venue, event.address) if p)
        if location:
            entry.add("location", location)
        details = "\n".join(
            p for p in (event.description, event.application, event.fee, event.contact) if p
        )
        if details:
            entry.add("description", details)
        entry.add("url", event.url or page_url.replace("{uuid}", event.uuid))
        entry.add("categories", [event.kind])
        feed.add_component(entry)
    feed.add_missing_timezones()
    return bytes(feed.to_ical())


def events_csv(events: Iterable[PublicEvent]) -> str:
    """The public events as the 自治体標準 イベント一覧 CSV (UTF-8 with BOM, CRLF, as the
    standard asks, so that Excel opens it as it is)."""
    code = settings.LOCAL_GOVERNMENT_CODE
    town = settings.MUNICIPALITY_NAME
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EVENT_HEADER)
    for event in events:
        row = {
            "全国地方公共団体コード": event.source_code or code,
            "ID": event.source_id or event.uuid,
            "地方公共団体名": town,
            "イベント名": event.title,
            "開始日": event.held_on.isoformat(),
            "終了日": (event.ends_on or event.held_on).isoformat(),
            "開始時間": event.starts_at.strftime("%H:%M") if event.starts_at else "",
            "終了時間": event.ends_at.strftime("%H:%M") if event.ends_at else "",
            "説明": event.description,
            "料金(基本)": event.fee,
            "連絡先名称": event.contact,
            "主催者": "、".join(event.organizers),
            "場所名称": event.venue,
            "住所": event.address,
            "URL": event.url,
            "参加申込方法": event.application,
            "備考": event.kind,
        }
        writer.writerow([row.get(column, "") for column in EVENT_HEADER])
    return out.getvalue()
