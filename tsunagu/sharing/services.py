"""Recording the lawful paths: consents, the case team, emergency accesses, and the grants they
open; disclosures are written as content is read through a path other than the lead's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from tsunagu.cases.models import Case  # sharing is below cases: annotations only

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import Organization, User
from tsunagu.accounts.selectors import belongs_to, holders_of
from tsunagu.audit.choices import Action, LegalBasis
from tsunagu.audit.services import record_event, record_text
from tsunagu.core.calendar import start_of_day
from tsunagu.core.registry import Registry
from tsunagu.core.search_index import search_index
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.sharing.access import LEGAL_BASIS_STRENGTH, CaseAccess, CaseCard, require_writer
from tsunagu.sharing.choices import ALL_CATEGORIES, ConsentMethod, EmergencyLink
from tsunagu.sharing.models import (
    AccessGrant,
    CaseTeamMember,
    Consent,
    Disclosure,
    EmergencyAccess,
)

EMERGENCY_HOURS = 24


def case_workers(organization: Organization | int) -> list[User]:
    """Who hears of what happens to a case at an organization: its case workers."""
    return holders_of(*CASE_ROLES, organization=organization)


def auditors() -> list[User]:
    """The auditors (保護管理者): they hear of every access without consent."""
    return holders_of(Role.AUDITOR)


def coordinators(organization: Organization | None = None) -> list[User]:
    """The coordinators of `organization`, or (without one, or when it has none) those of the
    多機関協働事業者: they hear of what stalls."""
    own = holders_of(Role.COORDINATOR, organization=organization) if organization else []
    return own or holders_of(Role.COORDINATOR, coordinating_body=True)


def emergency_reason_error(reason: str) -> str:
    """Why an emergency reason is refused, or "": a few words are not a reason."""
    if len(reason.strip()) < 10:
        return _("Write why life or body is at risk (at least 10 characters).")
    return ""


def refresh_consent_grants(case: Case) -> None:
    """Rewrite the consent grants of a case from the facts: every team organization (and,
    where the consent says so, every organization attending a 重層的支援会議 on the case)
    named by a consent that is not withdrawn, from the day it was obtained until it expires.
    Then the search index follows."""
    AccessGrant.objects.filter(case=case, legal_basis=LegalBasis.CONSENT).delete()
    team = set(
        CaseTeamMember.objects.filter(case=case, left_at__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    meeting_members = meeting_member_organizations(case)
    grants = []
    for consent in case.consents.filter(withdrawn_at__isnull=True).prefetch_related(
        "organizations"
    ):
        named = {org.pk for org in consent.organizations.all()}
        covered = named & (team | meeting_members)
        if consent.meeting_members:
            covered |= meeting_members
        covered.discard(case.lead_organization_id)
        until = (
            start_of_day(consent.expires_on + dt.timedelta(days=1)) if consent.expires_on else None
        )
        grants += [
            AccessGrant(
                case=case,
                organization_id=organization_id,
                categories=consent.categories,
                legal_basis=LegalBasis.CONSENT,
                consent=consent,
                valid_from=start_of_day(consent.obtained_on),
                valid_until=until,
            )
            for organization_id in sorted(covered)
        ]
    AccessGrant.objects.bulk_create(grants)
    search_index.refresh_case_visibility(case)


#: Who attends a 重層的支援会議 with a case on its agenda: meetings are kept by tsunagu.meetings,
#: above sharing, which registers its finder here (MeetingsConfig.ready).
meeting_attendees: Registry[Callable[[Case], set[int]]] = Registry()


def meeting_member_organizations(case: Case) -> set[int]:
    """Organizations attending a consent-requiring meeting (重層的支援会議) with the case on its
    agenda."""
    return set().union(*(find(case) for find in meeting_attendees.entries()))


def _validate_consent(
    *,
    categories: int,
    organizations: list[Organization],
    meeting_members: bool,
    purpose: str,
    method: str,
    witness: str,
    obtained_on: dt.date,
    expires_on: dt.date | None,
    case: Case,
) -> None:
    errors: dict[str, str] = {}
    if not categories & ALL_CATEGORIES:
        errors["categories"] = _(
            "Choose at least one kind of information the person agreed to share."
        )
    if not organizations and not meeting_members:
        errors["organizations"] = _(
            "Name at least one organization (or the members of the 重層的支援会議)."
        )
    if any(org.pk == case.lead_organization_id for org in organizations):
        errors["organizations"] = _(
            "The lead organization already holds the case; name the others it may go to."
        )
    if not purpose.strip():
        errors["purpose"] = _("Write the purpose the person agreed to.")
    if method not in ConsentMethod.values:
        errors["method"] = _("Choose how the consent was given.")
    elif method == ConsentMethod.ORAL and not witness.strip():
        errors["witness"] = _("An oral consent needs a witness: write who heard it.")
    if obtained_on > timezone.localdate():
        errors["obtained_on"] = _("A consent cannot be obtained in the future.")
    if expires_on is not None and expires_on < obtained_on:
        errors["expires_on"] = _("The consent cannot expire before it was obtained.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_consent(
    *,
    actor: User,
    case: Case,
    categories: int,
    organizations: Iterable[Organization],
    purpose: str,
    method: str,
    obtained_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    meeting_members: bool = False,
    witness: str = "",
    given_by: str = "",
    document: UploadedFile[bytes] | None = None,
) -> Consent:
    """本人同意を記録する. The organizations on the team that it names can read at once."""
    require_writer(actor, case)
    organizations = list(organizations)
    obtained_on = obtained_on or timezone.localdate()
    _validate_consent(
        categories=categories,
        organizations=organizations,
        meeting_members=meeting_members,
        purpose=purpose,
        method=method,
        witness=witness,
        obtained_on=obtained_on,
        expires_on=expires_on,
        case=case,
    )
    consent = Consent(
        case=case,
        categories=categories & ALL_CATEGORIES,
        meeting_members=meeting_members,
        purpose=purpose.strip(),
        method=method,
        witness=witness.strip(),
        obtained_on=obtained_on,
        obtained_by=actor,
        expires_on=expires_on,
        given_by=given_by.strip(),
    )
    if document is not None:
        consent.document = document
    consent.full_clean(exclude=["document"])
    consent.save()
    consent.organizations.set(organizations)
    refresh_consent_grants(case)
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=consent,
        detail={
            "case": case.pk,
            "categories": consent.categories,
            "organizations": [o.pk for o in organizations],
            "meeting_members": meeting_members,
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor: User, consent: Consent, note: str = "") -> Consent:
    """同意の撤回: recorded by the lead organization; every path it opened ends now."""
    consent = Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)
    require_writer(actor, consent.case)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_note = note.strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "updated_at"])
    refresh_consent_grants(consent.case)
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=consent,
        detail={"withdrawn": True, "case": consent.case_id},
    )
    return consent


@transaction.atomic
def add_team_member(
    *,
    actor: User,
    case: Case,
    organization: Organization,
    role: str,
    worker: User | None = None,
) -> CaseTeamMember:
    """ケースチームに加える. Allowed without a lawful path; the member then sees the case's
    existence and what is missing (a consent to ask for)."""
    require_writer(actor, case)
    if organization.pk == case.lead_organization_id:
        raise ValidationError({"organization": _("The lead organization is on the team already.")})
    if CaseTeamMember.objects.filter(
        case=case, organization=organization, left_at__isnull=True
    ).exists():
        raise ValidationError({"organization": _("This organization is on the team already.")})
    if worker is not None and not belongs_to(worker, organization):
        raise ValidationError({"worker": _("The worker must belong to that organization.")})
    member = CaseTeamMember(
        case=case, organization=organization, worker=worker, role=role, added_by=actor
    )
    member.full_clean()
    member.save()
    refresh_consent_grants(case)
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=member,
        detail={"case": case.pk, "organization": organization.pk, "role": role},
    )
    notify(
        users=[worker] if worker else case_workers(organization),
        kind=Kind.ASSIGNMENT,
        message=gettext_lazy("%(lead)s added %(organization)s to the team of case #%(case)s."),
        params={
            "lead": case.lead_organization.name,
            "organization": organization.name,
            "case": case.pk,
        },
        url=reverse("cases:case-detail", args=[case.pk]),
    )
    return member


@transaction.atomic
def remove_team_member(*, actor: User, member: CaseTeamMember) -> CaseTeamMember:
    require_writer(actor, member.case)
    if member.left_at is None:
        member.left_at = timezone.now()
        member.save(update_fields=["left_at", "updated_at"])
        refresh_consent_grants(member.case)
        record_event(actor=actor, action=Action.UPDATE, obj=member, detail={"left": True})
    return member


def may_declare_emergency(user: User) -> bool:
    return any(m.can_declare_emergency for m in user.casework_memberships)


#: The links other than the team by which an agency may know a case (a referral, a person it
#: recorded, a meeting with the case on its agenda), by EmergencyLink: registered by the apps
#: that hold them (their AppConfig.ready), as sharing sits below them.
emergency_links: Registry[Callable[[int, Case], bool]] = Registry()


def emergency_link(organization_id: int, case: Case) -> str:
    """How the organization is linked to the case or its person (EmergencyLink), or NONE."""
    if CaseTeamMember.objects.filter(
        case=case, organization_id=organization_id, left_at__isnull=True
    ).exists():
        return EmergencyLink.TEAM
    return next(
        (link for link, check in emergency_links.items() if check(organization_id, case)),
        EmergencyLink.NONE,
    )


def emergency_approvers(emergency: EmergencyAccess) -> list[User]:
    """Who approves an emergency access without a link: the managers of the declaring agency
    (never the declarer), or the auditors where it has none."""
    managers = holders_of(Role.MANAGER, organization=emergency.organization_id)
    others = [u for u in managers if u.pk != emergency.user_id]
    return others or [u for u in auditors() if u.pk != emergency.user_id]


@transaction.atomic
def declare_emergency(*, actor: User, case: Case, reason: str) -> EmergencyAccess:
    """緊急アクセス (生命・身体の保護): 24 hours of reading the whole case, with a written reason;
    the lead organization and the auditors are told, and the access waits for review. Where the
    declaring agency has no link to the case or its person (team, referral, a person it recorded,
    a meeting agenda), nothing opens until a manager of that agency approves. Repeated
    emergencies by one user are raised to the auditors."""
    if not may_declare_emergency(actor):
        raise PermissionDenied(_("You do not hold the right to declare an emergency access."))
    if problem := emergency_reason_error(reason):
        raise ValidationError({"reason": problem})
    organization = next(m.organization for m in actor.active_memberships if m.can_declare_emergency)
    if organization.pk == case.lead_organization_id:
        raise ValidationError(
            _("Your organization leads this case: no emergency access is needed.")
        )
    link = emergency_link(organization.pk, case)
    emergency = EmergencyAccess.objects.create(
        case=case, user=actor, organization=organization, reason=reason.strip(), link=link
    )
    record_event(
        actor=actor,
        action=Action.EMERGENCY_ACCESS,
        obj=emergency,
        legal_basis=LegalBasis.EMERGENCY,
        detail={"case": case.pk, "link": link},
    )
    if link == EmergencyLink.NONE:
        notify(
            users=emergency_approvers(emergency),
            kind=Kind.EMERGENCY_ACCESS,
            message=gettext_lazy(
                "%(user)s (%(organization)s) asks to open case #%(case)s in an emergency; "
                "%(organization)s has no link to it. Approve or refuse it."
            ),
            params={
                "user": actor.display_name,
                "organization": organization.name,
                "case": case.pk,
            },
            url=reverse("sharing:emergency-detail", args=[emergency.pk]),
        )
    else:
        _open_emergency(emergency, approver=None)
    _raise_repeated(actor)
    return emergency


def _open_emergency(emergency: EmergencyAccess, *, approver: User | None) -> None:
    """The 24 hours begin: the grant is written, the lead and the auditors are told."""
    now = timezone.now()
    emergency.approved_at = now
    emergency.approved_by = approver
    emergency.expires_at = now + dt.timedelta(hours=EMERGENCY_HOURS)
    emergency.save(update_fields=["approved_at", "approved_by", "expires_at", "updated_at"])
    AccessGrant.objects.create(
        case=emergency.case,
        user=emergency.user,
        categories=ALL_CATEGORIES,
        legal_basis=LegalBasis.EMERGENCY,
        emergency=emergency,
        valid_from=now,
        valid_until=emergency.expires_at,
    )
    notify(
        users=[*case_workers(emergency.case.lead_organization), *auditors()],
        kind=Kind.EMERGENCY_ACCESS,
        message=gettext_lazy(
            "%(user)s (%(organization)s) declared an emergency access to case #%(case)s."
        ),
        params={
            "user": emergency.user.display_name,
            "organization": emergency.organization.name,
            "case": emergency.case_id,
        },
        url=reverse("sharing:emergency-detail", args=[emergency.pk]),
    )


#: Emergencies by one user within this many days that the auditors are told of together.
REPEATED_EMERGENCIES = (3, 30)


def _raise_repeated(actor: User) -> None:
    count, days = REPEATED_EMERGENCIES
    recent = EmergencyAccess.objects.filter(
        user=actor, created_at__gte=timezone.now() - dt.timedelta(days=days)
    ).count()
    if recent >= count:
        notify(
            users=auditors(),
            kind=Kind.EMERGENCY_ACCESS,
            message=gettext_lazy(
                "%(user)s has declared %(count)s emergency accesses in %(days)s days: "
                "please look at them together."
            ),
            params={"user": actor.display_name, "count": recent, "days": days},
            url=reverse("sharing:emergency-list"),
        )


def may_approve_emergency(user: User, emergency: EmergencyAccess) -> bool:
    return emergency.is_pending and user in emergency_approvers(emergency)


@transaction.atomic
def approve_emergency(
    *, actor: User, emergency: EmergencyAccess, approve: bool, note: str = ""
) -> EmergencyAccess:
    """承認 of an emergency access without a link, by a second person (the declaring agency's
    manager): approved, the 24 hours begin; refused, nothing ever opens. The declarer is told."""
    emergency = EmergencyAccess.objects.select_for_update().get(pk=emergency.pk)
    if not may_approve_emergency(actor, emergency):
        raise PermissionDenied
    if not approve and not note.strip():
        raise ValidationError({"approval_note": _("Say why the emergency access is refused.")})
    emergency.approval_note = note.strip()
    if approve:
        emergency.save(update_fields=["approval_note", "updated_at"])
        _open_emergency(emergency, approver=actor)
    else:
        emergency.refused_at = timezone.now()
        emergency.approved_by = actor
        emergency.save(update_fields=["refused_at", "approved_by", "approval_note", "updated_at"])
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=emergency,
        legal_basis=LegalBasis.EMERGENCY,
        detail={"approval": "approved" if approve else "refused"},
    )
    notify(
        users=[emergency.user],
        kind=Kind.EMERGENCY_ACCESS,
        message=gettext_lazy("Your emergency access to case #%(case)s was approved.")
        if approve
        else gettext_lazy("Your emergency access to case #%(case)s was refused."),
        params={"case": emergency.case_id},
        url=reverse("sharing:emergency-detail", args=[emergency.pk]),
    )
    return emergency


def may_review_emergency(user: User, emergency: EmergencyAccess) -> bool:
    """Auditors review every emergency access; the lead organization's managers those of their
    cases. Never the one who declared it, nor the one who approved it (two people, two steps)."""
    if user.pk in (emergency.user_id, emergency.approved_by_id) or emergency.approved_at is None:
        return False
    return any(
        m.role == Role.AUDITOR
        or (m.role == Role.MANAGER and m.organization_id == emergency.case.lead_organization_id)
        for m in user.active_memberships
    )


@transaction.atomic
def review_emergency(
    *, actor: User, emergency: EmergencyAccess, outcome: str, note: str = ""
) -> EmergencyAccess:
    if not may_review_emergency(actor, emergency):
        raise PermissionDenied
    if emergency.reviewed_at is not None:
        raise ValidationError(_("This emergency access was already reviewed."))
    if outcome not in ("appropriate", "inappropriate"):
        raise ValidationError({"review_outcome": _("Choose whether the access was appropriate.")})
    if outcome == "inappropriate" and not note.strip():
        raise ValidationError({"review_note": _("Say why the access was not appropriate.")})
    emergency.reviewed_at = timezone.now()
    emergency.reviewed_by = actor
    emergency.review_outcome = outcome
    emergency.review_note = note.strip()
    emergency.save()
    if outcome == "inappropriate":
        # An access judged unjustified ends now, if it has not yet.
        AccessGrant.objects.filter(emergency=emergency).update(valid_until=timezone.now())
    record_event(actor=actor, action=Action.UPDATE, obj=emergency, detail={"review": outcome})
    return emergency


def record_disclosures(
    *, access: CaseAccess | CaseCard, user: User, what: StrOrPromise, categories: int
) -> Disclosure | None:
    """情報提供記録: content in `categories` (what was actually shown, printed or downloaded)
    reached `user` through a path other than the lead's. One row (and one audit row) per read,
    naming the categories shown and the grants that opened them (their consents, emergency
    access or 支援会議 item); nothing when nothing categorized was shown. `what` is written
    in the installation's language (record_text)."""
    if access.is_lead or not categories:
        return None
    used = [grant for grant in access.grants if grant.categories & categories]
    shown = 0
    for grant in used:
        shown |= grant.categories & categories
    if not shown:
        return None
    text = record_text(what)
    bases = {grant.legal_basis for grant in used}
    primary = user.primary_organization
    organization_id = next(
        (g.organization_id for g in used if g.organization_id is not None),
        primary.pk if primary else None,
    )
    disclosure = Disclosure.objects.create(
        case=access.case,
        user=user,
        organization_id=organization_id,
        categories=shown,
        what=text[:200],
        legal_basis=next(b for b in LEGAL_BASIS_STRENGTH if b in bases),
        emergency_id=next((g.emergency_id for g in used if g.emergency_id), None),
        agenda_item_id=next((g.agenda_item_id for g in used if g.agenda_item_id), None),
    )
    consents = {g.consent_id for g in used if g.consent_id}
    if consents:
        disclosure.consents.add(*consents)
    record_event(
        actor=user,
        action=Action.DISCLOSURE,
        obj=disclosure,
        legal_basis=disclosure.legal_basis,
        detail={"case": access.case.pk, "categories": shown},
    )
    return disclosure
