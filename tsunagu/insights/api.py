"""API: あとちょっと (barriers) — recorded inside a case, read by those who work it, and counted
by managers without anyone's personal data (as the pages do)."""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.cases import selectors as cases
from tsunagu.cases.selectors import find_case
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.insights import dashboard, national_report, selectors, services
from tsunagu.insights.choices import BlockedBy, Source
from tsunagu.insights.forms import FiguresPeriodForm
from tsunagu.sharing.choices import InfoCategory

router = Router(tags=["insights"])


class BarrierIn(Schema):
    case_id: int
    would_help: str
    blocked_by: Annotated[str, Code(BlockedBy)]
    detail: str = ""
    program: str = ""
    is_gap: bool = False
    source: Annotated[str, Code(Source)] = "case"
    source_id: int | None = None


class CreatedOut(Schema):
    id: int


class BarrierOut(Schema):
    """A barrier as a manager reads it: what would have helped and what blocked, by which
    organization; no case, person or household."""

    id: int
    would_help: str
    blocked_by: Annotated[str, Code(BlockedBy)]
    detail: str
    program: str
    is_gap: bool
    organization: str
    created_at: dt.datetime


class CaseBarrierOut(BarrierOut):
    source: Annotated[str, Code(Source)]
    source_id: int | None


class BarrierFilters(PageFilters):
    blocked_by: Annotated[str, Code(BlockedBy)] | None = None
    gaps_only: bool = False
    #: Recorded on or after (和暦 accepted); every year when not given (the page starts at
    #: the fiscal year's first day).
    since: JapaneseDate = None


def _barrier(barrier: Any) -> dict[str, Any]:
    """What blocked, by which agency (the managers' list reads no more than this)."""
    return {
        "id": barrier.pk,
        "would_help": barrier.would_help,
        "blocked_by": barrier.blocked_by,
        "detail": barrier.detail,
        "program": barrier.program,
        "is_gap": barrier.is_gap,
        "organization": barrier.organization.name,
        "created_at": barrier.created_at,
    }


@router.post("/barriers", response={201: CreatedOut}, summary="Record a barrier (あとちょっと)")
def record(request: HttpRequest, payload: BarrierIn) -> Status[dict[str, Any]]:
    user = caller(request, *CASE_ROLES, Role.MANAGER)
    data = payload.model_dump()
    case = find_case(user, data.pop("case_id"))
    return Status(201, {"id": services.record_barrier(actor=user, case=case, **data).pk})


@router.get(
    "/barriers",
    response=Page[BarrierOut],
    summary="あとちょっと・制度の狭間 for managers and coordinators: the texts, newest first, no case",
)
def list_barriers(request: HttpRequest, filters: Query[BarrierFilters]) -> dict[str, Any]:
    user = caller(request, *services.POLICY_ROLES)
    texts = selectors.barrier_texts(
        selectors.barriers_in(user, filters.since),
        blocked_by=filters.blocked_by or "",
        gaps_only=filters.gaps_only,
    )
    rows, page = page_of(texts, filters)
    return {**page, "items": [_barrier(b) for b in rows]}


@router.get(
    "/cases/{case_id}/barriers",
    response=list[CaseBarrierOut],
    summary="A case's barriers, for its lead and its team where 生活歴・課題 is open to them",
)
def list_case_barriers(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    user = caller(request, *READERS)
    access = cases.read_case(user, case_id, what=cases.CASE_API)
    barriers = selectors.barriers_of(access)
    cases.disclose(user, access, cases.CASE_API, InfoCategory.HISTORY if barriers else 0)
    return [_barrier(b) | {"source": b.source, "source_id": b.source_id} for b in barriers]


# -- The managers' figures and the national reports -------------------------------------------------


class PeriodQuery(Schema):
    """A fiscal year (2026 = 2026年度), or any period (和暦 accepted); by default this fiscal year
    up to today."""

    year: int | None = None
    since: JapaneseDate = None
    until: JapaneseDate = None


class LineOut(Schema):
    label: str
    #: None where the count is hidden (under 5 in a breakdown).
    count: int | None
    hidden: bool
    rate: str


class BreakdownOut(Schema):
    key: str
    title: str
    how: str
    total: int
    lines: list[LineOut]


class FigureOut(Schema):
    key: str
    label: str
    value: str
    how: str


class SectionOut(Schema):
    key: str
    title: str
    figures: list[FigureOut]
    breakdowns: list[BreakdownOut]


class DashboardOut(Schema):
    since: dt.date
    until: dt.date
    all_agencies: bool
    agencies: str
    population: int | None
    sections: list[SectionOut]


def _period(asked: PeriodQuery) -> tuple[dt.date, dt.date]:
    """The period by the pages' own rules, or 422 with what to fix."""
    form = FiguresPeriodForm(
        {
            k: v.isoformat() if isinstance(v, dt.date) else v
            for k, v in asked.model_dump().items()
            if v
        }
    )
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form.period()


@router.get(
    "/figures",
    response=DashboardOut,
    summary="The managers' figures for a period: counts only, small cells hidden",
)
def figures(request: HttpRequest, asked: Query[PeriodQuery]) -> dict[str, Any]:
    user = caller(request, Role.MANAGER, Role.COORDINATOR)
    since, until = _period(asked)
    board = dashboard.dashboard(user, since, until)
    return {
        "since": board.since,
        "until": board.until,
        "all_agencies": board.scope.everyone,
        "agencies": board.scope.label,
        "population": board.population,
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "figures": [vars(f) for f in section.figures],
                "breakdowns": [
                    {
                        "key": b.key,
                        "title": b.title,
                        "how": b.how,
                        "total": b.total,
                        "lines": [
                            {
                                "label": line.label,
                                "count": line.cell.value,
                                "hidden": line.cell.concealed,
                                "rate": line.rate,
                            }
                            for line in b.lines
                        ],
                    }
                    for b in section.breakdowns
                ],
            }
            for section in board.sections
        ],
    }


class ItemOut(Schema):
    key: str
    program: str
    label: str
    value: int
    how: str


class SurveyOut(Schema):
    """生活困窮者自立支援制度 支援状況調査 for the period."""

    new_consultations: int
    plans: int
    employment_support: int
    found_work: int
    found_work_with_employment_plan: int
    income_rose: int
    income_rose_with_employment_plan: int
    rate: float | None


class ReportOut(Schema):
    since: dt.date
    until: dt.date
    all_agencies: bool
    agencies: str
    items: list[ItemOut]
    survey: SurveyOut


@router.get(
    "/national-report",
    response=ReportOut,
    summary="実績報告: the 重層 実施状況 items and the 支援状況調査 for a period, each with how it is counted",
)
def national(request: HttpRequest, asked: Query[PeriodQuery]) -> dict[str, Any]:
    user = caller(request, Role.MANAGER, Role.COORDINATOR)
    since, until = _period(asked)
    found = national_report.report(user, since, until)
    s = found.survey
    return {
        "since": since,
        "until": until,
        "all_agencies": found.scope.everyone,
        "agencies": found.scope.label,
        "items": [{**vars(i), "program": str(i.program)} for i in found.items],
        "survey": {
            "new_consultations": s.new,
            "plans": s.plans,
            "employment_support": s.employment,
            "found_work": s.worked,
            "found_work_with_employment_plan": s.worked_planned,
            "income_rose": s.raised,
            "income_rose_with_employment_plan": s.raised_planned,
            "rate": s.rate,
        },
    }
