"""API: consents, the case team, the disclosure record, emergency access (case pages, above
sharing: STYLE.md). What is read here is what the case's 関係機関・同意・つなぎ tab shows, through
the same access: the team, the consents that name the reader (all of them for the lead), and
the 情報提供記録 for the lead alone."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import Organization, User
from tsunagu.audit.choices import LegalBasis
from tsunagu.cases import selectors as cases
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.cases.services import declare_emergency_by_number
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.sharing import selectors, services
from tsunagu.sharing.access import organization_categories
from tsunagu.sharing.choices import (
    CategoryCode,
    ConsentMethod,
    TeamRole,
    categories_from_codes,
    category_codes,
)

router = Router(tags=["sharing"])


class ConsentIn(Schema):
    categories: list[Annotated[str, Code(CategoryCode)]]
    organizations: list[int] = []
    meeting_members: bool = False
    purpose: str
    method: Annotated[str, Code(ConsentMethod)]
    witness: str = ""
    given_by: str = ""
    obtained_on: JapaneseDate = None
    expires_on: JapaneseDate = None


class WithdrawIn(Schema):
    note: str = ""


class TeamIn(Schema):
    organization_id: int
    role: Annotated[str, Code(TeamRole)] = "related"
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
    user = caller(request, *READERS)
    case = get_case_for_writer(user, case_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id, is_active=True)
    worker = get_object_or_404(User, pk=payload.worker_id) if payload.worker_id else None
    member = services.add_team_member(
        actor=user, case=case, organization=organization, role=payload.role, worker=worker
    )
    reads = organization_categories(case, organization.pk)
    missing = "" if reads else "consent"
    return Status(
        201,
        {
            "id": member.pk,
            "organization_id": organization.pk,
            "reads": category_codes(reads),
            "missing": missing,
        },
    )


Category = Annotated[str, Code(CategoryCode)]


class TeamMemberOut(Schema):
    #: The team membership's id (None for the lead organization, which is the case's own).
    id: int | None
    organization_id: int
    organization: str
    role: Annotated[str, Code(TeamRole)] | None
    is_lead: bool
    worker: str


class ConsentOut(Schema):
    id: int
    categories: list[Category]
    organization_ids: list[int]
    meeting_members: bool
    purpose: str
    method: Annotated[str, Code(ConsentMethod)]
    given_by: str
    witness: str
    obtained_on: dt.date
    expires_on: dt.date | None
    withdrawn_at: dt.datetime | None
    in_force: bool
    has_document: bool
    obtained_by: str


class DisclosureOut(Schema):
    occurred_at: dt.datetime
    organization_id: int | None
    organization: str
    read_by: str
    recipient_name: str
    categories: list[Category]
    what: str
    legal_basis: Annotated[str, Code(LegalBasis)]
    consent_ids: list[int]
    emergency_id: int | None
    meeting_id: int | None


@router.get(
    "/cases/{case_id}/team",
    response=list[TeamMemberOut],
    summary="The case team: the lead organization and the agencies on the team, whom to call",
)
def list_team(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user = caller(request, *READERS)
    access = cases.read_case(user, case_id, what=cases.CASE_API)
    case = access.case
    lead = {
        "id": None,
        "organization_id": case.lead_organization_id,
        "organization": case.lead_organization.name,
        "role": None,
        "is_lead": True,
        "worker": case.lead_worker.display_name if case.lead_worker else "",
    }
    return [lead] + [
        {
            "id": m.pk,
            "organization_id": m.organization_id,
            "organization": m.organization.name,
            "role": m.role,
            "is_lead": False,
            "worker": m.worker.display_name if m.worker else "",
        }
        for m in selectors.team_of(case)
    ]


@router.get(
    "/cases/{case_id}/consents",
    response=list[ConsentOut],
    summary="The consents: every one for the lead; for another agency those that name it",
)
def list_consents(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user = caller(request, *READERS)
    access = cases.read_case(user, case_id, what=cases.CASE_API)
    return [
        {
            "id": c.pk,
            "categories": category_codes(c.categories),
            "organization_ids": [o.pk for o in c.organizations.all()],
            "meeting_members": c.meeting_members,
            "purpose": c.purpose,
            "method": c.method,
            "given_by": c.given_by,
            "witness": c.witness,
            "obtained_on": c.obtained_on,
            "expires_on": c.expires_on,
            "withdrawn_at": c.withdrawn_at,
            "in_force": c.in_force(),
            "has_document": bool(c.document),
            "obtained_by": c.obtained_by.display_name if c.obtained_by else "",
        }
        for c in selectors.consents_of(access)
    ]


@router.get(
    "/cases/{case_id}/disclosures",
    response=Page[DisclosureOut],
    summary="情報提供記録: what reached which agency, when, on which legal basis (the lead)",
)
def list_disclosures(
    request: HttpRequest, case_id: int, filters: Query[PageFilters]
) -> dict[str, Any]:
    user = caller(request, *WRITERS, Role.MANAGER)
    case = cases.read_disclosure_record(user, case_id)
    rows, page = page_of(selectors.disclosures_of(case), filters)
    return {
        **page,
        "items": [
            {
                "occurred_at": d.occurred_at,
                "organization_id": d.organization_id,
                "organization": d.organization.name if d.organization else "",
                "read_by": d.user.display_name if d.user else "",
                "recipient_name": d.recipient_name,
                "categories": category_codes(d.categories),
                "what": d.what,
                "legal_basis": d.legal_basis,
                "consent_ids": [c.pk for c in d.consents.all()],
                "emergency_id": d.emergency_id,
                "meeting_id": d.agenda_item.meeting_id if d.agenda_item else None,
            }
            for d in rows
        ],
    }


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
