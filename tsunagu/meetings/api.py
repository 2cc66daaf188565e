"""API: meetings, their agenda, material, pledges, decisions and minutes — read as the meeting's
page shows them to the caller (one access: meetings.selectors), and written."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS, require_casework
from tsunagu.accounts.models import Organization, User
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.meetings import selectors, services
from tsunagu.meetings.choices import DecisionKind
from tsunagu.meetings.models import Meeting, MeetingType
from tsunagu.sharing.choices import CategoryCode, categories_from_codes, category_codes

router = Router(tags=["meetings"])


class AttendeeIn(Schema):
    organization_id: int
    user_id: int | None = None


class MeetingIn(Schema):
    type_id: int
    held_at: dt.datetime
    place: str = ""
    title: str = ""
    attendees: list[AttendeeIn] = []


class AgendaIn(Schema):
    case_id: int
    material: str
    categories: list[Annotated[str, Code(CategoryCode)]]


class RoleIn(Schema):
    organization_id: int
    user_id: int | None = None
    description: str
    due_on: JapaneseDate


class DecisionIn(Schema):
    item_id: int
    kind: Annotated[str, Code(DecisionKind)]
    text: str
    roles: list[RoleIn] = []
    support_decided_on: JapaneseDate = None


class CreatedOut(Schema):
    id: int


class MeetingCorrectionIn(Schema):
    """What a correction of the meeting's facts changes (the fields left out stay), and why."""

    reason: str = ""
    held_at: dt.datetime | None = None
    place: str | None = None
    title: str | None = None


Category = Annotated[str, Code(CategoryCode)]


class MeetingOut(Schema):
    id: int
    type_id: int
    type: str
    #: A 支援会議 (社会福祉法106条の6): the material only for attendees who signed the pledge.
    statutory_confidentiality: bool
    title: str
    held_at: dt.datetime
    place: str
    organization_id: int


class AttendeeOut(Schema):
    organization_id: int
    organization: str
    user_id: int | None
    name: str
    pledged_at: dt.datetime | None


class RoleOut(Schema):
    organization_id: int
    user_id: int | None
    description: str
    due_on: dt.date
    task_id: int


class DecisionOut(Schema):
    id: int
    kind: Annotated[str, Code(DecisionKind)]
    text: str
    roles: list[RoleOut]


class AgendaItemOut(Schema):
    id: int
    case_id: int
    #: The case's name where its material is open to the caller, its number otherwise.
    title: str
    #: Whether the material, the discussion and the decisions are open to the caller.
    readable: bool
    categories: list[Category]
    discussion: str | None
    decisions: list[DecisionOut]


class MeetingDetailOut(MeetingOut):
    attendees: list[AttendeeOut]
    agenda: list[AgendaItemOut]
    #: The minutes (全体), or null where they are not open to the caller.
    minutes: str | None


class MaterialOut(Schema):
    item_id: int
    case_id: int
    material: str
    categories: list[Category]
    prepared_by: str


class MeetingFilters(PageFilters):
    when: Literal["upcoming", "past", "all"] = "all"


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "type_id": meeting.type_id,
        "type": meeting.type.name,
        "statutory_confidentiality": meeting.type.statutory_confidentiality,
        "title": meeting.title,
        "held_at": meeting.held_at,
        "place": meeting.place,
        "organization_id": meeting.organization_id,
    }


@router.get(
    "/meetings",
    response=Page[MeetingOut],
    summary="The meetings the caller's organization convenes or attends",
)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    meetings = selectors.meetings_for(user)
    now = timezone.now()
    if filters.when == "upcoming":
        meetings = meetings.filter(held_at__gte=now).order_by("held_at", "pk")
    elif filters.when == "past":
        meetings = meetings.filter(held_at__lt=now).order_by("-held_at", "-pk")
    else:
        meetings = meetings.order_by("-held_at", "-pk")
    # The meetings list names no case (as the page): it is not audited.
    rows, page = page_of(meetings, filters)
    return {**page, "items": [_meeting(m) for m in rows]}


@router.get(
    "/meetings/{meeting_id}",
    response=MeetingDetailOut,
    summary="One meeting as its page shows it to the caller: agenda, decisions, minutes",
)
def get_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    record = selectors.read_meeting(user, meeting_id)
    meeting = record.meeting
    return {
        **_meeting(meeting),
        "attendees": [
            {
                "organization_id": a.organization_id,
                "organization": a.organization.name,
                "user_id": a.user_id,
                "name": a.user.display_name if a.user else "",
                "pledged_at": a.pledged_at,
            }
            for a in meeting.attendees.select_related("organization", "user")
        ],
        "agenda": [
            {
                "id": row["item"].pk,
                "case_id": row["item"].case_id,
                "title": str(row["title"]),
                "readable": row["readable"],
                # What kinds of material an item holds is itself told only where it is open.
                "categories": category_codes(row["item"].categories) if row["readable"] else [],
                "discussion": row["item"].discussion if row["readable"] else None,
                "decisions": [
                    {
                        "id": d.pk,
                        "kind": d.kind,
                        "text": d.text,
                        "roles": [
                            {
                                "organization_id": r.organization_id,
                                "user_id": r.user_id,
                                "description": r.description,
                                "due_on": r.due_on,
                                "task_id": r.task_id,
                            }
                            for r in d.roles.all()
                        ],
                    }
                    for d in row["decisions"]
                ],
            }
            for row in record.items
        ],
        "minutes": record.minutes,
    }


@router.get(
    "/meetings/{meeting_id}/items/{item_id}",
    response=MaterialOut,
    summary="An agenda item's material (the lead, a pledged 支援会議 attendee, or by consent)",
)
def get_material(request: HttpRequest, meeting_id: int, item_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    item, _access = selectors.read_material_of(user, meeting_id, item_id)
    return {
        "item_id": item.pk,
        "case_id": item.case_id,
        "material": item.material,
        "categories": category_codes(item.categories),
        "prepared_by": item.prepared_by.display_name,
    }


@router.post("/meetings", response={201: CreatedOut}, summary="Convene a meeting")
def convene(request: HttpRequest, payload: MeetingIn) -> Status[dict[str, Any]]:
    user = caller(request, *WRITERS)
    attendees = [
        (
            get_object_or_404(Organization, pk=a.organization_id),
            get_object_or_404(User, pk=a.user_id) if a.user_id else None,
        )
        for a in payload.attendees
    ]
    meeting = services.convene_meeting(
        actor=user,
        type=get_object_or_404(MeetingType, pk=payload.type_id),
        held_at=payload.held_at,
        place=payload.place,
        title=payload.title,
        attendees=attendees,
    )
    return Status(201, {"id": meeting.pk})


@router.patch(
    "/meetings/{meeting_id}",
    response=CreatedOut,
    summary="Correct a meeting's date, place or title (the earlier version is kept)",
)
def correct_meeting(
    request: HttpRequest, meeting_id: int, payload: MeetingCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    meeting = selectors.get_meeting_for_user(user, meeting_id)
    require_casework(user)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    services.correct_meeting(actor=user, meeting=meeting, reason=payload.reason, **changes)
    return {"id": meeting.pk}


@router.post(
    "/meetings/{meeting_id}/agenda", response={201: CreatedOut}, summary="Put a case on the agenda"
)
def add_agenda(request: HttpRequest, meeting_id: int, payload: AgendaIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    meeting = selectors.get_meeting_for_user(user, meeting_id)
    require_casework(user)
    item = services.add_to_agenda(
        actor=user,
        meeting=meeting,
        case=get_case_for_writer(user, payload.case_id),
        material=payload.material,
        categories=categories_from_codes(payload.categories),
    )
    return Status(201, {"id": item.pk})


@router.post(
    "/meetings/{meeting_id}/pledges",
    response={201: CreatedOut},
    summary="Sign the pledge of confidentiality (支援会議)",
)
def pledge(request: HttpRequest, meeting_id: int) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    meeting = selectors.get_meeting_for_user(user, meeting_id)
    require_casework(user)
    return Status(201, {"id": services.sign_pledge(actor=user, meeting=meeting).pk})


@router.post(
    "/meetings/{meeting_id}/decisions", response={201: CreatedOut}, summary="Record a decision"
)
def decide(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    meeting = selectors.get_meeting_for_user(user, meeting_id)
    item = get_object_or_404(meeting.agenda.select_related("case"), pk=payload.item_id)
    require_casework(user)
    roles = [
        {
            "organization": get_object_or_404(Organization, pk=r.organization_id),
            "user": get_object_or_404(User, pk=r.user_id) if r.user_id else None,
            "description": r.description,
            "due_on": r.due_on,
        }
        for r in payload.roles
    ]
    decision = services.record_decision(
        actor=user,
        item=item,
        kind=payload.kind,
        text=payload.text,
        roles=roles,
        support_decided_on=payload.support_decided_on,
    )
    return Status(201, {"id": decision.pk})
