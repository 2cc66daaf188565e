"""API: あとちょっと (barriers)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.cases.selectors import find_case
from tsunagu.core.api import caller
from tsunagu.insights import services

router = Router(tags=["insights"])


class BarrierIn(Schema):
    case_id: int
    would_help: str
    blocked_by: str
    detail: str = ""
    program: str = ""
    is_gap: bool = False
    source: str = "case"
    source_id: int | None = None


class CreatedOut(Schema):
    id: int


@router.post("/barriers", response={201: CreatedOut}, summary="Record a barrier (あとちょっと)")
def record(request: HttpRequest, payload: BarrierIn) -> Status[dict[str, Any]]:
    user = caller(request, *CASE_ROLES, Role.MANAGER)
    data = payload.model_dump()
    case = find_case(user, data.pop("case_id"))
    return Status(201, {"id": services.record_barrier(actor=user, case=case, **data).pk})
