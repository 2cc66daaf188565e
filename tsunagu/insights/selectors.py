"""Barriers as a manager sees them: counts and texts, without anyone's personal data."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tsunagu.insights.models import Barrier, BlockedBy
from tsunagu.sharing.access import CaseAccess


@dataclass(frozen=True)
class BarrierCount:
    blocked_by: str
    label: str
    barriers: int
    gaps: int


def barriers_of(access: CaseAccess) -> list[Barrier]:
    """あとちょっと of a case, for those who work it: its lead, and its team where the case's
    生活歴・課題 is open to them (what blocked a person's next step speaks of their life)."""
    if not (access.is_lead or (access.on_team and access.sees_history)):
        return []
    return list(access.case.barriers.all())  # newest first


def barrier_counts(since: dt.date | None = None) -> list[BarrierCount]:
    """By what blocked: how many barriers, and how many of them are 制度の狭間."""
    rows = Barrier.objects.all()
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    counted: dict[str, tuple[int, int]] = {
        row["blocked_by"]: (row["n"], row["gaps"])
        for row in rows.values("blocked_by").annotate(
            n=Count("id"), gaps=Count("id", filter=Q(is_gap=True))
        )
    }
    return [
        BarrierCount(code, str(label), *counted.get(code, (0, 0)))
        for code, label in BlockedBy.choices
    ]


def programs_most_named(since: dt.date | None = None, limit: int = 10) -> list[tuple[str, int]]:
    rows = Barrier.objects.exclude(program="")
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    return [
        (row["program"], row["n"])
        for row in rows.values("program").annotate(n=Count("id")).order_by("-n", "program")[:limit]
    ]


def barrier_texts(
    *, blocked_by: str = "", gaps_only: bool = False, since: dt.date | None = None
) -> QuerySet[Barrier]:
    """The texts, with the recording organization but no case, person or household."""
    rows = Barrier.objects.select_related("organization").only(
        "would_help",
        "blocked_by",
        "detail",
        "program",
        "is_gap",
        "created_at",
        "organization__name",
    )
    if blocked_by:
        rows = rows.filter(blocked_by=blocked_by)
    if gaps_only:
        rows = rows.filter(is_gap=True)
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    return rows.order_by("-created_at")
