"""Reading consents, the case team, emergency accesses and disclosures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import Membership, User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.sharing.access import CaseAccess, case_access, require_writer
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.models import CaseTeamMember, Consent, Disclosure, EmergencyAccess
from tsunagu.sharing.services import record_disclosures

if TYPE_CHECKING:
    from tsunagu.cases.models import Case


#: What the emergency queue is, as the audit log names it.
EMERGENCIES = gettext_lazy("Emergency accesses (list)")


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


def read_consent_document(user: User, consent_id: int) -> Consent:
    """The signed form's scan (同意書), for the lead and the agencies the consent names whose
    access opens 属性・家族関係 (the form bears the person's name and signature); 404 for
    anyone else and for a consent without a scan. The download is audited, and a disclosure
    when not the lead's."""
    consent = Consent.objects.select_related("case").filter(pk=consent_id).first()
    if consent is None or not consent.document:
        raise Http404
    access = case_access(user, consent.case)
    if not access.is_lead and (
        not access.sees_family or consent.pk not in {g.consent_id for g in access.grants}
    ):
        raise Http404
    record_event(
        actor=user,
        action=Action.VIEW,
        obj=consent,
        legal_basis=access.legal_basis,
        detail={"document": True},
    )
    record_disclosures(
        access=access,
        user=user,
        what=format_lazy(gettext_lazy("Signed consent form (consent #{id})"), id=consent.pk),
        categories=InfoCategory.FAMILY,
    )
    return consent


def get_consent_for_writer(user: User, consent_id: int, *, showing: bool = False) -> Consent:
    """A consent of a case the user's organization leads (only the lead records and withdraws):
    404 when the user may not know of the consent (as the case page shows consents: the lead
    all of them, another agency those that name it), 403 when they may see it but not write.
    `showing`: the withdrawal form, which names the case, is being shown: audited."""
    consent = Consent.objects.filter(pk=consent_id).select_related("case").first()
    if consent is None:
        raise Http404
    access = case_access(user, consent.case)  # 404 for who may not know of the case
    if consent not in consents_of(access):
        raise Http404
    require_writer(user, consent.case)
    if showing:
        record_event(actor=user, action=Action.VIEW, obj=consent, legal_basis=access.legal_basis)
    return consent


def disclosures_of(case: Case) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(case=case)
        .select_related("user", "organization", "emergency", "agenda_item__meeting")
        .prefetch_related("consents")
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


def emergency_approvals(user: User) -> list[EmergencyAccess]:
    """緊急アクセスの承認: requests without a link that wait for this user's approval (the rule of
    sharing.services.emergency_approvers, as one query): those of the agencies the user manages,
    and, for an auditor, those of agencies without another manager; never the user's own."""
    managed = [m.organization_id for m in user.active_memberships if m.role == Role.MANAGER]
    waiting = Q(organization_id__in=managed)
    if user.has_role(Role.AUDITOR):
        other_manager = (
            Membership.objects.active()
            .filter(role=Role.MANAGER, user__is_active=True, organization=OuterRef("organization"))
            .exclude(user=OuterRef("user"))
        )
        waiting |= Q(~Exists(other_manager))
    elif not managed:
        return []
    return list(
        EmergencyAccess.objects.filter(waiting, approved_at__isnull=True, refused_at__isnull=True)
        .exclude(user=user)
        .select_related("user", "organization", "case__lead_organization")
        .order_by("created_at")[:100]
    )


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
    from tsunagu.sharing.services import may_approve_emergency

    if (
        emergency.user_id == user.pk
        or may_approve_emergency(user, emergency)
        or emergency_queue(user).filter(pk=emergency.pk).exists()
        or emergency.case.lead_organization_id in reading_organization_ids(user)
    ):
        return emergency
    raise Http404
