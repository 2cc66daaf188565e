"""The read-only HSDS API (`/api/hsds/`), paginated as the HSDS 3.1 OpenAPI document specifies
(`page`, `per_page`; `total_items`, `total_pages`, `page_number`, `size`, `first_page`,
`last_page`, `empty`, `contents`). Without a token it serves the public directory, as the
town's open feed; with a staff member's API token, what the agencies see. It holds nobody's
personal data, so a read writes no audit row."""

import math
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.accounts.api import ApiTokenAuth
from tsunagu.resources import hsds
from tsunagu.resources.models import Kind, Provider
from tsunagu.resources.selectors import PUBLIC, Listing, Reader, directory, reader_of

PER_PAGE = 50
PER_PAGE_MAX = 200
HSDS_VERSION = "3.1"


class _Refused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _reader(request: HttpRequest) -> Reader:
    """The public, or (with `Authorization: Bearer …`) what the token's holder may see."""
    header = request.headers.get("Authorization", "")
    if not header:
        return PUBLIC
    scheme, _space, token = header.partition(" ")
    user = (
        ApiTokenAuth().authenticate(request, token.strip()) if scheme.lower() == "bearer" else None
    )
    if user is None:
        raise _Refused(401, _("The API token is unknown, revoked or expired."))
    return reader_of(user)


def _endpoint(view: Callable[..., Any]) -> Callable[..., JsonResponse]:
    @require_GET
    def wrapped(request: HttpRequest, **kwargs: Any) -> JsonResponse:
        try:
            return _json(view(request, _reader(request), **kwargs))
        except _Refused as refusal:
            return _json({"detail": refusal.detail}, status=refusal.status)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _number(request: HttpRequest, name: str, default: int, high: int) -> int:
    given = request.GET.get(name, "")
    if not given:
        return default
    if not (given.isascii() and given.isdigit()) or not 1 <= int(given) <= high:
        raise _Refused(
            400,
            _("%(name)s must be a whole number from 1 to %(high)s.") % {"name": name, "high": high},
        )
    return int(given)


def _page(
    request: HttpRequest, items: list[Any], shape: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    per_page = _number(request, "per_page", PER_PAGE, PER_PAGE_MAX)
    number = _number(request, "page", 1, 10**6)
    total_pages = max(1, math.ceil(len(items) / per_page))
    shown = items[(number - 1) * per_page : number * per_page]
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": number,
        "size": len(shown),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not shown,
        "contents": [shape(item) for item in shown],
    }


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as error:
        raise _Refused(404, _("Not found.")) from error


def _one(found: Iterable[Any]) -> Any:
    for item in found:
        return item
    raise _Refused(404, _("Not found."))


def _listings(request: HttpRequest, reader: Reader) -> list[Listing]:
    entries = directory(reader)
    if term := request.GET.get("taxonomy_term_id"):
        entries = entries.filter(kinds__uuid=_uuid(term))
    if organization := request.GET.get("organization_id"):
        entries = entries.filter(provider__uuid=_uuid(organization))
    if since := request.GET.get("modified_after"):
        moment = parse_datetime(since)
        if moment is None:
            raise _Refused(
                400, _("modified_after is a date and time, e.g. 2026-04-01T00:00:00+09:00.")
            )
        entries = entries.filter(updated_at__gte=moment)
    if words := request.GET.get("search", "").strip():
        for word in words.split():
            entries = entries.filter(name__icontains=word) | entries.filter(
                description__icontains=word
            )
    return [Listing(resource, reader) for resource in entries.distinct()]


def _brief(service: dict[str, Any]) -> dict[str, Any]:
    """A service's one-to-one fields (HSDS service_list), with its organization's id."""
    brief = {k: v for k, v in service.items() if not isinstance(v, (list, dict))}
    if "organization" in service:
        brief["organization_id"] = service["organization"]["id"]
    return brief


@_endpoint
def meta(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    """What this API is: HSDS 3.1 with Tsunagu's Japan profile (docs/hsds-japan.md)."""
    return {"version": HSDS_VERSION}


@_endpoint
def services(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    full = request.GET.get("full", "").lower() in ("1", "true", "yes")
    shape = hsds.service if full else (lambda listing: _brief(hsds.service(listing)))
    return _page(request, _listings(request, reader), shape)


@_endpoint
def service(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    resource = _one(directory(reader).filter(uuid=_uuid(id)))
    return hsds.service(Listing(resource, reader))


def _providers(reader: Reader) -> list[Provider]:
    """The providers of the entries the reader may see (a provider is known by what it runs)."""
    ids = directory(reader).exclude(provider=None).values("provider_id")
    return list(Provider.objects.filter(pk__in=ids).order_by("name_kana", "name", "pk"))


@_endpoint
def organizations(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    return _page(request, _providers(reader), hsds.organization)


@_endpoint
def organization(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    wanted = _uuid(id)
    return hsds.organization(_one(p for p in _providers(reader) if p.uuid == wanted))


def _places(reader: Reader) -> list[tuple[Listing, Any]]:
    return [(listing, place) for listing in _all(reader) for place in listing.places]


def _all(reader: Reader) -> list[Listing]:
    return [Listing(resource, reader) for resource in directory(reader)]


@_endpoint
def locations(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    seen: dict[uuid.UUID, tuple[Listing, Any]] = {}
    for listing, place in _places(reader):
        seen.setdefault(place.location.uuid, (listing, place))
    return _page(request, list(seen.values()), lambda pair: hsds.location(pair[1], pair[0]))


@_endpoint
def location(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    wanted = _uuid(id)
    listing, place = _one(pair for pair in _places(reader) if pair[1].location.uuid == wanted)
    return hsds.location(place, listing)


def _at_location(pair: tuple[Listing, Any]) -> dict[str, Any]:
    listing, place = pair
    return {
        "id": hsds.service_at_location_id(listing, place),
        "service_id": str(listing.resource.uuid),
        "location_id": str(place.location.uuid),
        "location": hsds.location(place, listing),
    }


@_endpoint
def service_at_locations(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    return _page(request, _places(reader), _at_location)


@_endpoint
def service_at_location(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    return _at_location(
        _one(pair for pair in _places(reader) if hsds.service_at_location_id(*pair) == id)
    )


TAXONOMY = {
    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "tsunagu:taxonomy")),
    "name": hsds.TAXONOMY,
    "description": "つなぐの社会資源の種別（サロン、子ども食堂、就労継続支援B型 など）",
    "version": "1",
}


@_endpoint
def taxonomies(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    return _page(request, [TAXONOMY], dict)


@_endpoint
def taxonomy(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    if id != TAXONOMY["id"]:
        raise _Refused(404, _("Not found."))
    return TAXONOMY


@_endpoint
def taxonomy_terms(request: HttpRequest, reader: Reader) -> dict[str, Any]:
    return _page(request, list(Kind.objects.all()), hsds.taxonomy_term)


@_endpoint
def taxonomy_term(request: HttpRequest, reader: Reader, id: str) -> dict[str, Any]:  # noqa: A002
    return hsds.taxonomy_term(_one(Kind.objects.filter(uuid=_uuid(id))))
