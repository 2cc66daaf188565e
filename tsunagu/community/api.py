"""API: 地域づくり — places with their gatekeepers and visits, gatherings with their field mix
and what came out, the network and its figures (点から面へ), the suggested encounters, the
figures of the 実施計画 — read and written as the pages do (one access: community.selectors;
one set of rules: community.services)."""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field as Between

from tsunagu.accounts.access import READERS
from tsunagu.accounts.models import District, User
from tsunagu.community import figures as community_figures
from tsunagu.community import network, selectors, services
from tsunagu.community.choices import (
    ActorKind,
    Field,
    HowMet,
    IdeaKind,
    IdeaStatus,
    PlaceKind,
    SuggestionStatus,
)
from tsunagu.community.models import (
    Actor,
    Gathering,
    GatheringType,
    Idea,
    Place,
    Suggestion,
    Tie,
    Visit,
)
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of, pick, picks
from tsunagu.core.forms import fiscal_period
from tsunagu.outreach.choices import Urgency
from tsunagu.resources.models import Resource

router = Router(tags=["community"])

Day = Annotated[int, Between(ge=0, le=6)]  # 0 Monday … 6 Sunday
People = Annotated[int, Between(ge=0, le=100_000)]
Id = Annotated[int, Between(ge=1, le=2**53)]


def _writer(request: HttpRequest) -> User:
    """The caller of a write: 404 for a role that reads nothing here, 403 for one that only
    reads (a manager) — before any id of the payload is looked at."""
    user: User = caller(request, *READERS)
    services.working_organization(user)
    return user


# Places ------------------------------------------------------------------------------------


class PlaceIn(Schema):
    name: Annotated[str, Between(min_length=1, max_length=200)]
    name_kana: Annotated[str, Between(max_length=200)] = ""
    kind: Annotated[str, Code(PlaceKind)]
    district_id: Id | None = None
    address: Annotated[str, Between(max_length=300)] = ""
    resource_id: Id | None = None
    member_id: Id | None = None
    description: str = ""
    easy_description: str = ""
    days: list[Day] = []
    hours: Annotated[str, Between(max_length=200)] = ""
    interests: Annotated[str, Between(max_length=300)] = ""
    public: bool = False


class PlaceCorrectionIn(Schema):
    name: Annotated[str, Between(min_length=1, max_length=200)] = ""
    kind: Annotated[str, Code(PlaceKind)] | None = None
    district_id: Id | None = None
    address: Annotated[str, Between(max_length=300)] = ""
    description: str = ""
    easy_description: str = ""
    days: list[Day] | None = None
    hours: Annotated[str, Between(max_length=200)] = ""
    interests: Annotated[str, Between(max_length=300)] = ""
    public: bool = False
    closed_on: JapaneseDate = None
    reason: Annotated[str, Between(min_length=1, max_length=300)]


class PlaceOut(Schema):
    id: int
    uuid: str
    name: str
    kind: Annotated[str, Code(PlaceKind)]
    district: str
    address: str
    days: list[int]
    hours: str
    interests: str
    public: bool
    closed_on: dt.date | None
    last_visit: dt.date | None


class GatekeeperOut(Schema):
    id: int
    name: str
    role_title: str
    phone: str
    agreed_way: str
    agreed_on: dt.date
    ended_on: dt.date | None
    #: The worries passed on: only the day each was received.
    worries_received_on: list[dt.date]


class VisitOut(Schema):
    id: int
    visited_on: dt.date
    visitors: list[str]
    topics: str


class PlaceDetailOut(PlaceOut):
    description: str
    easy_description: str
    resource_id: int | None
    member_id: int | None
    gatekeepers: list[GatekeeperOut]
    visits: list[VisitOut]


class GatekeeperIn(Schema):
    name: Annotated[str, Between(min_length=1, max_length=100)]
    role_title: Annotated[str, Between(max_length=100)] = ""
    phone: Annotated[str, Between(max_length=30)] = ""
    agreed_way: Annotated[str, Between(max_length=2000)]
    agreed_on: JapaneseDate
    member_id: Id | None = None


class WorryIn(Schema):
    noticed: Annotated[str, Between(max_length=4000)]
    urgency: Annotated[str, Code(Urgency)] = Urgency.NORMAL
    noticed_on: JapaneseDate = None


class ReceivedOut(Schema):
    #: All the gatekeeper hears back: it was received, on that day.
    received: bool
    passed_on: dt.date


class EndIn(Schema):
    ended_on: JapaneseDate


class VisitIn(Schema):
    visited_on: JapaneseDate
    visitor_ids: list[Id] = []
    topics: Annotated[str, Between(max_length=4000)] = ""
    names_checked: bool = False


class VisitCorrectionIn(Schema):
    visited_on: JapaneseDate = None
    names_checked: bool = False
    topics: Annotated[str, Between(max_length=4000)] = ""
    reason: Annotated[str, Between(min_length=1, max_length=300)]


class CreatedOut(Schema):
    id: int


class PlaceFilters(PageFilters):
    district_id: Id | None = None
    kind: Annotated[str, Code(PlaceKind)] | None = None
    #: Only the open places nobody visited for this many months (or ever).
    not_visited_months: Annotated[int, Between(ge=1, le=120)] | None = None


def _place(place: Any) -> dict[str, Any]:
    return {
        "id": place.pk,
        "uuid": str(place.uuid),
        "name": place.name,
        "kind": place.kind,
        "district": place.district.name if place.district else "",
        "address": place.address,
        "days": [int(d) for d in place.days],
        "hours": place.hours,
        "interests": place.interests,
        "public": place.public,
        "closed_on": place.closed_on,
        "last_visit": getattr(place, "last_visit", None),
    }


def _visit(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.pk,
        "visited_on": visit.visited_on,
        "visitors": [u.display_name for u in visit.visitors.all()],
        "topics": visit.topics,
    }


@router.get("/community/places", response=Page[PlaceOut], summary="The town's places (地域の場)")
def list_places(request: HttpRequest, filters: Query[PlaceFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows = (
        selectors.not_visited(user, filters.not_visited_months)
        if filters.not_visited_months
        else selectors.places(user).order_by("name_kana", "name", "pk")
    )
    if filters.district_id:
        rows = rows.filter(district_id=filters.district_id)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    items, page = page_of(rows, filters)
    return {**page, "items": [_place(p) for p in items]}


def _place_fields(data: dict[str, Any]) -> dict[str, Any]:
    if "district_id" in data:
        data["district"] = pick(District.objects.all(), data.pop("district_id"), "district_id")
    if "resource_id" in data:
        data["resource"] = pick(Resource.objects.all(), data.pop("resource_id"), "resource_id")
    if "member_id" in data:
        data["member"] = pick(
            Actor.objects.filter(kind=ActorKind.ORGANIZATION), data.pop("member_id"), "member_id"
        )
    return data


@router.post("/community/places", response={201: CreatedOut}, summary="Record a place")
def create_place(request: HttpRequest, payload: PlaceIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    place = services.record_place(actor=user, **_place_fields(payload.model_dump()))
    return Status(201, {"id": place.pk})


@router.get(
    "/community/places/{place_id}",
    response=PlaceDetailOut,
    summary="A place with its gatekeepers (an audited read) and its visits",
)
def get_place(request: HttpRequest, place_id: Id) -> dict[str, Any]:
    user = caller(request, *READERS)
    seen = selectors.read_place(user, place_id)
    received: dict[int, list[dt.date]] = {}
    for worry in seen.worries:
        received.setdefault(worry.gatekeeper_id, []).append(worry.passed_on)
    return {
        **_place(seen.place),
        "description": seen.place.description,
        "easy_description": seen.place.easy_description,
        "resource_id": seen.place.resource_id,
        "member_id": seen.place.member_id,
        "gatekeepers": [
            {
                "id": g.pk,
                "name": g.name,
                "role_title": g.role_title,
                "phone": g.phone,
                "agreed_way": g.agreed_way,
                "agreed_on": g.agreed_on,
                "ended_on": g.ended_on,
                "worries_received_on": received.get(g.pk, []),
            }
            for g in seen.gatekeepers
        ],
        "visits": [_visit(v) for v in seen.visits],
    }


@router.patch(
    "/community/places/{place_id}",
    response=CreatedOut,
    summary="Correct a place (or close it); the earlier version is kept",
)
def correct_place(request: HttpRequest, place_id: Id, payload: PlaceCorrectionIn) -> dict[str, Any]:
    user = _writer(request)
    place = selectors.find_place(user, place_id)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason")
    services.correct_place(actor=user, place=place, changes=_place_fields(data), reason=reason)
    return {"id": place.pk}


@router.post(
    "/community/places/{place_id}/gatekeepers",
    response={201: CreatedOut},
    summary="A gatekeeper (つないでくれる人) and the way agreed with them",
)
def create_gatekeeper(
    request: HttpRequest, place_id: Id, payload: GatekeeperIn
) -> Status[dict[str, Any]]:
    user = _writer(request)
    place = selectors.find_place(user, place_id)
    data = payload.model_dump()
    data["member"] = pick(Actor.objects.all(), data.pop("member_id"), "member_id")
    gatekeeper = services.record_gatekeeper(actor=user, place=place, **data)
    return Status(201, {"id": gatekeeper.pk})


@router.post(
    "/community/gatekeepers/{gatekeeper_id}/worries",
    response={201: ReceivedOut},
    summary="Pass on a gatekeeper's worry: it becomes a concern for the outreach team",
)
def pass_worry(request: HttpRequest, gatekeeper_id: Id, payload: WorryIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    gatekeeper = selectors.find_gatekeeper(user, gatekeeper_id)
    worry = services.pass_worry(actor=user, gatekeeper=gatekeeper, **payload.model_dump())
    return Status(201, {"received": True, "passed_on": worry.passed_on})


@router.post(
    "/community/gatekeepers/{gatekeeper_id}/end",
    response=CreatedOut,
    summary="The agreement with a gatekeeper ended",
)
def end_gatekeeper(request: HttpRequest, gatekeeper_id: Id, payload: EndIn) -> dict[str, Any]:
    user = _writer(request)
    gatekeeper = selectors.find_gatekeeper(user, gatekeeper_id)
    if payload.ended_on is None:
        raise ValidationError({"ended_on": _("Give the day it ended.")})
    services.end_gatekeeper(actor=user, gatekeeper=gatekeeper, ended_on=payload.ended_on)
    return {"id": gatekeeper.pk}


@router.post(
    "/community/places/{place_id}/visits",
    response={201: CreatedOut},
    summary="A visit (顔を出す): who went, when, general topics only",
)
def create_visit(request: HttpRequest, place_id: Id, payload: VisitIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    place = selectors.find_place(user, place_id)
    data = payload.model_dump()
    if data["visited_on"] is None:
        raise ValidationError({"visited_on": _("Give the day of the visit.")})
    visitors = picks(User.objects.filter(is_active=True), data.pop("visitor_ids"), "visitor_ids")
    visit = services.record_visit(actor=user, place=place, visitors=visitors, **data)
    return Status(201, {"id": visit.pk})


@router.patch(
    "/community/visits/{visit_id}",
    response=CreatedOut,
    summary="Correct a visit; the earlier version is kept",
)
def correct_visit(request: HttpRequest, visit_id: Id, payload: VisitCorrectionIn) -> dict[str, Any]:
    user = _writer(request)
    visit = selectors.find_visit(user, visit_id)
    data = payload.model_dump(exclude_unset=True)
    reason, checked = data.pop("reason"), data.pop("names_checked", False)
    services.correct_visit(
        actor=user, visit=visit, changes=data, reason=reason, names_checked=checked
    )
    return {"id": visit.pk}


# Gatherings --------------------------------------------------------------------------------


class TypeOut(Schema):
    id: int
    code: str
    name: str
    easy_name: str


class GatheringIn(Schema):
    type_id: Id | None = None
    title: Annotated[str, Between(max_length=200)] = ""
    held_on: JapaneseDate = None
    ends_on: JapaneseDate = None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    place_id: Id | None = None
    venue: Annotated[str, Between(max_length=300)] = ""
    district_id: Id | None = None
    organizer_ids: list[Id] = []
    #: Counted, not named: how many came from each field (its code), 0 or more.
    attendance: dict[Annotated[str, Code(Field)], People] = {}
    #: Members of the network named as having come (only those who agreed to be named).
    named_ids: list[Id] = []
    topics: str = ""
    outcome: str = ""
    public: bool = False
    description: str = ""
    easy_description: str = ""
    application: Annotated[str, Between(max_length=300)] = ""
    fee: Annotated[str, Between(max_length=100)] = ""
    capacity: People | None = None
    contact: Annotated[str, Between(max_length=200)] = ""
    url: Annotated[str, Between(max_length=500)] = ""


class GatheringCorrectionIn(Schema):
    title: Annotated[str, Between(min_length=1, max_length=200)] = ""
    held_on: JapaneseDate = None
    topics: str = ""
    outcome: str = ""
    public: bool = False
    description: str = ""
    easy_description: str = ""
    attendance: dict[Annotated[str, Code(Field)], People] | None = None
    organizer_ids: list[Id] | None = None
    named_ids: list[Id] | None = None
    reason: Annotated[str, Between(min_length=1, max_length=300)]


class GatheringOut(Schema):
    id: int
    uuid: str
    type: str
    title: str
    held_on: dt.date
    ends_on: dt.date | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    place_id: int | None
    venue: str
    district: str
    public: bool
    people: int


class IdeaOut(Schema):
    id: int
    kind: Annotated[str, Code(IdeaKind)]
    text: str
    status: Annotated[str, Code(IdeaStatus)]
    resource_id: int | None
    note: str


class FollowUpOut(Schema):
    id: int
    title: str
    due_on: dt.date
    assignee: str
    done_on: dt.date | None


class TieOut(Schema):
    id: int
    a_id: int
    a: str
    b_id: int
    b: str
    since: dt.date
    how: Annotated[str, Code(HowMet)]
    across_fields: bool
    gathering_id: int | None
    suggestion_id: int | None
    ended_on: dt.date | None


class GatheringDetailOut(GatheringOut):
    topics: str
    outcome: str
    description: str
    easy_description: str
    attendance: dict[str, int]
    organizers: list[str]
    named: list[str]
    ideas: list[IdeaOut]
    follow_ups: list[FollowUpOut]
    ties: list[TieOut]


class GatheringFilters(PageFilters):
    type_id: Id | None = None
    district_id: Id | None = None
    since: JapaneseDate = None
    until: JapaneseDate = None


class GatheringTieIn(Schema):
    a_id: Id
    b_id: Id
    note: Annotated[str, Between(max_length=300)] = ""


class IdeaIn(Schema):
    kind: Annotated[str, Code(IdeaKind)]
    text: Annotated[str, Between(max_length=4000)]


class SettleIn(Schema):
    status: Annotated[str, Code(IdeaStatus)]
    resource_id: Id | None = None
    note: Annotated[str, Between(max_length=300)] = ""


class FollowUpIn(Schema):
    title: Annotated[str, Between(min_length=1, max_length=300)]
    due_on: JapaneseDate
    assignee_id: Id


class GuestOut(Schema):
    member_id: int
    name: str
    field: Annotated[str, Code(Field)]
    shared_words: list[str]
    reason: str


def _gathering(g: Gathering) -> dict[str, Any]:
    return {
        "id": g.pk,
        "uuid": str(g.uuid),
        "type": g.type.name,
        "title": g.title,
        "held_on": g.held_on,
        "ends_on": g.ends_on,
        "starts_at": g.starts_at,
        "ends_at": g.ends_at,
        "place_id": g.place_id,
        "venue": g.place.name if g.place else g.venue,
        "district": g.district.name if g.district else "",
        "public": g.public,
        "people": getattr(g, "people", None) or 0,
    }


def _tie(t: Tie) -> dict[str, Any]:
    return {
        "id": t.pk,
        "a_id": t.a_id,
        "a": t.a.name,
        "b_id": t.b_id,
        "b": t.b.name,
        "since": t.since,
        "how": t.how,
        "across_fields": t.a.field != t.b.field,
        "gathering_id": t.gathering_id,
        "suggestion_id": t.suggestion_id,
        "ended_on": t.ended_on,
    }


def _gathering_fields(data: dict[str, Any]) -> dict[str, Any]:
    picked = {
        "type_id": ("type", GatheringType.objects.filter(active=True)),
        "place_id": ("place", Place.objects.all()),
        "district_id": ("district", District.objects.all()),
    }
    for key, (name, rows) in picked.items():
        if key in data:
            data[name] = pick(rows, data.pop(key), key)
    for key, name in (("organizer_ids", "organizers"), ("named_ids", "named")):
        if data.get(key) is not None:
            data[name] = picks(Actor.objects.all(), data.pop(key), key)
        else:
            data.pop(key, None)
    return data


@router.get(
    "/community/gathering-types",
    response=list[TypeOut],
    summary="The kinds of gathering (車座, ラウンドテーブル …)",
)
def list_gathering_types(request: HttpRequest) -> list[dict[str, Any]]:
    caller(request, *READERS)
    return [
        {"id": t.pk, "code": t.code, "name": t.name, "easy_name": t.easy_name}
        for t in GatheringType.objects.filter(active=True)
    ]


@router.get("/community/gatherings", response=Page[GatheringOut], summary="Gatherings")
def list_gatherings(request: HttpRequest, filters: Query[GatheringFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows = selectors.gatherings(user)
    if filters.type_id:
        rows = rows.filter(type_id=filters.type_id)
    if filters.district_id:
        rows = rows.filter(district_id=filters.district_id)
    if filters.since:
        rows = rows.filter(held_on__gte=filters.since)
    if filters.until:
        rows = rows.filter(held_on__lte=filters.until)
    items, page = page_of(rows, filters)
    return {**page, "items": [_gathering(g) for g in items]}


@router.post(
    "/community/gatherings",
    response={201: CreatedOut},
    summary="Record a gathering (held, with its field mix; or announced, public)",
)
def create_gathering(request: HttpRequest, payload: GatheringIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    data = _gathering_fields(payload.model_dump())
    gathering = services.record_gathering(
        actor=user,
        attendance=data.pop("attendance"),
        organizers=data.pop("organizers", []),
        named=data.pop("named", []),
        **data,
    )
    return Status(201, {"id": gathering.pk})


@router.get(
    "/community/gatherings/{gathering_id}",
    response=GatheringDetailOut,
    summary="A gathering: field mix, who is named (audited), ideas, ties, follow-ups",
)
def get_gathering(request: HttpRequest, gathering_id: Id) -> dict[str, Any]:
    user = caller(request, *READERS)
    seen = selectors.read_gathering(user, gathering_id)
    g = seen.gathering
    return {
        **_gathering(g),
        "people": seen.total,
        "topics": g.topics,
        "outcome": g.outcome,
        "description": g.description,
        "easy_description": g.easy_description,
        "attendance": {field: count for field, _label, count in seen.attendance},
        "organizers": [a.name for a in seen.organizers],
        "named": [a.name for a in seen.named],
        "ideas": [
            {
                "id": i.pk,
                "kind": i.kind,
                "text": i.text,
                "status": i.status,
                "resource_id": i.resource_id,
                "note": i.note,
            }
            for i in seen.ideas
        ],
        "follow_ups": [
            {
                "id": f.pk,
                "title": f.title,
                "due_on": f.due_on,
                "assignee": f.assignee.display_name,
                "done_on": f.done_on,
            }
            for f in seen.follow_ups
        ],
        "ties": [_tie(t) for t in seen.ties],
    }


@router.patch(
    "/community/gatherings/{gathering_id}",
    response=CreatedOut,
    summary="Correct a gathering (its field mix, what came out); the earlier version is kept",
)
def correct_gathering(
    request: HttpRequest, gathering_id: Id, payload: GatheringCorrectionIn
) -> dict[str, Any]:
    user = _writer(request)
    gathering = selectors.find_gathering(user, gathering_id)
    data = _gathering_fields(payload.model_dump(exclude_unset=True))
    reason = data.pop("reason")
    services.correct_gathering(
        actor=user,
        gathering=gathering,
        attendance=data.pop("attendance", None),
        organizers=data.pop("organizers", None),
        named=data.pop("named", None),
        changes=data,
        reason=reason,
    )
    return {"id": gathering.pk}


@router.post(
    "/community/gatherings/{gathering_id}/ties",
    response={201: CreatedOut},
    summary="A tie the gathering made",
)
def create_gathering_tie(
    request: HttpRequest, gathering_id: Id, payload: GatheringTieIn
) -> Status[dict[str, Any]]:
    user = _writer(request)
    gathering = selectors.find_gathering(user, gathering_id)
    a = pick(Actor.objects.all(), payload.a_id, "a_id")
    b = pick(Actor.objects.all(), payload.b_id, "b_id")
    assert a is not None and b is not None  # noqa: S101 - ids are required
    tie = services.record_tie(
        actor=user,
        a=a,
        b=b,
        since=min(gathering.held_on, timezone.localdate()),
        how=HowMet.GATHERING,
        gathering=gathering,
        note=payload.note,
    )
    return Status(201, {"id": tie.pk})


@router.post(
    "/community/gatherings/{gathering_id}/ideas",
    response={201: CreatedOut},
    summary="An idea or project that came out of the gathering",
)
def create_idea(request: HttpRequest, gathering_id: Id, payload: IdeaIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    gathering = selectors.find_gathering(user, gathering_id)
    idea = services.record_idea(actor=user, gathering=gathering, **payload.model_dump())
    return Status(201, {"id": idea.pk})


@router.post(
    "/community/ideas/{idea_id}",
    response=CreatedOut,
    summary="What became of an idea: a resource, not taken further, or open again",
)
def settle_idea(request: HttpRequest, idea_id: Id, payload: SettleIn) -> dict[str, Any]:
    user = _writer(request)
    idea: Idea = selectors.find_idea(user, idea_id)
    resource = pick(Resource.objects.all(), payload.resource_id, "resource_id")
    services.settle_idea(
        actor=user, idea=idea, status=payload.status, resource=resource, note=payload.note
    )
    return {"id": idea.pk}


@router.post(
    "/community/gatherings/{gathering_id}/follow-ups",
    response={201: CreatedOut},
    summary="A follow-up of the gathering, as a task",
)
def create_follow_up(
    request: HttpRequest, gathering_id: Id, payload: FollowUpIn
) -> Status[dict[str, Any]]:
    user = _writer(request)
    gathering = selectors.find_gathering(user, gathering_id)
    assignee = pick(User.objects.filter(is_active=True), payload.assignee_id, "assignee_id")
    if payload.due_on is None:
        raise ValidationError({"due_on": _("Give the day it is due.")})
    follow_up = services.add_follow_up(
        actor=user,
        gathering=gathering,
        title=payload.title,
        due_on=payload.due_on,
        assignee=assignee,  # type: ignore[arg-type]
    )
    return Status(201, {"id": follow_up.pk})


@router.post(
    "/community/follow-ups/{follow_up_id}/done",
    response=CreatedOut,
    summary="A follow-up done",
)
def finish_follow_up(request: HttpRequest, follow_up_id: Id) -> dict[str, Any]:
    user = _writer(request)
    follow_up = selectors.find_follow_up(user, follow_up_id)
    services.finish_follow_up(actor=user, follow_up=follow_up)
    return {"id": follow_up.pk}


@router.get(
    "/community/gatherings/{gathering_id}/guests",
    response=list[GuestOut],
    summary="Suggested guests for a gathering: by its topics, one from each field first",
)
def list_guests(request: HttpRequest, gathering_id: Id) -> list[dict[str, Any]]:
    user = caller(request, *READERS)
    gathering = selectors.find_gathering(user, gathering_id)
    return [
        {
            "member_id": g.member,
            "name": g.name,
            "field": g.field,
            "shared_words": list(g.shared),
            "reason": g.reason,
        }
        for g in selectors.guests_for(user, gathering)
    ]


# The network -------------------------------------------------------------------------------


class MemberIn(Schema):
    kind: Annotated[str, Code(ActorKind)]
    name: Annotated[str, Between(min_length=1, max_length=200)]
    name_kana: Annotated[str, Between(max_length=200)] = ""
    field: Annotated[str, Code(Field)]
    role_title: Annotated[str, Between(max_length=100)] = ""
    member_of_id: Id | None = None
    district_id: Id | None = None
    interests: Annotated[str, Between(max_length=4000)] = ""
    #: A person is in the network only with their agreement: the day they agreed to be named.
    agreed_on: JapaneseDate = None
    joined_on: JapaneseDate = None


class MemberCorrectionIn(Schema):
    name: Annotated[str, Between(min_length=1, max_length=200)] = ""
    field: Annotated[str, Code(Field)] | None = None
    role_title: Annotated[str, Between(max_length=100)] = ""
    district_id: Id | None = None
    interests: Annotated[str, Between(max_length=4000)] = ""
    left_on: JapaneseDate = None
    reason: Annotated[str, Between(min_length=1, max_length=300)]


class MemberOut(Schema):
    id: int
    kind: Annotated[str, Code(ActorKind)]
    name: str
    field: Annotated[str, Code(Field)]
    role_title: str
    member_of_id: int | None
    district: str
    interests: str
    joined_on: dt.date
    left_on: dt.date | None


class MemberDetailOut(MemberOut):
    ties: list[TieOut]


class MemberFilters(PageFilters):
    field: Annotated[str, Code(Field)] | None = None
    kind: Annotated[str, Code(ActorKind)] | None = None


class TieIn(Schema):
    a_id: Id
    b_id: Id
    since: JapaneseDate
    how: Annotated[str, Code(HowMet)]
    note: Annotated[str, Between(max_length=300)] = ""


def _member(m: Actor) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "name": m.name,
        "field": m.field,
        "role_title": m.role_title,
        "member_of_id": m.member_of_id,
        "district": m.district.name if m.district else "",
        "interests": m.interests,
        "joined_on": m.joined_on,
        "left_on": m.left_on,
    }


def _member_fields(data: dict[str, Any]) -> dict[str, Any]:
    if "member_of_id" in data:
        data["member_of"] = pick(
            Actor.objects.filter(kind=ActorKind.ORGANIZATION),
            data.pop("member_of_id"),
            "member_of_id",
        )
    if "district_id" in data:
        data["district"] = pick(District.objects.all(), data.pop("district_id"), "district_id")
    if data.get("joined_on", "") is None:
        data.pop("joined_on")
    return data


@router.get("/community/members", response=Page[MemberOut], summary="Members of the network")
def list_members(request: HttpRequest, filters: Query[MemberFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows = selectors.members(user)
    if filters.field:
        rows = rows.filter(field=filters.field)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    items, page = page_of(rows, filters)
    return {**page, "items": [_member(m) for m in selectors.list_members(user, items)]}


@router.post(
    "/community/members",
    response={201: CreatedOut},
    summary="Add to the network: an organization, or a person in their role with their agreement",
)
def create_member(request: HttpRequest, payload: MemberIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    member = services.record_actor(actor=user, **_member_fields(payload.model_dump()))
    return Status(201, {"id": member.pk})


@router.get(
    "/community/members/{member_id}",
    response=MemberDetailOut,
    summary="A member of the network and their ties (a person: an audited read)",
)
def get_member(request: HttpRequest, member_id: Id) -> dict[str, Any]:
    user = caller(request, *READERS)
    seen = selectors.read_member(user, member_id)
    return {**_member(seen.member), "ties": [_tie(t) for t, _other in seen.ties]}


@router.patch(
    "/community/members/{member_id}",
    response=CreatedOut,
    summary="Correct a member (or record that they left); the earlier version is kept",
)
def correct_network_member(
    request: HttpRequest, member_id: Id, payload: MemberCorrectionIn
) -> dict[str, Any]:
    user = _writer(request)
    member = selectors.find_member(user, member_id)
    data = _member_fields(payload.model_dump(exclude_unset=True))
    reason = data.pop("reason")
    services.correct_actor(actor=user, member=member, changes=data, reason=reason)
    return {"id": member.pk}


@router.post("/community/ties", response={201: CreatedOut}, summary="Record a tie")
def create_tie(request: HttpRequest, payload: TieIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    a = pick(selectors.members(user), payload.a_id, "a_id")
    b = pick(selectors.members(user), payload.b_id, "b_id")
    if payload.since is None:
        raise ValidationError({"since": _("Give the day the tie began.")})
    assert a is not None and b is not None  # noqa: S101 - ids are required
    tie = services.record_tie(
        actor=user, a=a, b=b, since=payload.since, how=payload.how, note=payload.note
    )
    return Status(201, {"id": tie.pk})


@router.post("/community/ties/{tie_id}/end", response=CreatedOut, summary="A tie lapsed")
def end_tie(request: HttpRequest, tie_id: Id, payload: EndIn) -> dict[str, Any]:
    user = _writer(request)
    tie = selectors.find_tie(user, tie_id)
    if payload.ended_on is None:
        raise ValidationError({"ended_on": _("Give the day it ended.")})
    services.end_tie(actor=user, tie=tie, ended_on=payload.ended_on)
    return {"id": tie.pk}


class NetworkFilters(Schema):
    on: JapaneseDate = None
    district_id: Id | None = None
    field: Annotated[str, Code(Field)] | None = None


class QuarterOut(Schema):
    fiscal_year: int
    quarter: int
    new_ties: int
    across_fields: int


class FieldPairOut(Schema):
    field: Annotated[str, Code(Field)]
    other: Annotated[str, Code(Field)]
    ties: int


class NetworkOut(Schema):
    on: dt.date
    members: int
    organizations: int
    ties: int
    ties_across_fields: int
    share_across_fields: int | None
    organizations_with_a_tie_outside_their_field: int
    share_reaching_out: int | None
    isolated: list[str]
    groups: int
    largest_group: int
    by_quarter: list[QuarterOut]
    field_pairs: list[FieldPairOut]
    #: The members (chosen by the filter) and every tie they have.
    nodes: list[MemberOut]
    edges: list[TieOut]


@router.get(
    "/community/network",
    response=NetworkOut,
    summary="点から面へ: the network on a day (by district, field) with its figures",
)
def get_network(request: HttpRequest, filters: Query[NetworkFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    where = network.Filter(
        on=network.check_day(filters.on or timezone.localdate()),
        district_id=filters.district_id,
        field=filters.field or "",
    )
    seen = selectors.read_network(user, where)
    f = seen.figures
    chosen = [r["pk"] for r in seen.rows]
    nodes = selectors.members(user).filter(pk__in=chosen)
    ties = Tie.objects.filter(pk__in=[d["pk"] for _a, _b, d in seen.graph.edges(data=True)])
    return {
        "on": f.on,
        "members": f.members,
        "organizations": f.organizations,
        "ties": f.ties,
        "ties_across_fields": f.ties_across,
        "share_across_fields": f.share_across,
        "organizations_with_a_tie_outside_their_field": f.organizations_reaching_out,
        "share_reaching_out": f.share_reaching_out,
        "isolated": [m["name"] for m in f.isolated],
        "groups": f.groups,
        "largest_group": f.largest_group,
        "by_quarter": [
            {"fiscal_year": y, "quarter": q, "new_ties": n, "across_fields": a}
            for y, q, n, a in f.by_quarter
        ],
        "field_pairs": [{"field": a, "other": b, "ties": n} for a, b, n in f.field_pairs],
        "nodes": [_member(m) for m in nodes],
        "edges": [_tie(t) for t in ties.select_related("a", "b")],
    }


# Encounters by design ----------------------------------------------------------------------


class EncounterOut(Schema):
    member_ids: list[int]
    names: list[str]
    fields: list[Annotated[str, Code(Field)]]
    shared_words: list[str]
    mutual: list[str]
    reason: str


class SuggestionOut(Schema):
    id: int
    member_ids: list[int]
    reason: str
    status: Annotated[str, Code(SuggestionStatus)]
    decided_on: dt.date | None


class EncountersOut(Schema):
    suggested: list[EncounterOut]
    kept: int
    became_ties: int
    not_now: int
    #: The share (%) of the encounters arranged that became a tie.
    rate: int | None
    arranged: list[SuggestionOut]


class KeepIn(Schema):
    member_ids: Annotated[list[Id], Between(min_length=2, max_length=services.GROUP_MAX)]
    reason: Annotated[str, Between(max_length=2000)]
    gathering_id: Id | None = None


class SuggestionTieIn(Schema):
    a_id: Id
    b_id: Id
    since: JapaneseDate


class DecideIn(Schema):
    status: Annotated[str, Code(SuggestionStatus)]


def _suggestion(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "member_ids": [m.pk for m in s.members.all()],
        "reason": s.reason,
        "status": s.status,
        "decided_on": s.decided_on,
    }


@router.get(
    "/community/encounters",
    response=EncountersOut,
    summary="計画的偶発性: who should meet (with the reason), and the encounters arranged",
)
def get_encounters(request: HttpRequest) -> dict[str, Any]:
    user = caller(request, *READERS)
    rate = selectors.suggestion_rate(user)
    arranged = list(selectors.kept_suggestions(user)[:200])
    suggested = selectors.suggested_encounters(user, shown=arranged)
    return {
        "suggested": [
            {
                "member_ids": list(e.members),
                "names": list(e.names),
                "fields": list(e.fields),
                "shared_words": list(e.shared),
                "mutual": list(e.mutual),
                "reason": e.reason,
            }
            for e in suggested
        ],
        "kept": rate.kept,
        "became_ties": rate.became_ties,
        "not_now": rate.not_now,
        "rate": rate.rate,
        "arranged": [_suggestion(s) for s in arranged],
    }


@router.post(
    "/community/suggestions",
    response={201: CreatedOut},
    summary="Arrange an encounter (2–4 members from more than one field)",
)
def create_suggestion(request: HttpRequest, payload: KeepIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    members = picks(selectors.members(user), payload.member_ids, "member_ids")
    gathering = pick(Gathering.objects.all(), payload.gathering_id, "gathering_id")
    suggestion = services.keep_suggestion(
        actor=user, members=members, reason=payload.reason, gathering=gathering
    )
    return Status(201, {"id": suggestion.pk})


@router.post(
    "/community/suggestions/{suggestion_id}/tie",
    response={201: CreatedOut},
    summary="The arranged encounter became a tie",
)
def create_suggestion_tie(
    request: HttpRequest, suggestion_id: Id, payload: SuggestionTieIn
) -> Status[dict[str, Any]]:
    user = _writer(request)
    suggestion = selectors.find_suggestion(user, suggestion_id)
    a = pick(selectors.members(user), payload.a_id, "a_id")
    b = pick(selectors.members(user), payload.b_id, "b_id")
    if payload.since is None:
        raise ValidationError({"since": _("Give the day the tie began.")})
    assert a is not None and b is not None  # noqa: S101 - ids are required
    tie = services.record_tie(
        actor=user, a=a, b=b, since=payload.since, how=HowMet.SUGGESTION, suggestion=suggestion
    )
    return Status(201, {"id": tie.pk})


@router.post(
    "/community/suggestions/{suggestion_id}/decide",
    response=CreatedOut,
    summary="Not now (or open again)",
)
def decide_suggestion(request: HttpRequest, suggestion_id: Id, payload: DecideIn) -> dict[str, Any]:
    user = _writer(request)
    suggestion = selectors.find_suggestion(user, suggestion_id)
    services.decide_suggestion(actor=user, suggestion=suggestion, status=payload.status)
    return {"id": suggestion.pk}


# Figures -----------------------------------------------------------------------------------


class PeriodIn(Schema):
    since: JapaneseDate = None
    until: JapaneseDate = None


class DistrictRowOut(Schema):
    district: str
    bases: int
    places: int
    gatekeepers: int
    visits: int
    worries: int
    gatherings: int
    gatherings_by_type: dict[str, int]
    participants: int
    participants_by_field: dict[str, int]
    fields_per_gathering: float | None
    organizations: int
    new_ties: int
    new_ties_across_fields: int


class CommunityFiguresOut(Schema):
    since: dt.date
    until: dt.date
    districts: list[DistrictRowOut]
    town: DistrictRowOut


@router.get(
    "/community/figures",
    response=CommunityFiguresOut,
    summary="地域づくりの実績 (実施計画) for a period, by district: counts only",
)
def get_community_figures(request: HttpRequest, period: Query[PeriodIn]) -> dict[str, Any]:
    user = caller(request, *READERS)
    _form, since, until = fiscal_period(
        {k: v.isoformat() for k, v in period.model_dump().items() if v}
    )
    found = community_figures.community_figures(user, since, until)
    types = dict(found.types)

    def row(r: community_figures.Row) -> dict[str, Any]:
        return {
            "district": r.district,
            "bases": r.bases,
            "places": r.places,
            "gatekeepers": r.gatekeepers,
            "visits": r.visits,
            "worries": r.worries,
            "gatherings": r.gatherings,
            "gatherings_by_type": {types[pk]: n for pk, n in r.by_type.items() if pk in types},
            "participants": r.people,
            "participants_by_field": dict(r.by_field),
            "fields_per_gathering": r.fields_per_gathering,
            "organizations": r.organizations,
            "new_ties": r.ties,
            "new_ties_across_fields": r.ties_across,
        }

    return {
        "since": found.since,
        "until": found.until,
        "districts": [row(r) for r in found.rows],
        "town": row(found.total),
    }
