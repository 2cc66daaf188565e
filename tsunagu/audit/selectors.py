"""Reading the audit log: only auditors, and every search is itself audited."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.models import AuditEvent, ChainVerification
from tsunagu.audit.services import record_event


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events_for_auditor(
    *, actor: Any, filters: dict[str, Any], purpose: str = "search"
) -> QuerySet[AuditEvent]:
    """監査ログの検索 (the events matching an auditor's filters), newest first. The caller has
    checked the auditor role; this records the search (or export) with its filters."""
    events = AuditEvent.objects.all()
    if actor_text := filters.get("actor"):
        events = events.filter(actor_label__icontains=actor_text)
    if organization := filters.get("organization"):
        events = events.filter(organization=organization)
    if action := filters.get("action"):
        events = events.filter(action=action)
    if object_type := filters.get("object_type"):
        events = events.filter(object_type=object_type)
    if object_id := filters.get("object_id"):
        events = events.filter(object_id=object_id)
    if since := filters.get("since"):
        events = events.filter(occurred_at__gte=_day_start(since))
    if until := filters.get("until"):
        events = events.filter(occurred_at__lt=_day_start(until + dt.timedelta(days=1)))
    record_event(
        actor=actor,
        action=purpose,
        object_type="audit.auditevent",
        legal_basis=LegalBasis.AUDIT_DUTY,
        detail={key: str(value) for key, value in filters.items() if value},
    )
    return events.order_by("-id")


def latest_verification() -> ChainVerification | None:
    return ChainVerification.objects.order_by("-finished_at").first()


def event_counts_since(since: dt.datetime) -> dict[str, int]:
    """Counts by action since a time, for the auditor's home panel (no personal data)."""
    from django.db.models import Count

    rows = (
        AuditEvent.objects.filter(occurred_at__gte=since)
        .values("action")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["action"]: row["n"] for row in rows}
