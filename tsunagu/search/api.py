"""API: search everything the caller may see."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.core.api import caller
from tsunagu.search.selectors import search_for_user

router = Router(tags=["search"])


class HitOut(Schema):
    type: str
    id: int
    case_id: int | None
    title: str
    snippet: str
    score: float


class SearchOut(Schema):
    total: int
    results: list[HitOut]


@router.get("/search", response=SearchOut, summary="Japanese full-text search")
def search(request: HttpRequest, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    user = caller(request, *CASE_ROLES, Role.MANAGER)
    page = search_for_user(
        user=user, query=q[:200], limit=min(max(limit, 1), 100), offset=max(offset, 0)
    )
    return {
        "total": page.total,
        "results": [
            {
                "type": h.kind,
                "id": h.document.object_id,
                "case_id": h.document.case_id,
                "title": h.title,
                "snippet": str(h.snippet),
                "score": h.score,
            }
            for h in page.hits
        ],
    }
