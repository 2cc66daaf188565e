"""API: cases, notes, assessments, plans, evaluations, closure, the standard sheets."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS, WRITERS
from tsunagu.accounts.models import Organization, User
from tsunagu.cases import documents, selectors, services
from tsunagu.cases.choices import CaseStatus, NoteMethod
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, file_download, page_of
from tsunagu.core.documents import pdf_response, render_pdf
from tsunagu.intake.choices import RiskFlag
from tsunagu.intake.models import Issue
from tsunagu.intake.selectors import (
    checklist_from_codes,
    choosable_issues,
    get_consultation_for_user,
    issues_by_code,
)
from tsunagu.people.selectors import get_household_for_user, get_person_for_user
from tsunagu.plans import services as plans
from tsunagu.plans.choices import Attainment, NextDirection
from tsunagu.plans.selectors import latest_plan
from tsunagu.sharing.access import CaseView, case_access
from tsunagu.sharing.choices import CategoryCode, InfoCategory, categories_from_codes

router = Router(tags=["cases"])


class CaseIn(Schema):
    person_id: int | None = None
    household_id: int | None = None
    consultation_id: int | None = None
    title: str = ""
    issues: list[str] = []
    main_issue: str | None = None
    risk_flags: list[Annotated[str, Code(RiskFlag)]] = []
    opened_on: JapaneseDate = None
    #: The person (or household) has an open case already, and a second one is meant.
    second_case: bool = False


class CaseOut(Schema):
    id: int
    title: str
    person_id: int | None
    household_id: int | None
    status: Annotated[str, Code(CaseStatus)]
    lead_organization_id: int
    lead_worker_id: int
    opened_on: dt.date
    closed_on: dt.date | None
    issues: list[str]
    risk_flags: list[Annotated[str, Code(RiskFlag)]]


class CaseCorrectionIn(Schema):
    """What a correction of the case's facts changes (the fields left out stay), and why."""

    reason: str = ""
    title: str | None = None
    opened_on: JapaneseDate = None
    support_decided_on: JapaneseDate = None
    issues: list[str] | None = None
    main_issue: str | None = None
    risk_flags: list[Annotated[str, Code(RiskFlag)]] | None = None


class CaseFilters(PageFilters):
    status: Annotated[str, Code(CaseStatus)] | None = None
    issue: str | None = None
    district: int | None = None
    risk: Annotated[str, Code(RiskFlag)] | None = None
    worker: int | None = None
    include_closed: bool = False


class NoteIn(Schema):
    body: str
    method: Annotated[str, Code(NoteMethod)] = "meeting"
    occurred_at: dt.datetime | None = None
    with_whom: str = ""
    next_action: str = ""
    next_action_on: JapaneseDate = None
    categories: list[Annotated[str, Code(CategoryCode)]] = ["history"]


class NoteCorrectionIn(Schema):
    """What a correction changes (the fields left out stay as they are), and why."""

    reason: str
    body: str | None = None
    method: Annotated[str, Code(NoteMethod)] | None = None
    occurred_at: dt.datetime | None = None
    with_whom: str | None = None
    categories: list[Annotated[str, Code(CategoryCode)]] | None = None


class CreatedOut(Schema):
    id: int


class AssessmentIn(Schema):
    assessed_on: JapaneseDate = None
    health: str = ""
    housing: str = ""
    income: str = ""
    work: str = ""
    family: str = ""
    social: str = ""
    history: str = ""
    wishes_strengths: str = ""
    summary: str = ""


class ActionIn(Schema):
    description: str
    responsible_organization_id: int | None = None
    responsible_worker_id: int | None = None
    due_on: JapaneseDate = None


class PlanIn(Schema):
    persons_wishes: str
    goals: list[str]
    actions: list[ActionIn] = []
    long_term_goal: str = ""
    period_start: JapaneseDate = None
    period_end: JapaneseDate = None
    next_review_on: JapaneseDate = None
    categories: list[Annotated[str, Code(CategoryCode)]] = ["welfare", "history"]
    employment_support: bool = False


class AttainmentIn(Schema):
    goal_id: int
    attainment: Annotated[str, Code(Attainment)]
    comment: str = ""


class EvaluationIn(Schema):
    attainments: list[AttainmentIn]
    next_direction: Annotated[str, Code(NextDirection)]
    persons_change: str = ""
    comment: str = ""
    evaluated_on: JapaneseDate = None
    found_work: bool = False
    income_rose: bool = False


class CloseIn(Schema):
    reason: str
    note: str = ""
    closed_on: JapaneseDate = None
    keeps_in_touch_id: int | None = None
    check_in_months: list[int] = []


def _out(view: CaseView, issues: list[str]) -> dict[str, Any]:
    """A case as its card (or the full access) lets the reader see it: the name, the person
    and household, the issues and the risk flags only where their categories are open."""
    case = view.case
    return {
        "id": case.pk,
        "title": view.title,
        "person_id": case.person_id if view.sees_family else None,
        "household_id": case.household_id if view.sees_family else None,
        "status": case.status,
        "lead_organization_id": case.lead_organization_id,
        "lead_worker_id": case.lead_worker_id,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "issues": issues if view.sees_history else [],
        "risk_flags": view.risk_flags,
    }


def _detail(access: CaseView) -> dict[str, Any]:
    return _out(access, [issue.code for issue, _main in selectors.issues_of(access)])


def _read(user: User, case_id: int) -> dict[str, Any]:
    """One case as the API shows it, audited, and a disclosure of what it showed."""
    access = selectors.read_case(user, case_id, what=selectors.CASE_API)
    out = _detail(access)
    selectors.disclose(
        user, access, selectors.CASE_API, InfoCategory.HISTORY if out["issues"] else 0
    )
    return out


@router.post("/cases", response={201: CaseOut}, summary="Open a case (ケース化)")
def create_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    user = caller(request, *WRITERS)
    codes = set(payload.issues) | ({payload.main_issue} if payload.main_issue else set())
    issues = issues_by_code(codes, choosable_issues())
    case = services.open_case(
        actor=user,
        second_case=payload.second_case,
        title=payload.title,
        risk_flags=payload.risk_flags,
        person=get_person_for_user(user, payload.person_id) if payload.person_id else None,
        household=(
            get_household_for_user(user, payload.household_id) if payload.household_id else None
        ),
        consultation=(
            get_consultation_for_user(user, payload.consultation_id)
            if payload.consultation_id
            else None
        ),
        issues=[issues[c] for c in payload.issues] or None,
        main_issue=issues.get(payload.main_issue or ""),
        opened_on=payload.opened_on,
    )
    return Status(201, _detail(case_access(user, case)))


@router.get("/cases", response=Page[CaseOut], summary="The caseload, filtered")
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    data = filters.model_dump(exclude={"limit", "offset"})
    if data.get("issue"):
        data["issue"] = Issue.objects.filter(code=data["issue"]).first()
    wanted = {k: v for k, v in data.items() if v}
    cases, page = page_of(selectors.caseload(user, wanted), filters)
    cards = selectors.read_caseload(user, cases, what=selectors.CASELOAD_API)
    prefetch_related_objects([c for c in cases if cards[c.pk].sees_history], "issues")
    return {
        **page,
        "items": [_out(cards[case.pk], [i.code for i in case.issues.all()]) for case in cases],
    }


@router.get("/cases/{case_id}", response=CaseOut)
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _read(caller(request, *READERS), case_id)


@router.patch(
    "/cases/{case_id}",
    response=CaseOut,
    summary="Correct the case's facts (記録の訂正: the earlier version is kept)",
)
def correct_case(request: HttpRequest, case_id: int, payload: CaseCorrectionIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    changes = checklist_from_codes(changes, case)
    services.correct_case(actor=user, case=case, reason=payload.reason, **changes)
    return _read(user, case_id)  # what the answer shows is a read, audited as GET is


@router.post("/cases/{case_id}/notes", response={201: CreatedOut}, summary="Write a progress note")
def add_note(request: HttpRequest, case_id: int, payload: NoteIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    data = payload.model_dump()
    data["categories"] = categories_from_codes(data["categories"])
    note = services.add_progress_note(actor=user, case=case, **data)
    return Status(201, {"id": note.pk})


@router.patch(
    "/cases/{case_id}/notes/{note_id}",
    response=CreatedOut,
    summary="Correct a progress note (記録の訂正: the earlier version is kept)",
)
def correct_note(
    request: HttpRequest, case_id: int, note_id: int, payload: NoteCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    note = selectors.note_of_case(case, note_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    if "categories" in changes:
        changes["categories"] = categories_from_codes(changes["categories"] or [])
    services.correct_progress_note(actor=user, note=note, reason=payload.reason, **changes)
    return {"id": note.pk}


@router.post("/cases/{case_id}/assessments", response={201: CreatedOut})
def add_assessment(
    request: HttpRequest, case_id: int, payload: AssessmentIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    return Status(
        201, {"id": plans.record_assessment(actor=user, case=case, **payload.model_dump()).pk}
    )


@router.post("/cases/{case_id}/plans", response={201: CreatedOut})
def add_plan(request: HttpRequest, case_id: int, payload: PlanIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    data = payload.model_dump()
    data["categories"] = categories_from_codes(data["categories"])
    actions = [
        {
            "description": a["description"],
            "due_on": a["due_on"],
            "responsible_organization": Organization.objects.filter(
                pk=a["responsible_organization_id"]
            ).first()
            if a["responsible_organization_id"]
            else None,
            "responsible_worker": User.objects.filter(pk=a["responsible_worker_id"]).first()
            if a["responsible_worker_id"]
            else None,
        }
        for a in data.pop("actions")
    ]
    plan = plans.record_support_plan(actor=user, case=case, actions=actions, **data)
    return Status(201, {"id": plan.pk})


@router.post("/cases/{case_id}/evaluations", response={201: CreatedOut})
def add_evaluation(
    request: HttpRequest, case_id: int, payload: EvaluationIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    plan = latest_plan(case_access(user, case))
    if plan is None:
        raise Http404
    evaluation = plans.record_evaluation(
        actor=user,
        case=case,
        plan=plan,
        next_direction=payload.next_direction,
        attainments={a.goal_id: (a.attainment, a.comment) for a in payload.attainments},
        persons_change=payload.persons_change,
        comment=payload.comment,
        evaluated_on=payload.evaluated_on,
        found_work=payload.found_work,
        income_rose=payload.income_rose,
    )
    return Status(201, {"id": evaluation.pk})


@router.post("/cases/{case_id}/close", response=CaseOut, summary="Close the case (終結)")
def close(request: HttpRequest, case_id: int, payload: CloseIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    case = selectors.get_case_for_writer(user, case_id)
    keeper = (
        User.objects.filter(
            pk=payload.keeps_in_touch_id, memberships__organization=case.lead_organization
        ).first()
        if payload.keeps_in_touch_id
        else None
    )
    case = services.close_case(
        actor=user,
        case=case,
        reason=payload.reason,
        note=payload.note,
        closed_on=payload.closed_on,
        lead_worker=keeper,
        check_in_months=payload.check_in_months,
    )
    return _detail(case_access(user, case))


@router.get(
    "/cases/{case_id}/forms/{name}.pdf",
    summary="A standard sheet as PDF",
    response={200: None},
    openapi_extra=file_download("application/pdf", "The sheet, A4 PDF"),
)
def case_form(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    user = caller(request, *READERS)
    access = selectors.access_case(user, case_id)
    template, context = documents.case_form(user, access, name, api=True)
    return pdf_response(render_pdf(request, template, context), f"case-{case_id}-{name}.pdf")
