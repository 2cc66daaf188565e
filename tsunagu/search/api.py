"""API: search everything the caller may see."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.core.api import caller
from tsunagu.search.selectors import records_for_query, search_for_user

router = Router(tags=["search"])


class HitOut(Schema):
    type: str
    id: int
    case_id: int | None
    title: str
    snippet: str
    score: float


class RecordOut(Schema):
    """A person, a household or a case the query names (by name, phone or case number)."""

    type: str
    id: int
    title: str


class SearchOut(Schema):
    total: int
    #: The people, households and cases the query names, above the text hits (first page).
    records: list[RecordOut]
    results: list[HitOut]


@router.get("/search", response=SearchOut, summary="Japanese full-text search")
def search(request: HttpRequest, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    user = caller(request, *CASE_ROLES, Role.MANAGER)
    query, offset = q[:200], max(offset, 0)
    page = search_for_user(user=user, query=query, limit=min(max(limit, 1), 100), offset=offset)
    found = records_for_query(user, query) if offset == 0 and query.strip() else None
    records = (
        [{"type": "person", "id": p.pk, "title": p.name} for p in found.people]
        + [{"type": "household", "id": h.pk, "title": h.name} for h in found.households]
        + [{"type": "case", "id": c.case.pk, "title": c.label} for c in found.cases]
        if found
        else []
    )
    return {
        "total": page.total,
        "records": records,
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
