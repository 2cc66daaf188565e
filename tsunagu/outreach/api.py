"""API: concerns (a reporter sees only their own) and outreach targets, contacts, the day —
read as the outreach pages show them (one access: outreach.selectors), and written."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import District, User
from tsunagu.audit.services import record_listing
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.outreach import selectors, services
from tsunagu.outreach.choices import (
    ConcernStatus,
    ContactMethod,
    ContactOutcome,
    ReportedOnBehalfOf,
    Stage,
    Urgency,
)
from tsunagu.outreach.models import Concern, OutreachTarget
from tsunagu.people.selectors import find_household, find_person

router = Router(tags=["outreach"])
WORKERS = tuple(CASE_ROLES)


class ConcernIn(Schema):
    noticed: str
    on_behalf_of: Annotated[str, Code(ReportedOnBehalfOf)] = "minsei_iin"
    place: str = ""
    district_id: int | None = None
    urgency: Annotated[str, Code(Urgency)] = "normal"
    reporter_contact: str = ""
    noticed_on: JapaneseDate = None


class ConcernOut(Schema):
    id: int
    noticed: str
    place: str
    status: Annotated[str, Code(ConcernStatus)]
    created_at: dt.datetime


class ConcernDetailOut(ConcernOut):
    on_behalf_of: Annotated[str, Code(ReportedOnBehalfOf)]
    urgency: Annotated[str, Code(Urgency)]
    district_id: int | None
    noticed_on: dt.date | None
    reporter_contact: str
    #: Why the outreach team closed it: its own words, often of the person (the team's only;
    #: the reporter learns that it was received and closed, as on the page).
    closed_reason: str | None


class TargetIn(Schema):
    label: str = ""
    concern_id: int | None = None
    person_id: int | None = None
    household_id: int | None = None
    place: str = ""
    district_id: int | None = None
    cadence_days: int = 14
    next_contact_on: JapaneseDate = None
    trusted: str = ""
    worker_id: int | None = None


class TargetOut(Schema):
    id: int
    label: str
    stage: Annotated[str, Code(Stage)]
    next_contact_on: dt.date
    worker_id: int
    place: str


class ContactOut(Schema):
    id: int
    occurred_at: dt.datetime
    method: Annotated[str, Code(ContactMethod)]
    outcome: Annotated[str, Code(ContactOutcome)]
    observed: str
    via: str
    next_step: str
    worker: str
    corrected: bool


class TargetDetailOut(TargetOut):
    district_id: int | None
    cadence_days: int
    trusted: str
    last_contact_at: dt.datetime | None
    person_id: int | None
    household_id: int | None
    concern_id: int | None
    case_id: int | None
    contacts: list[ContactOut]


class TargetFilters(PageFilters):
    stage: Annotated[str, Code(Stage)] | None = None
    mine: bool = False


class ContactIn(Schema):
    method: Annotated[str, Code(ContactMethod)]
    outcome: Annotated[str, Code(ContactOutcome)]
    occurred_at: dt.datetime | None = None
    observed: str = ""
    via: str = ""
    next_step: str = ""


class TargetCorrectionIn(Schema):
    """What a correction of a target changes (the fields left out stay), and why."""

    reason: str = ""
    label: str | None = None
    place: str | None = None
    district_id: int | None = None
    cadence_days: int | None = None
    next_contact_on: JapaneseDate = None
    trusted: str | None = None


class ContactCorrectionIn(Schema):
    """What a correction of a contact attempt changes, and why (required)."""

    reason: str
    occurred_at: dt.datetime | None = None
    method: Annotated[str, Code(ContactMethod)] | None = None
    via: str | None = None
    outcome: Annotated[str, Code(ContactOutcome)] | None = None
    observed: str | None = None
    next_step: str | None = None


class CreatedOut(Schema):
    id: int


def _concern(concern: Concern) -> dict[str, Any]:
    return {
        "id": concern.pk,
        "noticed": concern.noticed,
        "place": concern.place,
        "status": concern.status,
        "created_at": concern.created_at,
    }


def _target(target: OutreachTarget) -> dict[str, Any]:
    return {
        "id": target.pk,
        "label": target.label,
        "stage": target.stage,
        "next_contact_on": target.next_contact_on,
        "worker_id": target.worker_id,
        "place": target.place,
    }


@router.post("/concerns", response={201: ConcernOut}, summary="Report a concern (気になる人・世帯)")
def report(request: HttpRequest, payload: ConcernIn) -> Status[dict[str, Any]]:
    user = caller(request, Role.REPORTER, *CASE_ROLES)
    data = payload.model_dump()
    district_id = data.pop("district_id")
    concern = services.report_concern(
        actor=user,
        district=get_object_or_404(District, pk=district_id) if district_id else None,
        **data,
    )
    return Status(201, _concern(concern))


@router.get(
    "/concerns", response=Page[ConcernOut], summary="My reports (a reporter), or the triage queue"
)
def list_concerns(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    user = caller(request, Role.REPORTER, *CASE_ROLES)
    concerns = (
        selectors.concern_queue(user)
        if user.has_role(*selectors.TRIAGERS)
        else selectors.my_concerns(user)
    )
    shown, page = page_of(concerns, filters)
    record_listing(actor=user, rows=shown, what=selectors.CONCERNS)
    return {**page, "items": [_concern(c) for c in shown]}


@router.get(
    "/concerns/{concern_id}",
    response=ConcernDetailOut,
    summary="One concern: its reporter's own, or any for the outreach team's triage",
)
def get_concern(request: HttpRequest, concern_id: int) -> dict[str, Any]:
    user = caller(request, Role.REPORTER, *CASE_ROLES)
    concern = selectors.read_concern(user, concern_id)
    return {
        **_concern(concern),
        "on_behalf_of": concern.on_behalf_of,
        "urgency": concern.urgency,
        "district_id": concern.district_id,
        "noticed_on": concern.noticed_on,
        "reporter_contact": concern.reporter_contact,
        "closed_reason": concern.closed_reason if user.has_role(*selectors.TRIAGERS) else None,
    }


@router.post("/outreach/targets", response={201: TargetOut}, summary="Start an outreach")
def open_target(request: HttpRequest, payload: TargetIn) -> Status[dict[str, Any]]:
    user = caller(request, *WORKERS)
    data = payload.model_dump()
    target = services.open_target(
        actor=user,
        label=data["label"],
        concern=get_object_or_404(
            selectors.concern_queue(user, open_only=False), pk=data["concern_id"]
        )
        if data["concern_id"]
        else None,
        person=find_person(user, data["person_id"]) if data["person_id"] else None,
        household=find_household(user, data["household_id"]) if data["household_id"] else None,
        place=data["place"],
        district=get_object_or_404(District, pk=data["district_id"])
        if data["district_id"]
        else None,
        cadence_days=data["cadence_days"],
        next_contact_on=data["next_contact_on"],
        trusted=data["trusted"],
        worker=get_object_or_404(User, pk=data["worker_id"]) if data["worker_id"] else None,
    )
    return Status(201, _target(target))


@router.post(
    "/outreach/targets/{target_id}/contacts",
    response={201: CreatedOut},
    summary="Record a contact attempt",
)
def record_contact(
    request: HttpRequest, target_id: int, payload: ContactIn
) -> Status[dict[str, Any]]:
    user = caller(request, *WORKERS)
    target = selectors.get_target_for_user(user, target_id)
    contact = services.record_contact(actor=user, target=target, **payload.model_dump())
    return Status(201, {"id": contact.pk})


@router.patch(
    "/outreach/targets/{target_id}",
    response=TargetOut,
    summary="Correct an outreach target (記録の訂正: the earlier version is kept)",
)
def correct_target(
    request: HttpRequest, target_id: int, payload: TargetCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *WORKERS)
    target = selectors.find_target(user, target_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    if "district_id" in changes:
        district_id = changes.pop("district_id")
        changes["district"] = get_object_or_404(District, pk=district_id) if district_id else None
    services.correct_target(actor=user, target=target, reason=payload.reason, **changes)
    return _target(selectors.get_target_for_user(user, target_id))  # what it shows: a read


@router.patch(
    "/outreach/targets/{target_id}/contacts/{contact_id}",
    response=CreatedOut,
    summary="Correct a contact attempt (the reason is required; the earlier version is kept)",
)
def correct_contact(
    request: HttpRequest, target_id: int, contact_id: int, payload: ContactCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *WORKERS)
    contact = selectors.contact_of(selectors.find_target(user, target_id), contact_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    services.correct_contact(actor=user, contact=contact, reason=payload.reason, **changes)
    return {"id": contact.pk}


@router.get(
    "/outreach/due", response=Page[TargetOut], summary="The worker's due and overdue targets"
)
def due(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    user = caller(request, *WORKERS)
    targets, page = page_of(selectors.due_targets(user), filters)
    record_listing(actor=user, rows=targets, what=selectors.TARGETS)
    return {**page, "items": [_target(t) for t in targets]}


@router.get(
    "/outreach/targets",
    response=Page[TargetOut],
    summary="The outreach targets of the caller's agency (its own worker's with mine=true)",
)
def list_targets(request: HttpRequest, filters: Query[TargetFilters]) -> dict[str, Any]:
    user = caller(request, *WORKERS)
    targets = selectors.targets_of(user).order_by("next_contact_on", "pk")
    if filters.stage:
        targets = targets.filter(stage=filters.stage)
    if filters.mine:
        targets = targets.filter(worker=user)
    rows, page = page_of(targets, filters)
    record_listing(actor=user, rows=rows, what=selectors.TARGETS)
    return {**page, "items": [_target(t) for t in rows]}


@router.get(
    "/outreach/targets/{target_id}",
    response=TargetDetailOut,
    summary="One outreach target with its contact attempts, newest first",
)
def get_target(request: HttpRequest, target_id: int) -> dict[str, Any]:
    user = caller(request, *WORKERS)
    target = selectors.get_target_for_user(user, target_id)
    contacts, corrections = selectors.contact_history(target, user.date_style)
    return {
        **_target(target),
        "district_id": target.district_id,
        "cadence_days": target.cadence_days,
        "trusted": target.trusted,
        "last_contact_at": target.last_contact_at,
        "person_id": target.person_id,
        "household_id": target.household_id,
        "concern_id": target.concern_id,
        "case_id": target.case_id,
        "contacts": [
            {
                "id": c.pk,
                "occurred_at": c.occurred_at,
                "method": c.method,
                "outcome": c.outcome,
                "observed": c.observed,
                "via": c.via,
                "next_step": c.next_step,
                "worker": c.worker.display_name if c.worker else "",
                "corrected": c.pk in corrections,
            }
            for c in contacts
        ],
    }
