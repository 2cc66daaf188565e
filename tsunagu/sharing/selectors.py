"""Reading consents, the case team, emergency accesses and disclosures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import User
from tsunagu.sharing.access import CaseAccess, knows_case, require_writer
from tsunagu.sharing.models import CaseTeamMember, Consent, Disclosure, EmergencyAccess

if TYPE_CHECKING:
    from tsunagu.cases.models import Case


def team_of(case: Case) -> list[CaseTeamMember]:
    """The case team as everyone on it may see it: who, which role, whom to call."""
    return list(
        CaseTeamMember.objects.filter(case=case, left_at__isnull=True)
        .select_related("organization", "worker")
        .order_by("created_at")
    )


def consents_of(access: CaseAccess) -> list[Consent]:
    """The lead sees every consent of the case; another agency those that name it."""
    consents = access.case.consents.select_related("obtained_by").prefetch_related("organizations")
    if not access.is_lead:
        ids = {g.consent_id for g in access.grants if g.consent_id}
        consents = consents.filter(pk__in=ids)
    return list(consents.order_by("-obtained_on", "-pk"))


def get_consent_for_writer(user: User, consent_id: int) -> Consent:
    """A consent of a case the user's organization leads (only the lead records and withdraws):
    404 when the user may not know of the case, 403 when they may see it but not write."""
    consent = Consent.objects.filter(pk=consent_id).select_related("case").first()
    if consent is None or not knows_case(user, consent.case):
        raise Http404
    require_writer(user, consent.case)
    return consent


def disclosures_of(case: Case) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(case=case)
        .select_related("user", "organization", "consent", "emergency", "agenda_item__meeting")
        .order_by("-occurred_at", "-pk")
    )


def emergency_queue(user: User) -> QuerySet[EmergencyAccess]:
    """緊急アクセスの事後確認: what this reviewer must judge (auditors: all; a manager: those
    into the cases their organization leads)."""
    accesses = EmergencyAccess.objects.select_related("case", "user", "organization", "reviewed_by")
    if user.has_role(Role.AUDITOR):
        return accesses
    managed = [m.organization_id for m in user.active_memberships if m.role == Role.MANAGER]
    return accesses.filter(case__lead_organization_id__in=managed).exclude(user=user)


def get_emergency_for_user(user: User, emergency_id: int) -> EmergencyAccess:
    """The declarer, its reviewers and the lead organization's workers may open it."""
    from tsunagu.accounts.access import reading_organization_ids

    emergency = (
        EmergencyAccess.objects.select_related("case", "user", "organization", "reviewed_by")
        .filter(pk=emergency_id)
        .first()
    )
    if emergency is None:
        raise Http404
    if (
        emergency.user_id == user.pk
        or emergency_queue(user).filter(pk=emergency.pk).exists()
        or emergency.case.lead_organization_id in reading_organization_ids(user)
    ):
        return emergency
    raise Http404
