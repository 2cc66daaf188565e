"""API: people, duplicate candidates and households."""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS, require_casework
from tsunagu.accounts.models import District, User
from tsunagu.audit.services import record_listing
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.people import selectors, services
from tsunagu.people.choices import Relationship
from tsunagu.people.models import Household, Person

router = Router(tags=["people"])
PEOPLE_API = gettext_lazy("People (API)")
HOUSEHOLDS_API = gettext_lazy("Households (API)")


class PersonIn(Schema):
    name: str
    name_kana: str = ""
    birth_date: JapaneseDate = None
    sex: str = ""
    address: str = ""
    phone: str = ""
    phone_other: str = ""
    language_needs: str = ""
    contact_preferences: str = ""


class PersonCorrectionIn(Schema):
    """What a correction changes (the fields left out stay as they are), and why."""

    reason: str = ""
    name: str | None = None
    name_kana: str | None = None
    birth_date: JapaneseDate = None
    sex: str | None = None
    address: str | None = None
    phone: str | None = None
    phone_other: str | None = None
    language_needs: str | None = None
    contact_preferences: str | None = None


class HouseholdCorrectionIn(Schema):
    reason: str = ""
    name: str | None = None
    address: str | None = None
    district_id: int | None = None
    note: str | None = None


class MemberCorrectionIn(Schema):
    reason: str = ""
    relationship: Annotated[str, Code(Relationship)] | None = None
    started_on: JapaneseDate = None
    ended_on: JapaneseDate = None


class PersonOut(Schema):
    id: int
    name: str
    name_kana: str
    birth_date: dt.date | None
    sex: str
    address: str
    phone: str
    household_id: int | None = None


class CandidateOut(Schema):
    person_id: int
    name: str
    score: float
    reasons: list[str]


class HouseholdIn(Schema):
    name: str
    address: str = ""
    head_id: int | None = None


class MemberIn(Schema):
    person_id: int
    relationship: Annotated[str, Code(Relationship)]
    started_on: JapaneseDate = None


class MemberOut(Schema):
    person_id: int
    name: str
    relationship: Annotated[str, Code(Relationship)]
    started_on: dt.date | None


class HouseholdRowOut(Schema):
    """A household as the households list shows it; its members are read one household at a
    time (GET /households/{id}), as on its page."""

    id: int
    name: str
    address: str
    district_id: int | None
    district: str


class HouseholdOut(Schema):
    id: int
    name: str
    address: str
    members: list[MemberOut]
    other_members: int  # current members the caller's organization has not recorded: not named


def _text_fields(changes: dict[str, Any]) -> dict[str, Any]:
    """A PATCH's null for a text field empties it (the model keeps text as "", never NULL)."""
    return {k: "" if v is None and k in _TEXT else v for k, v in changes.items()}


_TEXT = {
    "name",
    "name_kana",
    "sex",
    "address",
    "phone",
    "phone_other",
    "language_needs",
    "contact_preferences",
    "note",
    "relationship",
}


def _person(person: Person) -> dict[str, Any]:
    household = selectors.current_household(person)
    return {
        **{
            f: getattr(person, f)
            for f in ("id", "name", "name_kana", "birth_date", "sex", "address", "phone")
        },
        "household_id": household.pk if household else None,
    }


def _household(user: User, household: Household) -> dict[str, Any]:
    members = list(selectors.current_members(household))
    known = selectors.known_person_ids(user, [m.person_id for m in members])
    return {
        "id": household.pk,
        "name": household.name,
        "address": household.address,
        "members": [
            {
                "person_id": m.person_id,
                "name": m.person.name,
                "relationship": m.relationship,
                "started_on": m.started_on,
            }
            for m in members
            if m.person_id in known
        ],
        "other_members": sum(1 for m in members if m.person_id not in known),
    }


@router.get(
    "/people/candidates",
    response=list[CandidateOut],
    summary="Duplicate candidates, best first, with the reasons",
)
def candidates(
    request: HttpRequest,
    name: str = "",
    name_kana: str = "",
    birth_date: Query[JapaneseDate] = None,
    phone: str = "",
) -> list[dict[str, Any]]:
    user = caller(request, *WRITERS)
    found = selectors.duplicate_candidates(
        user=user, name=name, name_kana=name_kana, birth_date=birth_date, phone=phone
    )
    return [
        {"person_id": c.person.pk, "name": c.person.name, "score": c.score, "reasons": c.reasons}
        for c in found
    ]


class HouseholdFilters(PageFilters):
    name: str = ""  # the household's name or a member's, as the households list finds them


class PeopleFilters(PageFilters):
    """本人一覧's search, as on the page: any of these together."""

    name: str = ""  # kanji or kana, the family name alone; 異体字 folded
    birth_date: JapaneseDate = None
    phone: str = ""  # any run of its digits
    address: str = ""


@router.get(
    "/people",
    response=Page[PersonOut],
    summary="The people the caller's organization recorded, found as the people list finds them",
)
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    data = filters.model_dump(exclude={"limit", "offset"})
    rows, page = page_of(selectors.find_people(user, data), filters)
    record_listing(actor=user, rows=rows, what=PEOPLE_API)
    return {**page, "items": [_person(p) for p in rows]}


@router.post("/people", response={201: PersonOut}, summary="Register a person")
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    person = services.register_person(actor=caller(request, *WRITERS), **payload.model_dump())
    return Status(201, _person(person))


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    return _person(selectors.get_person_for_user(caller(request, *READERS), person_id))


@router.patch(
    "/people/{person_id}",
    response=PersonOut,
    summary="Correct a person's details (記録の訂正: the earlier version is kept)",
)
def correct_person(
    request: HttpRequest, person_id: int, payload: PersonCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    person = selectors.find_person(user, person_id)
    require_casework(user, within=selectors.knowing_organization_ids(person))
    changes = _text_fields(payload.model_dump(exclude_unset=True, exclude={"reason"}))
    services.update_person(actor=user, person=person, reason=payload.reason, **changes)
    return _person(selectors.get_person_for_user(user, person_id))  # what it shows: a read


@router.post("/households", response={201: HouseholdOut}, summary="Record a household")
def create_household(request: HttpRequest, payload: HouseholdIn) -> Status[dict[str, Any]]:
    user = caller(request, *WRITERS)
    head = selectors.get_person_for_user(user, payload.head_id) if payload.head_id else None
    household = services.create_household(actor=user, name=payload.name, address=payload.address)
    if head is not None:
        services.add_household_member(
            actor=user, household=household, person=head, relationship="head"
        )
    return Status(201, _household(user, household))


@router.get(
    "/households",
    response=Page[HouseholdRowOut],
    summary="Households with a member the caller's organization knows, as the households list",
)
def list_households(request: HttpRequest, filters: Query[HouseholdFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows, page = page_of(selectors.find_households(user, filters.name), filters)
    record_listing(actor=user, rows=rows, what=HOUSEHOLDS_API)
    return {
        **page,
        "items": [
            {
                "id": h.pk,
                "name": h.name,
                "address": h.address,
                "district_id": h.district_id,
                "district": h.district.name if h.district else "",
            }
            for h in rows
        ],
    }


@router.get("/households/{household_id}", response=HouseholdOut)
def get_household(request: HttpRequest, household_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    return _household(user, selectors.get_household_for_user(user, household_id))


@router.patch(
    "/households/{household_id}",
    response=HouseholdOut,
    summary="Correct a household's details (記録の訂正: the earlier version is kept)",
)
def correct_household(
    request: HttpRequest, household_id: int, payload: HouseholdCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    household = selectors.find_household(user, household_id)
    require_casework(user, within=selectors.knowing_organization_ids(household))
    changes = _text_fields(payload.model_dump(exclude_unset=True, exclude={"reason"}))
    if "district_id" in changes:
        district_id = changes.pop("district_id")
        changes["district"] = District.objects.filter(pk=district_id).first()
        if district_id is not None and changes["district"] is None:
            raise ValidationError({"district_id": f"Unknown district: {district_id}"})
    services.correct_household(actor=user, household=household, reason=payload.reason, **changes)
    return _household(user, selectors.get_household_for_user(user, household_id))


@router.patch(
    "/households/{household_id}/members/{person_id}",
    response=HouseholdOut,
    summary="Correct a member's relationship or dates (the earlier version is kept)",
)
def correct_member(
    request: HttpRequest, household_id: int, person_id: int, payload: MemberCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    household = selectors.find_household(user, household_id)
    require_casework(user, within=selectors.knowing_organization_ids(household))
    member = selectors.membership_of(household, selectors.find_person(user, person_id))
    changes = _text_fields(payload.model_dump(exclude_unset=True, exclude={"reason"}))
    services.correct_membership(actor=user, member=member, reason=payload.reason, **changes)
    return _household(user, selectors.get_household_for_user(user, household_id))


@router.post("/households/{household_id}/members", response={201: HouseholdOut})
def add_member(
    request: HttpRequest, household_id: int, payload: MemberIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    household = selectors.find_household(user, household_id)
    require_casework(user, within=selectors.knowing_organization_ids(household))
    person = selectors.find_person(user, payload.person_id)
    services.add_household_member(
        actor=user,
        household=household,
        person=person,
        relationship=payload.relationship,
        started_on=payload.started_on,
    )
    return Status(201, _household(user, household))
