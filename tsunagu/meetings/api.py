"""API: meetings, their agenda, pledges and decisions."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS, require_casework
from tsunagu.accounts.models import Organization, User
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core.api import Code, JapaneseDate, caller
from tsunagu.meetings import selectors, services
from tsunagu.meetings.choices import DecisionKind
from tsunagu.meetings.models import MeetingType
from tsunagu.sharing.choices import CategoryCode, categories_from_codes

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
