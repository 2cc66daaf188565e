"""/public/: the town's places and events for residents, without signing in. Pages are built
from tsunagu.community.public only (what is marked public, the fields a resident may see),
cached while nothing public changes, and sent with an ETag and a max-age so a browser or the
town's proxy keeps them too. They read no session and set no cookie (a crowd is served from
the cache)."""

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from tsunagu.community import public
from tsunagu.community.forms import PublicSearchForm


def _version(request: HttpRequest) -> str:
    """The public content's version, read once per request (the ETag and the cache keys)."""
    if not hasattr(request, "public_version"):
        request.public_version = public.version()  # type: ignore[attr-defined]
    return str(request.public_version)  # type: ignore[attr-defined]


def _in_japanese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The public site is in Japanese and やさしい日本語, whatever a staff member chose for the
    staff pages: one copy of each page for every visitor (and every cache on the way)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override("ja"):
            request.LANGUAGE_CODE = "ja"
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        response["Content-Language"] = "ja"
        return response

    return wrapped


def _cached[T](request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    return public.cached(name, build, _version(request))


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    key = f"{_version(request)}:{request.get_full_path()}:{request.LANGUAGE_CODE}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=public.MAX_AGE_SECONDS)
    return response


def _page(request: HttpRequest, template: str, context: dict[str, Any], name: str) -> HttpResponse:
    """A public page, rendered once per version of the public content (and per language)."""
    key = f"{name}:{request.LANGUAGE_CODE}"
    html = _cached(request, key, lambda: render_to_string(template, context, request=request))
    return _public(HttpResponse(html))


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def index(request: HttpRequest, easy: bool = False) -> HttpResponse:
    """まちの居場所とイベント: search by area, day and interest."""
    areas = _cached(request, "districts", public.districts)
    form = PublicSearchForm(request.GET or None, areas=areas)
    search = public.Search()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        search = public.Search(
            district=data["area"] or "",
            weekday=data["weekday"],
            day=data["day"],
            words=data["words"],
        )
    elif form.is_bound:
        context = {"form": form, "events": [], "places": [], "easy": easy, "searched": True}
        return render(request, "community/public/index.html", context, status=400)
    events = _cached(request, f"events:{search.key}", lambda: public.find_events(search))
    places = _cached(request, f"places:{search.key}", lambda: public.find_places(search))
    context = {
        "form": form,
        "events": events,
        "places": places,
        "easy": easy,
        "searched": form.is_bound,
    }
    template = "community/public/index.html"
    return _page(request, template, context, f"index:{easy}:{search.key}")


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def event(request: HttpRequest, event_uuid: Any, easy: bool = False) -> HttpResponse:
    found = _cached(request, f"event:{event_uuid}", lambda: public.public_event(str(event_uuid)))
    context = {"event": found, "easy": easy}
    return _page(request, "community/public/event.html", context, f"event:{event_uuid}:{easy}")


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def place(request: HttpRequest, place_uuid: Any, easy: bool = False) -> HttpResponse:
    found = _cached(request, f"place:{place_uuid}", lambda: public.public_place(str(place_uuid)))
    events = _cached(
        request,
        f"place-events:{place_uuid}",
        lambda: public.events_at(str(place_uuid), since=timezone.localdate()),
    )
    context = {"place": found, "events": events, "easy": easy}
    return _page(request, "community/public/place.html", context, f"place:{place_uuid}:{easy}")


def _calendar(request: HttpRequest, events: list[public.PublicEvent], name: str) -> HttpResponse:
    page = request.build_absolute_uri(
        reverse("public:event", args=["00000000-0000-0000-0000-000000000000"])
    ).replace("00000000-0000-0000-0000-000000000000", "{uuid}")
    response = HttpResponse(
        public.calendar(events, name, page), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return _public(response)


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def town_calendar(request: HttpRequest) -> HttpResponse:
    """The town's calendar (iCalendar): every public event from 90 days ago on."""
    since = timezone.localdate() - dt.timedelta(days=90)
    events = _cached(request, "feed", lambda: public.find_events(public.Search(), since=since))
    return _calendar(request, events, _("%(town)s: community events") % {"town": _town()})


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def place_calendar(request: HttpRequest, place_uuid: Any) -> HttpResponse:
    """One public place's calendar; 404 for a place not marked public."""
    found = _cached(request, f"place:{place_uuid}", lambda: public.public_place(str(place_uuid)))
    events = _cached(request, f"place-feed:{place_uuid}", lambda: public.events_at(str(place_uuid)))
    return _calendar(request, events, found.name)


@require_safe
@_in_japanese
@condition(etag_func=_etag)
def events_csv(request: HttpRequest) -> HttpResponse:
    """The 自治体標準 イベント一覧 of the public events (open data)."""
    since = timezone.localdate() - dt.timedelta(days=365)
    text = _cached(
        request, "csv", lambda: public.events_csv(public.find_events(public.Search(), since=since))
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="event.csv"'
    return _public(response)


def _town() -> str:
    return str(settings.MUNICIPALITY_NAME or _("Our town"))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 on the public site on its own (TSUNAGU_PUBLIC_ONLY): the public frame, no staff
    links."""
    return render(request, "community/public/404.html", {}, status=404)
