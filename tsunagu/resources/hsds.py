"""The directory as Open Referral HSDS 3.1: a service fully nested (its organization, its
places with their addresses, hours, capacity, kinds as taxonomy terms), built from a Listing so
that it holds only what the reader may see.

The Japan profile (docs/hsds-japan.md): an address's address_1 is 町字 and 番地以下, address_2
建物名等, city 市区町村, state_province 都道府県, region the district (日常生活圏域); the 全国
地方公共団体コード and the 町字ID are the location's external identifiers; 祝日 hours are a
schedule with byday empty and the note 「祝日」; a closed period (年末年始) is a schedule's
description; what a place suits in plain words, the pick-up and the freshness are attributes
of the taxonomy "tsunagu"."""

import datetime as dt
from typing import Any

from django.utils import timezone

from tsunagu.resources.choices import BYDAY, ResourceStatus, Weekday
from tsunagu.resources.models import Kind, Provider, Resource
from tsunagu.resources.selectors import Listing, Place

#: HSDS service.status for ours.
STATUS = {
    ResourceStatus.ACTIVE: "active",
    ResourceStatus.PAUSED: "temporarily closed",
    ResourceStatus.ENDED: "inactive",
}
TAXONOMY = "tsunagu"


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="milliseconds")


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M") + "+09:00"


def organization(provider: Provider) -> dict[str, Any]:
    """HSDS organization (its one-to-one fields, as in a service's nesting)."""
    data: dict[str, Any] = {
        "id": str(provider.uuid),
        "name": provider.name,
        "alternate_name": provider.name_kana or None,
        "description": provider.description or provider.name,
        "website": provider.website or None,
        "email": provider.email or None,
    }
    if provider.corporate_number:
        data["organization_identifiers"] = [
            {
                "id": f"{provider.uuid}-houjin",
                "identifier_scheme": "JP-HOUJIN",
                "identifier_type": "法人番号",
                "identifier": provider.corporate_number,
            }
        ]
    return {k: v for k, v in data.items() if v is not None}


def taxonomy_term(kind: Kind) -> dict[str, Any]:
    return {
        "id": str(kind.uuid),
        "code": kind.code,
        "name": kind.name,
        "description": kind.description or kind.name,
        "taxonomy": TAXONOMY,
        "language": "ja",
    }


def location(place: Place, listing: Listing) -> dict[str, Any]:
    where = place.location
    data: dict[str, Any] = {
        "id": str(where.uuid),
        "location_type": "physical",
        "name": place.name,
        "alternate_name": place.name_kana or None,
        "transportation": place.transportation or None,
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
        "external_identifier": where.local_government_code or None,
        "external_identifier_type": "全国地方公共団体コード"
        if where.local_government_code
        else None,
    }
    if where.municipality or where.prefecture:
        data["addresses"] = [
            {
                "id": f"{where.uuid}-address",
                "address_1": "".join(filter(None, [place.town, place.street]))
                or where.municipality,
                "address_2": place.building or None,
                "city": where.municipality,
                "region": where.district.name if where.district else None,
                "state_province": where.prefecture,
                "postal_code": place.postal_code or "",
                "country": "JP",
                "address_type": "physical",
            }
        ]
        data["addresses"][0] = {k: v for k, v in data["addresses"][0].items() if v is not None}
    notes = place.access_notes
    if notes or place.accessibility_note:
        data["accessibility"] = [
            {
                "id": f"{where.uuid}-access",
                "description": "、".join(notes) or place.accessibility_note,
                "details": place.accessibility_note or None,
            }
        ]
        data["accessibility"][0] = {k: v for k, v in data["accessibility"][0].items() if v}
    return {k: v for k, v in data.items() if v is not None}


def service_at_location_id(listing: Listing, place: Place) -> str:
    """A service at one of its places, as HSDS names it (stable: made of their two UUIDs)."""
    return f"{listing.resource.uuid}-{place.location.uuid}"


def service(listing: Listing) -> dict[str, Any]:
    """One entry as an HSDS service, fully nested."""
    resource: Resource = listing.resource
    data: dict[str, Any] = {
        "id": str(resource.uuid),
        "name": resource.name,
        "alternate_name": resource.alternate_name or resource.name_kana or None,
        "description": resource.description or None,
        "url": listing.value("url") or None,
        "email": listing.value("email") or None,
        "status": STATUS.get(ResourceStatus(resource.status), "active"),
        "application_process": listing.value("application") or None,
        "fees_description": ("無料" if resource.free else resource.fees) or None,
        "eligibility_description": resource.eligibility or None,
        "minimum_age": resource.minimum_age,
        "maximum_age": resource.maximum_age,
        "last_modified": _iso(resource.updated_at),
    }
    confirmed = next(iter(resource.confirmations.all()), None)
    if confirmed is not None:
        data["assured_date"] = confirmed.confirmed_on.isoformat()
    if resource.provider is not None:
        data["organization"] = organization(resource.provider)
    phone = listing.value("phone")
    if phone:
        data["phones"] = [
            {
                "id": f"{resource.uuid}-phone",
                "number": phone,
                "extension": _number(listing.value("phone_extension")),
            }
        ]
        data["phones"][0] = {k: v for k, v in data["phones"][0].items() if v is not None}
    if listing.front_door:
        data["contacts"] = [{"id": f"{resource.uuid}-front-door", "name": listing.front_door}]
    elif listing.value("contact_name"):
        data["contacts"] = [
            {"id": f"{resource.uuid}-contact", "name": listing.value("contact_name")}
        ]
    data["schedules"] = [
        {
            "id": str(schedule.uuid),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY.get(schedule.weekday, ""),
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "timezone": 9,
            "notes": "祝日" if schedule.weekday == Weekday.HOLIDAY else (schedule.note or None),
        }
        for schedule in resource.schedules.all()
    ]
    data["schedules"] = [{k: v for k, v in s.items() if v is not None} for s in data["schedules"]]
    closed = [
        f"{p.label} {p.starts_month}/{p.starts_day}〜{p.ends_month}/{p.ends_day}"
        for p in resource.closed_periods.all()
    ]
    if closed or resource.schedule_note:
        data["schedules"].append(
            {
                "id": f"{resource.uuid}-note",
                "description": " ".join(
                    [resource.schedule_note, *(f"休業: {c}" for c in closed)]
                ).strip(),
            }
        )
    data["capacities"] = [
        {
            "id": str(capacity.uuid),
            "unit": {"id": f"{capacity.uuid}-unit", "name": capacity.unit},
            "available": capacity.available,
            "maximum": capacity.maximum,
            "description": capacity.description or None,
            "updated": _iso(capacity.updated_at),
        }
        for capacity in resource.capacities.all()
    ]
    data["capacities"] = [{k: v for k, v in c.items() if v is not None} for c in data["capacities"]]
    data["service_at_locations"] = [
        {"id": service_at_location_id(listing, place), "location": location(place, listing)}
        for place in listing.places
    ]
    data["attributes"] = [
        {
            "id": f"{resource.uuid}-{kind.uuid}",
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term": taxonomy_term(kind),
        }
        for kind in resource.kinds.all()
    ]
    if resource.suits:
        data["attributes"].append(
            {
                "id": f"{resource.uuid}-suits",
                "label": "どんな人に向いているか",
                "value": resource.suits,
                "link_type": "service",
                "link_entity": "service",
            }
        )
    if resource.languages:
        data["languages"] = [
            {"id": f"{resource.uuid}-lang-{n}", "name": name.strip()}
            for n, name in enumerate(resource.languages.replace("、", ",").split(","))
            if name.strip()
        ]
    return {k: v for k, v in data.items() if v is not None}


def _number(text: str) -> int | None:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else None
