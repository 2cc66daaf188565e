"""API: つなぎ (send, move on, the inbox and the outbox)."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import field_validator

from tsunagu.accounts.access import READERS, require_casework
from tsunagu.accounts.models import Organization
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_listing
from tsunagu.cases import selectors as cases
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core.api import Code, Page, PageFilters, caller, page_of
from tsunagu.referrals import selectors, services
from tsunagu.referrals.choices import EventType, Outcome, ReferralStatus
from tsunagu.referrals.models import Referral
from tsunagu.sharing.choices import CategoryCode, categories_from_codes, category_codes
from tsunagu.sharing.models import Consent

router = Router(tags=["referrals"])


class ReferralIn(Schema):
    case_id: int
    to_organization_id: int | None = None
    to_external: str = ""
    reason: str
    categories: list[Annotated[str, Code(CategoryCode)]]
    consent_id: int | None = None
    emergency_reason: str = ""


class EventIn(Schema):
    type: Annotated[str, Code(EventType)]
    reason: str = ""
    outcome: Annotated[str, Code(Outcome)] | None = None
    note: str = ""

    @field_validator("outcome", mode="before")
    @classmethod
    def _no_outcome(cls, given: Any) -> Any:
        """ "" is no outcome, as earlier clients send it."""
        return None if given == "" else given


class ReferralOut(Schema):
    id: int
    case_id: int
    from_organization_id: int
    to_organization_id: int | None
    to_external: str
    status: Annotated[str, Code(ReferralStatus)]
    outcome: Annotated[str, Code(Outcome)] | None
    legal_basis: Annotated[str, Code(LegalBasis)]
    sent_at: dt.datetime


class ReferralEventOut(Schema):
    type: Annotated[str, Code(EventType)]
    occurred_at: dt.datetime
    by: str
    reason: str
    outcome: Annotated[str, Code(Outcome)] | None
    note: str


class ReferralDetailOut(ReferralOut):
    reason: str
    categories: list[Annotated[str, Code(CategoryCode)]]
    events: list[ReferralEventOut]


class BoxFilter(PageFilters):
    box: Literal["inbox", "outbox"] = "inbox"
    all: bool = False


def _out(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "case_id": referral.case_id,
        "from_organization_id": referral.from_organization_id,
        "to_organization_id": referral.to_organization_id,
        "to_external": referral.to_external,
        "status": referral.status,
        "outcome": referral.outcome or None,
        "legal_basis": referral.legal_basis,
        "sent_at": referral.sent_at,
    }


@router.post("/referrals", response={201: ReferralOut}, summary="Refer a case (つなぐ)")
def send(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = get_case_for_writer(user, payload.case_id)
    referral = services.send_referral(
        actor=user,
        case=case,
        reason=payload.reason,
        categories=categories_from_codes(payload.categories),
        to_organization=get_object_or_404(Organization, pk=payload.to_organization_id)
        if payload.to_organization_id
        else None,
        to_external=payload.to_external,
        consent=get_object_or_404(Consent, pk=payload.consent_id, case=case)
        if payload.consent_id
        else None,
        emergency_reason=payload.emergency_reason,
    )
    return Status(201, _out(referral))


@router.post(
    "/referrals/{referral_id}/events",
    response=ReferralOut,
    summary="Record the next step of a referral",
)
def add_event(request: HttpRequest, referral_id: int, payload: EventIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    referral = selectors.get_referral_for_user(user, referral_id)
    require_casework(user)
    step = payload.model_dump() | {"outcome": payload.outcome or ""}
    return _out(services.record_referral_event(actor=user, referral=referral, **step))


@router.get("/referrals", response=Page[ReferralOut], summary="The inbox or the outbox")
def list_referrals(request: HttpRequest, filters: Query[BoxFilter]) -> dict[str, Any]:
    user = caller(request, *READERS)
    box = selectors.outbox if filters.box == "outbox" else selectors.inbox
    referrals, page = page_of(box(user, open_only=not filters.all), filters)
    record_listing(actor=user, rows=referrals, what=selectors.REFERRALS)
    return {**page, "items": [_out(r) for r in referrals]}


@router.get(
    "/referrals/{referral_id}",
    response=ReferralDetailOut,
    summary="One referral with its steps, for its sender and its receiver",
    description="Unlike the page, reading it does not mark it received: "
    "POST an event of type received for that.",
)
def get_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    referral = selectors.read_referral(user, referral_id)
    return {
        **_out(referral),
        "reason": referral.reason,
        "categories": category_codes(referral.categories),
        "events": [
            {
                "type": e.type,
                "occurred_at": e.occurred_at,
                "by": e.user.display_name if e.user else "",
                "reason": e.reason,
                "outcome": e.outcome or None,
                "note": e.note,
            }
            for e in referral.events.select_related("user")
        ],
    }


@router.get(
    "/cases/{case_id}/referrals",
    response=list[ReferralOut],
    summary="A case's referrals: every one for the lead; for another agency those sent to it",
)
def list_case_referrals(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user = caller(request, *READERS)
    access = cases.read_case(user, case_id, what=cases.CASE_API)
    return [_out(r) for r in selectors.referrals_of(access, user)]
