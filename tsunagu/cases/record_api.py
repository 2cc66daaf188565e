"""API: reading a case's record — its notes, assessments, plans (with their goal and action
ids, so that a client can evaluate the plan it made) and evaluations — through the same access
and audit as the case's tabs: the read is audited, and what another agency was shown is one
情報提供記録 naming the categories of the rows it got."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema

from tsunagu.accounts.access import READERS
from tsunagu.cases import selectors
from tsunagu.cases.api import router as cases_router
from tsunagu.cases.choices import NoteMethod
from tsunagu.core.api import Code, Page, caller, page_of
from tsunagu.plans import selectors as plans
from tsunagu.plans.choices import AREA_CATEGORIES, ASSESSMENT_AREAS, Attainment, NextDirection
from tsunagu.sharing.access import CaseAccess
from tsunagu.sharing.choices import CategoryCode, InfoCategory

# The paths are the case's (POST /cases/{id}/notes writes, GET reads): one router holds both.
router = cases_router

Category = Annotated[str, Code(CategoryCode)]


def _codes(mask: int) -> list[str]:
    return [CategoryCode[c.name].value for c in InfoCategory if mask & c.value]


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


def _access(request: HttpRequest, case_id: int) -> tuple[Any, CaseAccess]:
    user = caller(request, *READERS)
    return user, selectors.read_case(user, case_id, what=selectors.CASE_API)


@router.get(
    "/cases/{case_id}/notes",
    response=Page[NoteOut],
    summary="The progress notes the caller may read, newest first",
)
def list_notes(
    request: HttpRequest, case_id: int, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    user, access = _access(request, case_id)
    notes, page = page_of(selectors.notes_of(access), limit, offset)
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
                "categories": _codes(n.categories),
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
            "categories": _codes(plan.categories),
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
