"""Reading consultations: those of the user's organizations."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Min, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.core.calendar import start_of_day, subtract_business_days
from tsunagu.core.revisions import described_history
from tsunagu.intake.choices import Disposition, flag_labels
from tsunagu.intake.models import Consultation, ConsultationIssue, Issue

#: 未定 (no disposition yet) this many 開庁日 after it was received: the consultation is listed
#: for a decision.
UNDECIDED_AFTER_BUSINESS_DAYS = 3
_DAY = dt.timedelta(days=1)


def consultations_visible_to(user: User) -> QuerySet[Consultation]:
    return Consultation.objects.filter(organization_id__in=reading_organization_ids(user))


def consultation_list(user: User, filters: dict[str, Any]) -> QuerySet[Consultation]:
    """相談一覧: newest first, filtered by urgency, disposition, 緊急・未対応, anonymity."""
    consultations = consultations_visible_to(user).select_related("person", "received_by")
    if urgency := filters.get("urgency"):
        consultations = consultations.filter(urgency=urgency)
    if disposition := filters.get("disposition"):
        consultations = consultations.filter(disposition=disposition)
    if filters.get("unanswered"):
        consultations = consultations.filter(awaiting=True)
    if filters.get("anonymous"):
        consultations = consultations.filter(person__isnull=True)
    return consultations.order_by("-received_at", "-pk")


def find_consultation(user: User, consultation_id: int) -> Consultation:
    """A consultation of the user's organizations, or 404 for missing and not-visible alike.
    Not audited: the callers read it through get_consultation_for_user, print or write it."""
    consultation = (
        consultations_visible_to(user)
        .select_related("person", "organization", "received_by")
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def get_consultation_for_user(user: User, consultation_id: int) -> Consultation:
    """One consultation, or 404; the read is audited."""
    consultation = find_consultation(user, consultation_id)
    record_event(
        actor=user, action="view", obj=consultation, legal_basis=LegalBasis.OWN_ORGANIZATION
    )
    return consultation


def urgent_consultations(user: User) -> QuerySet[Consultation]:
    """緊急・未対応: the urgent consultations of the user's organizations (緊急, or a critical risk)
    whose first response is not recorded yet, the longest waiting first. Not audited: the
    callers list them (record_listing)."""
    return (
        consultations_visible_to(user)
        .filter(awaiting=True)
        .select_related("person", "received_by")
        .order_by("received_at", "pk")
    )


def urgent_consultations_elsewhere(user: User) -> list[dict[str, Any]]:
    """For a coordinator: how many urgent consultations wait for their first response at each
    other agency, and since when (a count and whom to call, never the consultation)."""
    rows = (
        Consultation.objects.filter(awaiting=True)
        .exclude(organization_id__in=reading_organization_ids(user))
        .values("organization_id", "organization__name", "organization__phone")
        .annotate(count=Count("pk"), since=Min("received_at"))
        .order_by("since")
    )
    return [dict(row) for row in rows]


def undecided_consultations(user: User) -> QuerySet[Consultation]:
    """未定のまま: consultations with no disposition UNDECIDED_AFTER_BUSINESS_DAYS 開庁日 or more
    after they were received, the oldest first. Not audited: the callers list them."""
    cutoff = subtract_business_days(timezone.localdate(), UNDECIDED_AFTER_BUSINESS_DAYS)
    return (
        consultations_visible_to(user)
        .filter(disposition=Disposition.PENDING, received_at__lt=start_of_day(cutoff + _DAY))
        .select_related("person", "received_by")
        .order_by("received_at", "pk")
    )


def active_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(is_active=True).order_by("group", "order")


def issues_with_main(links: QuerySet[Any]) -> list[tuple[Issue, bool]]:
    """(issue, is_main) from a consultation's or a case's issue links, the main one first."""
    rows = links.select_related("issue")
    return sorted(((row.issue, row.is_main) for row in rows), key=lambda pair: not pair[1])


def issues_of(consultation: Consultation) -> list[tuple[Issue, bool]]:
    return issues_with_main(ConsultationIssue.objects.filter(consultation=consultation))


def choosable_issues(record: Any = None) -> QuerySet[Issue]:
    """The 課題 a consultation or a case may be given: the active ones, and the retired ones it
    carries already (unticking one is a correction)."""
    issues = Issue.objects.filter(is_active=True)
    if record is not None:
        issues = (issues | record.issues.all()).distinct()
    return issues.order_by("group", "order")


def issues_by_code(codes: set[str], among: QuerySet[Issue]) -> dict[str, Issue]:
    """The 課題 of these codes among those given, or a ValidationError naming the codes that
    are not (the API's 422)."""
    issues = {i.code: i for i in among.filter(code__in=codes)}
    if unknown := codes - set(issues):
        raise ValidationError({"issues": f"Unknown issue codes: {sorted(unknown)}"})
    return issues


def checklist_from_codes(changes: dict[str, Any], record: Any) -> dict[str, Any]:
    """A correction's 課題 given by code (the API), as the correction services take them: the
    issues and the main one, or the record's issues kept when only the main one is given."""
    if "issues" not in changes and "main_issue" not in changes:
        return changes
    if "issues" in changes:
        codes = set(changes.pop("issues") or [])
    else:
        codes = set(record.issues.values_list("code", flat=True))
    main = changes.pop("main_issue", None)
    issues = issues_by_code(codes | ({main} if main else set()), choosable_issues(record))
    return {
        **changes,
        "issues": [issues[c] for c in sorted(codes)],
        "main_issue": issues.get(main) if main else None,
    }


def checklist_initial(record: Any, issues: list[tuple[Issue, bool]]) -> dict[str, Any]:
    """The 危険の兆候 and 課題 of a consultation or a case, as a correction form starts them."""
    return {
        "risk_flags": record.risk_flags.split(),
        "issues": [issue.pk for issue, _main in issues],
        "main_issue": next((issue.pk for issue, main in issues if main), None),
    }


def correction_initial(consultation: Consultation) -> dict[str, Any]:
    """What the correction form starts from: the consultation as it is now."""
    return {
        **{
            field: getattr(consultation, field)
            for field in (
                "main_concern",
                "received_at",
                "channel",
                "consulted_by",
                "consulted_by_relationship",
                "consulted_by_name",
                "consulted_by_contact",
                "urgency",
                "consent_to_share",
            )
        },
        **checklist_initial(consultation, issues_of(consultation)),
    }


def corrections_of(record: Consultation | Any, date_style: str) -> list[tuple[Any, list[Any]]]:
    """The corrections (記録の訂正) of a consultation or a case, oldest first, each with what it
    changed as a person reads it (its 課題 and 危険の兆候 by name)."""
    return described_history(
        record,
        date_style,
        labels={"issues": str(_("Issues"))},
        formats={"risk_flags": lambda stored: "、".join(flag_labels(stored or ""))},
    )


def consultation_for_print(user: User, consultation: Consultation) -> dict[str, object]:
    """相談受付票: what the sheet shows; the print is audited."""
    record_event(
        actor=user,
        action="print",
        obj=consultation,
        legal_basis=LegalBasis.OWN_ORGANIZATION,
        detail={"form": "consultation"},
    )
    issues = issues_of(consultation)
    ticked = {issue.pk: main for issue, main in issues}
    # The national 相談受付・申込票 lists every 課題 with the ticked ones marked (and a retired
    # one that was ticked, at the end of its group).
    listed = list(active_issues()) + [i for i, _main in issues if not i.is_active]
    checklist = [(issue, issue.pk in ticked, ticked.get(issue.pk, False)) for issue in listed]
    return {"consultation": consultation, "issues": issues, "checklist": checklist}
