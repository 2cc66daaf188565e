"""API: あとちょっと (barriers) — recorded inside a case, read by those who work it, and counted
by managers without anyone's personal data (as the pages do)."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.access import READERS
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.cases import selectors as cases
from tsunagu.cases.selectors import find_case
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.insights import selectors, services
from tsunagu.insights.models import BlockedBy, Source
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
    caller(request, Role.MANAGER, Role.COORDINATOR)
    texts = selectors.barrier_texts(
        blocked_by=filters.blocked_by or "", gaps_only=filters.gaps_only, since=filters.since
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
