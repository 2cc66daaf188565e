"""API: reading a case's record — its notes, assessments, plans (with their goal and action
ids, so that a client can evaluate the plan it made), evaluations, attachments and tasks —
through the same access and audit as the case's tabs: the read is audited, and what another
agency was shown is one 情報提供記録 naming the categories of the rows it got."""

import datetime as dt
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from ninja import Query, Schema

from tsunagu.accounts.access import READERS
from tsunagu.audit.services import record_listing
from tsunagu.cases import selectors
from tsunagu.cases.api import router as cases_router
from tsunagu.cases.choices import NoteMethod
from tsunagu.core.api import (
    Code,
    JapaneseDate,
    Page,
    PageFilters,
    caller,
    file_download,
    page_of,
)
from tsunagu.core.http import download
from tsunagu.plans import selectors as plans
from tsunagu.plans.choices import AREA_CATEGORIES, ASSESSMENT_AREAS, Attainment, NextDirection
from tsunagu.sharing.access import CaseAccess
from tsunagu.sharing.choices import CategoryCode, category_codes

# The paths are the case's (POST /cases/{id}/notes writes, GET reads): one router holds both.
router = cases_router

Category = Annotated[str, Code(CategoryCode)]


class NoteOut(Schema):
    id: int
    occurred_at: dt.datetime
    method: Annotated[str, Code(NoteMethod)]
    with_whom: str
    body: str
    categories: list[Category]
    author: str
    organization_id: int


class AreaOut(Schema):
    area: str
    text: str


class AssessmentOut(Schema):
    id: int
    version: int
    assessed_on: dt.date
    author: str
    areas: list[AreaOut]
    #: The areas outside the reader's consent (shown to the lead agency only in full).
    withheld: list[str]


class GoalOut(Schema):
    id: int
    order: int
    text: str


class ActionOut(Schema):
    id: int
    description: str
    responsible_organization_id: int | None
    responsible_worker_id: int | None
    due_on: dt.date | None


class PlanOut(Schema):
    id: int
    version: int
    persons_wishes: str
    long_term_goal: str
    period_start: dt.date
    period_end: dt.date | None
    next_review_on: dt.date | None
    categories: list[Category]
    goals: list[GoalOut]
    actions: list[ActionOut]


class AttainmentOut(Schema):
    goal_id: int
    attainment: Annotated[str, Code(Attainment)]
    comment: str


class EvaluationOut(Schema):
    id: int
    plan_id: int
    evaluated_on: dt.date
    persons_change: str
    next_direction: Annotated[str, Code(NextDirection)]
    comment: str
    attainments: list[AttainmentOut]


class AttachmentOut(Schema):
    id: int
    title: str
    categories: list[Category]
    #: The file's kind (pdf, xlsx …); its download is named by its title.
    file_type: str
    size: int | None
    added_at: dt.datetime
    added_by: str


class TaskOut(Schema):
    id: int
    case_id: int
    title: str
    due_on: dt.date
    organization_id: int
    assignee_id: int | None
    #: Where it came from (a plan's action, a note's next step, a meeting's role).
    source: str


class TaskFilters(PageFilters):
    due_by: JapaneseDate = None  # due on or before (和暦 accepted: R8.12.31)


def _task(task: Any) -> dict[str, Any]:
    return {
        "id": task.pk,
        "case_id": task.case_id,
        "title": task.title,
        "due_on": task.due_on,
        "organization_id": task.organization_id,
        "assignee_id": task.assignee_id,
        "source": task.source,
    }


def _access(request: HttpRequest, case_id: int) -> tuple[Any, CaseAccess]:
    user = caller(request, *READERS)
    return user, selectors.read_case(user, case_id, what=selectors.CASE_API)


@router.get(
    "/cases/{case_id}/notes",
    response=Page[NoteOut],
    summary="The progress notes the caller may read, newest first",
)
def list_notes(request: HttpRequest, case_id: int, filters: Query[PageFilters]) -> dict[str, Any]:
    user, access = _access(request, case_id)
    notes, page = page_of(selectors.notes_of(access), filters)
    selectors.disclose(user, access, selectors.CASE_API, notes)
    return {
        **page,
        "items": [
            {
                "id": n.pk,
                "occurred_at": n.occurred_at,
                "method": n.method,
                "with_whom": n.with_whom,
                "body": n.body,
                "categories": category_codes(n.categories),
                "author": n.author.display_name,
                "organization_id": n.organization_id,
            }
            for n in notes
        ],
    }


@router.get(
    "/cases/{case_id}/assessments",
    response=list[AssessmentOut],
    summary="The assessment's versions (the lead) or its latest (a partner), areas as consented",
)
def list_assessments(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user, access = _access(request, case_id)
    if not access.reads_content:
        return []
    rows = access.case.assessments.select_related("author").order_by("-version")
    versions = list(rows if access.is_lead else rows[:1])
    out, shown = [], 0
    for assessment in versions:
        areas = plans.assessment_areas(assessment, access)
        fields = [field for field, _label in ASSESSMENT_AREAS] + ["summary"]
        visible = [(f, a) for f, a in zip(fields, areas, strict=True) if a.visible and a.text]
        for field, _area in visible:
            shown |= AREA_CATEGORIES[field]
        out.append(
            {
                "id": assessment.pk,
                "version": assessment.version,
                "assessed_on": assessment.assessed_on,
                "author": assessment.author.display_name if assessment.author else "",
                "areas": [{"area": f, "text": a.text} for f, a in visible],
                "withheld": [f for f, a in zip(fields, areas, strict=True) if not a.visible],
            }
        )
    selectors.disclose(user, access, selectors.CASE_API, shown)
    return out


@router.get(
    "/cases/{case_id}/plans",
    response=list[PlanOut],
    summary="The support plans the caller may read, newest version first, with goal ids",
)
def list_plans(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user, access = _access(request, case_id)
    if access.is_lead:  # every version, as the lead's tab shows them
        shown = list(access.case.plans.prefetch_related("goals", "actions").order_by("-version"))
    else:  # the latest, where the consent covers it, as the partner's tab shows it
        latest = plans.latest_plan(access)
        shown = [latest] if latest is not None else []
    selectors.disclose(user, access, selectors.CASE_API, shown)
    return [
        {
            "id": plan.pk,
            "version": plan.version,
            "persons_wishes": plan.persons_wishes,
            "long_term_goal": plan.long_term_goal,
            "period_start": plan.period_start,
            "period_end": plan.period_end,
            "next_review_on": plan.next_review_on,
            "categories": category_codes(plan.categories),
            "goals": [{"id": g.pk, "order": g.order, "text": g.text} for g in plan.goals.all()],
            "actions": [
                {
                    "id": a.pk,
                    "description": a.description,
                    "responsible_organization_id": a.responsible_organization_id,
                    "responsible_worker_id": a.responsible_worker_id,
                    "due_on": a.due_on,
                }
                for a in plan.actions.all()
            ],
        }
        for plan in shown
    ]


@router.get(
    "/cases/{case_id}/evaluations",
    response=list[EvaluationOut],
    summary="The evaluations the caller may read (with their plan's categories), newest first",
)
def list_evaluations(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user, access = _access(request, case_id)
    evaluations = plans.evaluations_of(access) if access.reads_content else []
    selectors.disclose(user, access, selectors.CASE_API, [e.plan for e in evaluations])
    return [
        {
            "id": e.pk,
            "plan_id": e.plan_id,
            "evaluated_on": e.evaluated_on,
            "persons_change": e.persons_change,
            "next_direction": e.next_direction,
            "comment": e.comment,
            "attainments": [
                {"goal_id": a.goal_id, "attainment": a.attainment, "comment": a.comment}
                for a in e.attainments.all()
            ],
        }
        for e in evaluations
    ]


def _file_type(attachment: Any) -> str:
    """The file's kind by its extension (pdf, xlsx …): never its uploaded name."""
    name = attachment.file.name or ""
    return name.rsplit(".", 1)[-1].lower()[:10] if "." in name.rsplit("/", 1)[-1] else ""


def _size(attachment: Any) -> int | None:
    try:
        return int(attachment.file.size)
    except OSError:  # the file is missing on disk: its record is still the record
        return None


@router.get(
    "/cases/{case_id}/attachments",
    response=list[AttachmentOut],
    summary="The attachments the caller may read (their titles and kinds; the file separately)",
)
def list_attachments(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user, access = _access(request, case_id)
    attachments = list(selectors.attachments_of(access))
    selectors.disclose(user, access, selectors.CASE_API, attachments)
    return [
        {
            "id": a.pk,
            "title": a.title,
            "categories": category_codes(a.categories),
            "file_type": _file_type(a),
            "size": _size(a),
            "added_at": a.created_at,
            "added_by": a.uploaded_by.display_name,
        }
        for a in attachments
    ]


@router.get(
    "/cases/{case_id}/attachments/{attachment_id}",
    summary="One attachment's file",
    response={200: None},
    openapi_extra=file_download(
        "application/octet-stream", "The file as it was attached, named by its title"
    ),
)
def download_attachment(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    user = caller(request, *READERS)
    attachment, _access_ = selectors.read_attachment(user, case_id, attachment_id)
    return download(attachment.file, attachment.title)


@router.get(
    "/cases/{case_id}/tasks",
    response=list[TaskOut],
    summary="The case's open tasks (the lead: all; another agency: those given to it)",
)
def list_case_tasks(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user, access = _access(request, case_id)
    return [_task(t) for t in selectors.open_tasks_of(access, user)]


@router.get(
    "/tasks",
    response=Page[TaskOut],
    summary="The caller's open tasks (やること), the most pressing first",
)
def list_my_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    tasks = selectors.my_open_tasks(user)
    if filters.due_by is not None:
        tasks = tasks.filter(due_on__lte=filters.due_by)
    rows, page = page_of(tasks, filters)
    record_listing(actor=user, rows=rows, what=selectors.TASKS_API)
    return {**page, "items": [_task(t) for t in rows]}
