"""API: consents, the case team, emergency access (case pages, above sharing: STYLE.md)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS
from tsunagu.accounts.models import Organization, User
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.cases.services import declare_emergency_by_number
from tsunagu.core.api import JapaneseDate, caller
from tsunagu.sharing import selectors, services
from tsunagu.sharing.choices import categories_from_codes

router = Router(tags=["sharing"])


class ConsentIn(Schema):
    categories: list[str]
    organizations: list[int] = []
    meeting_members: bool = False
    purpose: str
    method: str
    witness: str = ""
    given_by: str = ""
    obtained_on: JapaneseDate = None
    expires_on: JapaneseDate = None


class WithdrawIn(Schema):
    note: str = ""


class TeamIn(Schema):
    organization_id: int
    role: str = "related"
    worker_id: int | None = None


class EmergencyIn(Schema):
    case_id: int
    reason: str


class CreatedOut(Schema):
    id: int


class TeamOut(Schema):
    id: int
    organization_id: int
    reads: list[str]
    missing: str


@router.post(
    "/cases/{case_id}/consents", response={201: CreatedOut}, summary="Record a consent (本人同意)"
)
def record_consent(
    request: HttpRequest, case_id: int, payload: ConsentIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = get_case_for_writer(user, case_id)
    data = payload.model_dump()
    consent = services.record_consent(
        actor=user,
        case=case,
        categories=categories_from_codes(data.pop("categories")),
        organizations=list(Organization.objects.filter(pk__in=data.pop("organizations"))),
        **data,
    )
    return Status(201, {"id": consent.pk})


@router.post("/consents/{consent_id}/withdraw", response=CreatedOut, summary="Withdraw a consent")
def withdraw_consent(request: HttpRequest, consent_id: int, payload: WithdrawIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    consent = selectors.get_consent_for_writer(user, consent_id)
    services.withdraw_consent(actor=user, consent=consent, note=payload.note)
    return {"id": consent.pk}


@router.post(
    "/cases/{case_id}/team", response={201: TeamOut}, summary="Add an organization to the case team"
)
def add_team_member(request: HttpRequest, case_id: int, payload: TeamIn) -> Status[dict[str, Any]]:
    from tsunagu.sharing.access import organization_categories
    from tsunagu.sharing.choices import CATEGORY_CODES

    user = caller(request, *READERS)
    case = get_case_for_writer(user, case_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id, is_active=True)
    worker = get_object_or_404(User, pk=payload.worker_id) if payload.worker_id else None
    member = services.add_team_member(
        actor=user, case=case, organization=organization, role=payload.role, worker=worker
    )
    reads = organization_categories(case, organization.pk)
    codes = [code for code, value in CATEGORY_CODES.items() if reads & value]
    missing = "" if reads else "consent"
    return Status(
        201,
        {"id": member.pk, "organization_id": organization.pk, "reads": codes, "missing": missing},
    )


class EmergencyOut(Schema):
    status: str  # "open": readable now for 24 hours; "pending": waits for a manager's approval


@router.post(
    "/emergency-access",
    response={201: EmergencyOut, 202: EmergencyOut},
    summary="Declare an emergency access (生命・身体の保護)",
    description="201 when the access opens at once (the organization has a link to the case or "
    "its person); 202 when it waits for the approval of the organization's manager. A case "
    "number that names no case is answered as 202 too.",
)
def declare_emergency(request: HttpRequest, payload: EmergencyIn) -> Status[dict[str, Any]]:
    user = caller(request, *WRITERS)
    emergency = declare_emergency_by_number(
        actor=user, case_id=payload.case_id, reason=payload.reason
    )
    if emergency is not None and emergency.approved_at is not None:
        return Status(201, {"status": "open"})
    return Status(202, {"status": "pending"})
