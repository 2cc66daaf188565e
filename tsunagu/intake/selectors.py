"""Reading consultations: those of the user's organizations."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.intake.models import Consultation, ConsultationIssue, Issue


def consultations_visible_to(user: User) -> QuerySet[Consultation]:
    return Consultation.objects.filter(organization_id__in=reading_organization_ids(user))


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


def active_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(is_active=True).order_by("group", "order")


def issues_with_main(links: QuerySet[Any]) -> list[tuple[Issue, bool]]:
    """(issue, is_main) from a consultation's or a case's issue links, the main one first."""
    rows = links.select_related("issue")
    return sorted(((row.issue, row.is_main) for row in rows), key=lambda pair: not pair[1])


def issues_of(consultation: Consultation) -> list[tuple[Issue, bool]]:
    return issues_with_main(ConsultationIssue.objects.filter(consultation=consultation))


def consultation_for_print(user: User, consultation: Consultation) -> dict[str, object]:
    """相談受付票: what the sheet shows; the print is audited."""
    record_event(
        actor=user,
        action="print",
        obj=consultation,
        legal_basis=LegalBasis.OWN_ORGANIZATION,
        detail={"form": "consultation"},
    )
    return {"consultation": consultation, "issues": issues_of(consultation)}
