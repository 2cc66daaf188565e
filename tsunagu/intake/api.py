"""API: consultations (相談受付)."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS, require_casework
from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.audit.services import record_listing
from tsunagu.core.api import Code, Page, PageFilters, caller, page_of
from tsunagu.intake import services
from tsunagu.intake.choices import (
    Channel,
    ConsentToShare,
    ConsultedBy,
    Disposition,
    RiskFlag,
    Urgency,
)
from tsunagu.intake.models import Consultation
from tsunagu.intake.selectors import (
    checklist_from_codes,
    choosable_issues,
    consultation_list,
    find_consultation,
    get_consultation_for_user,
    issues_by_code,
    issues_of,
)
from tsunagu.people.selectors import find_person

router = Router(tags=["consultations"])
CONSULTATIONS_API = gettext_lazy("Consultations (API)")


class ConsultationIn(Schema):
    main_concern: str
    person_id: int | None = None
    received_at: dt.datetime | None = None
    channel: Annotated[str, Code(Channel)] = "phone"
    consulted_by: Annotated[str, Code(ConsultedBy)] = "self"
    consulted_by_relationship: str = ""
    issues: list[str] = []
    main_issue: str | None = None
    urgency: Annotated[str, Code(Urgency)] = "normal"
    risk_flags: list[Annotated[str, Code(RiskFlag)]] = []
    consent_to_share: Annotated[str, Code(ConsentToShare)] = "unknown"
    disposition: Annotated[str, Code(Disposition)] = "pending"


class ConsultationOut(Schema):
    id: int
    received_at: dt.datetime
    person_id: int | None
    main_concern: str
    issues: list[str]
    risk_flags: list[Annotated[str, Code(RiskFlag)]]
    disposition: Annotated[str, Code(Disposition)]
    urgent: bool
    first_response_at: dt.datetime | None
    first_response: str


class ConsultationCorrectionIn(Schema):
    """What a correction changes (the fields left out stay as they are), and why."""

    reason: str = ""
    main_concern: str | None = None
    received_at: dt.datetime | None = None
    channel: Annotated[str, Code(Channel)] | None = None
    consulted_by: Annotated[str, Code(ConsultedBy)] | None = None
    consulted_by_relationship: str | None = None
    consulted_by_name: str | None = None
    consulted_by_contact: str | None = None
    urgency: Annotated[str, Code(Urgency)] | None = None
    consent_to_share: Annotated[str, Code(ConsentToShare)] | None = None
    issues: list[str] | None = None
    main_issue: str | None = None
    risk_flags: list[Annotated[str, Code(RiskFlag)]] | None = None


class FirstResponseIn(Schema):
    first_response: str


def _out(consultation: Consultation) -> dict[str, Any]:
    return {
        "id": consultation.pk,
        "received_at": consultation.received_at,
        "person_id": consultation.person_id,
        "main_concern": consultation.main_concern,
        "issues": sorted(issue.code for issue, _main in issues_of(consultation)),
        "risk_flags": consultation.risk_flags.split(),
        "disposition": consultation.disposition,
        "urgent": consultation.is_urgent,
        "first_response_at": consultation.first_response_at,
        "first_response": consultation.first_response,
    }


class ConsultationFilters(PageFilters):
    urgency: Annotated[str, Code(Urgency)] | None = None
    disposition: Annotated[str, Code(Disposition)] | None = None
    unanswered: bool = False  # urgent, no first response yet
    anonymous: bool = False


@router.get(
    "/consultations",
    response=Page[ConsultationOut],
    summary="Consultations, newest first, filtered as the list page filters them",
)
def list_consultations(request: HttpRequest, filters: Query[ConsultationFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    data = filters.model_dump(exclude={"limit", "offset"})
    rows, page = page_of(consultation_list(user, data), filters)
    record_listing(actor=user, rows=rows, what=CONSULTATIONS_API)
    return {**page, "items": [_out(c) for c in rows]}


@router.get("/consultations/{consultation_id}", response=ConsultationOut)
def get_consultation(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    return _out(get_consultation_for_user(caller(request, *READERS), consultation_id))


@router.post(
    "/consultations",
    response={201: ConsultationOut},
    summary="Record a consultation (only main_concern is required)",
)
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[dict[str, Any]]:
    user = caller(request, *CASE_ROLES)
    data = payload.model_dump()
    person_id = data.pop("person_id")  # none: an anonymous consultation (断らない相談)
    person = find_person(user, person_id) if person_id else None
    codes = set(data.pop("issues")) | ({payload.main_issue} if payload.main_issue else set())
    issues = issues_by_code(codes, choosable_issues())
    main = data.pop("main_issue")
    consultation = services.record_consultation(
        actor=user,
        person=person,
        main_concern=data.pop("main_concern"),
        received_at=data.pop("received_at"),
        issues=[issues[c] for c in payload.issues],
        main_issue=issues.get(main) if main else None,
        risk_flags=data.pop("risk_flags"),
        **data,
    )
    return Status(201, _out(consultation))


@router.patch(
    "/consultations/{consultation_id}",
    response=ConsultationOut,
    summary="Correct or complete a consultation (記録の訂正: the earlier version is kept)",
)
def correct_consultation(
    request: HttpRequest, consultation_id: int, payload: ConsultationCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    consultation = find_consultation(user, consultation_id)
    require_casework(user, within=[consultation.organization_id])
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    changes = checklist_from_codes(changes, consultation)
    consultation = services.correct_consultation(
        actor=user, consultation=consultation, reason=payload.reason, **changes
    )
    return _out(consultation)


@router.post(
    "/consultations/{consultation_id}/first-response",
    response=ConsultationOut,
    summary="Record the first response to an urgent consultation (初動対応)",
)
def record_first_response(
    request: HttpRequest, consultation_id: int, payload: FirstResponseIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    consultation = find_consultation(user, consultation_id)
    require_casework(user, within=[consultation.organization_id])
    consultation = services.record_first_response(
        actor=user, consultation=consultation, text=payload.first_response
    )
    return _out(consultation)
