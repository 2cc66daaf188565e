"""API: お知らせ — the caller's own notifications, as the page lists them (a notification names
nothing beyond what its recipient may see; its link leads to a page that checks access again)."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from tsunagu.core.api import Code, Page, PageFilters, caller, page_of
from tsunagu.notifications import selectors
from tsunagu.notifications.models import Kind

router = Router(tags=["notifications"])


class NotificationFilters(PageFilters):
    unread: bool = False  # only those not read yet


class NotificationOut(Schema):
    id: int
    kind: Annotated[str, Code(Kind)]
    message: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


@router.get(
    "/notifications",
    response=Page[NotificationOut],
    summary="The caller's notifications, newest first (unread=true: those not read yet)",
)
def list_notifications(request: HttpRequest, filters: Query[NotificationFilters]) -> dict[str, Any]:
    notes = selectors.notifications_of(caller(request))
    if filters.unread:
        notes = notes.filter(read_at__isnull=True)
    rows, page = page_of(notes, filters)
    return {**page, "items": rows}
