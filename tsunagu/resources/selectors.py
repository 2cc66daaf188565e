"""Reads of the directory, always through the reader's tier: every page, export and feed gets
its entries from `directory` and their fields from `Listing`, so that a confidential place's
address or a field closed further never leaves in what a reader may not see."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.core.calendar import add_months
from tsunagu.resources.choices import TIER_ORDER, ResourceStatus, Tier
from tsunagu.resources.models import Location, Resource

#: The fields of an entry that may be closed further than the entry (Resource.field_tiers).
CLOSABLE = ("contact_name", "phone", "phone_extension", "email", "url", "application")


@dataclass(frozen=True)
class Reader:
    """Who reads the directory: the public (no account, a public page, the open feed), the
    agencies (a staff account or a partner token), and for entries kept by their agency, the
    case team's tier too."""

    tier: Tier
    agencies: frozenset[int] = frozenset()

    def sees(self, tier: str, keeper_id: int | None = None) -> bool:
        if tier == Tier.TEAM:
            return self.tier == Tier.TEAM or (keeper_id is not None and keeper_id in self.agencies)
        return TIER_ORDER.index(Tier(tier)) <= TIER_ORDER.index(self.tier)


PUBLIC = Reader(Tier.PUBLIC)


def reader_of(user: Any) -> Reader:
    """The public for anyone not signed in (or without a role that reads); the agencies' tier
    for their staff, with the agencies whose team-only entries they keep."""
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC
    agencies = reading_organization_ids(user)
    if not agencies:
        return PUBLIC
    return Reader(Tier.PARTNERS, frozenset(agencies))


def directory(reader: Reader) -> QuerySet[Resource]:
    """The entries the reader may see at all, with what a listing shows prefetched."""
    shown = Q(tier__in=[t for t in TIER_ORDER if t != Tier.TEAM and reader.sees(t)])
    if reader.tier == Tier.TEAM:
        shown |= Q(tier=Tier.TEAM)
    elif reader.agencies:
        shown |= Q(tier=Tier.TEAM, keeper_id__in=reader.agencies)
    return (
        Resource.objects.filter(shown)
        .select_related("provider")
        .prefetch_related(
            "kinds",
            "schedules",
            "closed_periods",
            "capacities",
            "confirmations",
            Prefetch("locations", queryset=Location.objects.select_related("district")),
        )
        .order_by("name_kana", "name", "pk")
    )


@dataclass(frozen=True)
class Place:
    """A location as the reader may see it: a confidential one is its district and
    municipality only, never its address or its point on a map."""

    location: Location
    open: bool

    #: What a closed place does not show: where it is, and what it is called there.
    CLOSED = (
        "name",
        "name_kana",
        "town",
        "street",
        "building",
        "postal_code",
        "latitude",
        "longitude",
        "town_id",
        "transportation",
        "accessibility_note",
    )

    def __getattr__(self, name: str) -> Any:
        if name in self.CLOSED and not self.open:
            return None
        return getattr(self.location, name)

    @property
    def access_notes(self) -> list[str]:
        """段差なし, 車いす可, 静かな場所あり: as the exports and feeds write them."""
        return [
            text
            for flag, text in (
                (self.location.step_free, "段差なし"),
                (self.location.wheelchair, "車いす可"),
                (self.location.quiet_space, "静かな場所あり"),
            )
            if flag
        ]

    @property
    def address(self) -> str:
        if self.open:
            return self.location.address
        return "".join([self.location.prefecture, self.location.municipality])


class Listing:
    """One entry as the reader may see it: `value(field)` is "" for a field closed to them;
    `front_door` is what stands in for what is closed."""

    def __init__(self, resource: Resource, reader: Reader) -> None:
        self.resource = resource
        self.reader = reader
        self.closed = {
            name
            for name, tier in (resource.field_tiers or {}).items()
            if name in CLOSABLE and not reader.sees(tier, resource.keeper_id)
        }

    def value(self, name: str) -> Any:
        return "" if name in self.closed else getattr(self.resource, name)

    @property
    def shown(self) -> dict[str, Any]:
        """The closable fields as the reader may see them (for the pages: never read them off
        the resource itself)."""
        return {name: self.value(name) for name in CLOSABLE}

    @cached_property
    def places(self) -> list[Place]:
        return [
            Place(location, self.reader.sees(location.tier, self.resource.keeper_id))
            for location in self.resource.locations.all()
        ]

    @property
    def withholds(self) -> bool:
        """Something of it is closed to this reader (its front door is shown instead)."""
        return bool(self.closed) or any(not place.open for place in self.places)

    @property
    def front_door(self) -> str:
        return self.resource.front_door if self.withholds else ""

    @property
    def confirmed(self) -> Any:
        """The newest confirmation (鮮度), or None."""
        return next(iter(self.resource.confirmations.all()), None)

    @property
    def area(self) -> str:
        """Where, as far as the reader may know: the district, else the municipality."""
        for place in self.places:
            if place.district is not None:
                return str(place.district.name)
            if place.municipality:
                return str(place.municipality)
        return ""


def listings(reader: Reader, resources: Iterable[Resource] | None = None) -> list[Listing]:
    return [Listing(r, reader) for r in (directory(reader) if resources is None else resources)]


def unconfirmed(
    reader: Reader, months: int = 6, today: dt.date | None = None
) -> QuerySet[Resource]:
    """鮮度: entries nobody has confirmed for `months` months (or ever), the stalest first, for
    a visit or a call."""
    today = today or timezone.localdate()
    since = add_months(today, -months)
    return (
        directory(reader)
        .filter(status=ResourceStatus.ACTIVE)
        .annotate(last_confirmed=Max("confirmations__confirmed_on"))
        .filter(Q(last_confirmed__lt=since) | Q(last_confirmed__isnull=True))
        .order_by(F("last_confirmed").asc(nulls_first=True), "name_kana", "pk")
    )


def find_resources(reader: Reader, filters: dict[str, Any]) -> QuerySet[Resource]:
    """社会資源を探す: by words in its name or description, kind, district, a day it is open,
    free of charge, step-free — within what the reader may see."""
    found = directory(reader).filter(status=ResourceStatus.ACTIVE)
    for word in (filters.get("q") or "").split():
        found = found.filter(
            Q(name__icontains=word) | Q(name_kana__icontains=word) | Q(description__icontains=word)
        )
    if filters.get("kind"):
        found = found.filter(kinds=filters["kind"])
    if filters.get("district"):
        found = found.filter(locations__district=filters["district"])
    if filters.get("day") is not None:
        found = found.filter(schedules__weekday=filters["day"])
    if filters.get("free"):
        found = found.filter(free=True)
    if filters.get("step_free"):
        found = found.filter(locations__step_free=True, locations__tier=Tier.PUBLIC)
    return found.distinct()


def get_listing(reader: Reader, resource_id: int) -> Listing:
    """One entry as the reader may see it, or 404 for one hidden from them and one that does
    not exist alike."""
    resource = directory(reader).filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return Listing(resource, reader)
