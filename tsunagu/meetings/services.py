"""会議: convening, the agenda with its prepared material, pledges, decisions and roles. The
meeting's type decides the legal basis: a 重層的支援会議 discusses only cases whose consent
covers the attending agencies; a 支援会議 shares material without consent with attendees who
signed the confidentiality pledge, from its preparation until some days after the meeting."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.models import Organization, User
from tsunagu.accounts.selectors import belongs_to
from tsunagu.audit.choices import Action, LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case, Task
from tsunagu.cases.services import opens_case, worker_error
from tsunagu.core.revisions import correct
from tsunagu.core.wareki import format_date
from tsunagu.meetings.choices import DecisionKind
from tsunagu.meetings.models import (
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MeetingType,
    RoleAssignment,
)
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.sharing.access import NoLawfulPath, can_write, require_writer
from tsunagu.sharing.choices import ALL_CATEGORIES, category_labels, covers
from tsunagu.sharing.models import AccessGrant, Consent
from tsunagu.sharing.services import case_workers, refresh_consent_grants


def _convening_organization(actor: User, type: MeetingType) -> Organization:
    memberships = actor.casework_memberships
    if type.convened_by_id is not None:
        memberships = [m for m in memberships if m.organization_id == type.convened_by_id]
        if not memberships:
            raise PermissionDenied(
                _("A %(type)s is convened by %(organization)s.")
                % {"type": type.name, "organization": type.convened_by}
            )
    if not memberships:
        raise PermissionDenied
    return memberships[0].organization


def is_convener(user: User, meeting: Meeting) -> bool:
    return any(m.organization_id == meeting.organization_id for m in user.casework_memberships)


@transaction.atomic
def convene_meeting(
    *,
    actor: User,
    type: MeetingType,
    held_at: dt.datetime,
    place: str = "",
    title: str = "",
    attendees: Iterable[tuple[Organization, User | None]] = (),
) -> Meeting:
    """会議を開く: its type, when and where, and who is invited (the convener's organization
    attends)."""
    organization = _convening_organization(actor, type)
    if held_at is None:
        raise ValidationError({"held_at": _("Give the date and time of the meeting.")})
    meeting = Meeting.objects.create(
        type=type,
        held_at=held_at,
        place=place.strip(),
        title=title.strip(),
        organization=organization,
        convener=actor,
    )
    Attendee.objects.create(meeting=meeting, organization=organization, user=actor)
    for invited_organization, user in attendees:
        invite(actor=actor, meeting=meeting, organization=invited_organization, user=user)
    record_event(actor=actor, action=Action.CREATE, obj=meeting, detail={"type": type.name})
    return meeting


#: What a correction of a meeting's facts may change (its minutes have write_minutes).
MEETING_FIELDS = ("title", "held_at", "place")


@transaction.atomic
def correct_meeting(*, actor: User, meeting: Meeting, reason: str = "", **fields: Any) -> Meeting:
    """会議情報の訂正 (moved to another day, another room): the convening organization only; the
    earlier version stays as the meeting's history. A new date moves the 支援会議's material
    window with it, and the invited are told."""
    if not is_convener(actor, meeting):
        raise PermissionDenied
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown meeting fields: {sorted(unknown)}")
    if "held_at" in fields and fields["held_at"] is None:
        raise ValidationError({"held_at": _("Give the date and time of the meeting.")})
    for name in ("title", "place"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    revision = correct(meeting, actor=actor, changes=fields, reason=reason)
    if revision is None:
        return meeting
    if "held_at" in revision.changes:
        refresh_material_grants(meeting)
        when = timezone.localtime(meeting.held_at)
        notify(
            users=[
                a.user
                for a in meeting.attendees.select_related("user")
                if a.user is not None and a.user_id != actor.pk
            ],
            kind=Kind.MEETING,
            message=gettext_lazy("%(meeting)s of %(organization)s is moved to %(day)s."),
            params={
                "organization": meeting.organization.name,
                "meeting": meeting.type.name,
                "day": f"{format_date(when.date())} {when:%H:%M}",
            },
            url=reverse("meetings:meeting-detail", args=[meeting.pk]),
        )
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=meeting,
        detail={"corrected": sorted(revision.changes), "revision": revision.number},
    )
    return meeting


@transaction.atomic
def invite(
    *, actor: User, meeting: Meeting, organization: Organization, user: User | None = None
) -> Attendee:
    if not is_convener(actor, meeting):
        raise PermissionDenied
    if user is not None and not belongs_to(user, organization):
        raise ValidationError({"user": _("The attendee must belong to that organization.")})
    if user is not None and meeting.attendees.filter(user=user).exists():
        raise ValidationError({"user": _("This person is invited already.")})
    attendee = Attendee.objects.create(meeting=meeting, organization=organization, user=user)
    if meeting.type.requires_consent:
        for item in meeting.agenda.select_related("case"):
            refresh_consent_grants(item.case)
    notify(
        users=[user] if user else case_workers(organization),
        kind=Kind.MEETING,
        message=gettext_lazy("%(organization)s invites you to %(meeting)s on %(day)s."),
        params={
            "organization": meeting.organization.name,
            "meeting": meeting.type.name,
            "day": f"{format_date(timezone.localtime(meeting.held_at).date())} "
            f"{timezone.localtime(meeting.held_at):%H:%M}",
        },
        url=reverse("meetings:meeting-detail", args=[meeting.pk]),
    )
    record_event(actor=actor, action=Action.CREATE, obj=attendee, detail={"meeting": meeting.pk})
    return attendee


def uncovered_members(meeting: Meeting, case: Case, categories: int) -> list[Organization]:
    """The attending organizations (other than the case's lead) that no consent in force
    covers for these categories."""
    consents = [
        c
        for c in Consent.objects.filter(case=case).in_force().prefetch_related("organizations")
        if covers(c.categories, categories)
    ]
    missing = []
    for attendee in meeting.attendees.select_related("organization"):
        organization = attendee.organization
        if organization.pk == case.lead_organization_id or organization in missing:
            continue
        if not any(c.meeting_members or organization in c.organizations.all() for c in consents):
            missing.append(organization)
    return missing


@transaction.atomic
def add_to_agenda(
    *, actor: User, meeting: Meeting, case: Case, material: str, categories: int
) -> AgendaItem:
    """議題に加える: the case's lead prepares the material. A 重層的支援会議 refuses a case
    whose consent does not cover every attending agency, and says which."""
    require_writer(actor, case)
    errors: dict[str, str] = {}
    if not material.strip():
        errors["material"] = _("Prepare the material: what the attendees need to know.")
    if not categories & ALL_CATEGORIES:
        errors["categories"] = _("Choose the kinds of information the material contains.")
    if meeting.agenda.filter(case=case).exists():
        errors["case"] = _("This case is on the agenda already.")
    if errors:
        raise ValidationError(errors)
    if meeting.type.requires_consent:
        missing = uncovered_members(meeting, case, categories)
        if missing:
            raise NoLawfulPath(
                _(
                    "A %(type)s discusses only cases whose consent covers every attending agency. "
                    "No consent in force covers %(organizations)s for %(categories)s: record the "
                    "person's consent (naming them, or the members of the meeting) first."
                )
                % {
                    "type": meeting.type.name,
                    "organizations": "、".join(o.name for o in missing),
                    "categories": "・".join(category_labels(categories)),
                }
            )
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        material=material.strip(),
        categories=categories & ALL_CATEGORIES,
        prepared_by=actor,
    )
    if meeting.type.requires_consent:
        refresh_consent_grants(case)
    refresh_material_grants(meeting)
    record_event(
        actor=actor, action=Action.CREATE, obj=item, detail={"meeting": meeting.pk, "case": case.pk}
    )
    return item


def material_window(meeting: Meeting) -> dt.datetime:
    return meeting.held_at + dt.timedelta(days=meeting.type.material_days)


def refresh_material_grants(meeting: Meeting) -> None:
    """支援会議: each attendee who signed the pledge may read each item's material, from its
    preparation until the set number of days after the meeting. (Other meeting types open
    nothing by themselves: their path is the consent.)"""
    AccessGrant.objects.filter(
        agenda_item__meeting=meeting, legal_basis=LegalBasis.SUPPORT_MEETING
    ).delete()
    if not meeting.type.statutory_confidentiality:
        return
    pledged = list(meeting.attendees.filter(pledged_at__isnull=False, user__isnull=False))
    grants = []
    for item in meeting.agenda.select_related("case"):
        for attendee in pledged:
            if attendee.organization_id == item.case.lead_organization_id:
                continue
            grants.append(
                AccessGrant(
                    case=item.case,
                    user_id=attendee.user_id,
                    scope=AccessGrant.Scope.MEETING_MATERIAL,
                    categories=item.categories,
                    legal_basis=LegalBasis.SUPPORT_MEETING,
                    agenda_item=item,
                    valid_from=item.created_at,
                    valid_until=material_window(meeting),
                )
            )
    AccessGrant.objects.bulk_create(grants)


@transaction.atomic
def sign_pledge(*, actor: User, meeting: Meeting) -> Attendee:
    """守秘義務の誓約 (社会福祉法106条の6): only an invited attendee signs, before the material
    opens to them."""
    attendee = meeting.attendees.filter(user=actor).first()
    if attendee is None:
        raise ValidationError(_("Only an invited attendee signs the pledge of this meeting."))
    if not meeting.type.statutory_confidentiality:
        raise ValidationError(_("This meeting shares under consent: it has no pledge to sign."))
    if attendee.pledged_at is None:
        attendee.pledged_at = timezone.now()
        attendee.save(update_fields=["pledged_at"])
        refresh_material_grants(meeting)
        record_event(
            actor=actor,
            action=Action.CREATE,
            obj=attendee,
            legal_basis=LegalBasis.SUPPORT_MEETING,
            detail={"meeting": meeting.pk, "pledge": True},
        )
    return attendee


def may_record(user: User, item: AgendaItem) -> bool:
    return is_convener(user, item.meeting) or can_write(user, item.case)


def _role_error(item: AgendaItem, organization: Organization, user: User | None) -> str | None:
    """Why a role cannot go to this organization and worker, or None: the worker must work at
    the organization, and the organization must be able to open the case its task is on (the
    lead, the case's team, or an organization at this meeting)."""
    if error := worker_error(user, organization):
        return error
    at_meeting = {item.meeting.organization_id} | set(
        item.meeting.attendees.values_list("organization_id", flat=True)
    )
    if organization.pk in at_meeting or opens_case(item.case, organization.pk):
        return None
    return _(
        "%(organization)s is neither on this case's team nor at this meeting: it could not open "
        "the task. Invite it to the meeting or add it to the team first."
    ) % {"organization": organization.name}


@transaction.atomic
def record_decision(
    *,
    actor: User,
    item: AgendaItem,
    kind: str,
    text: str,
    roles: Iterable[dict[str, Any]] = (),
    support_decided_on: dt.date | None = None,
) -> Decision:
    """決定を記録する. Each role (organization, worker, what, due date) becomes a task of the
    case for that organization. A plan approved in a 重層的支援会議 can carry the
    municipality's 支援決定 date."""
    if not may_record(actor, item):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = _("Choose what kind of decision this is.")
    if not text.strip():
        errors["text"] = _("Write what was decided.")
    roles = [r for r in roles if (r.get("description") or "").strip()]
    for role in roles:
        if role.get("organization") is None or role.get("due_on") is None:
            errors["roles"] = _("Each role needs the organization and a due date.")
        elif problem := _role_error(item, role["organization"], role.get("user")):
            errors["roles"] = problem
    if support_decided_on is not None and kind != DecisionKind.PLAN_APPROVAL:
        errors["support_decided_on"] = _("The 支援決定 date goes with a plan approval.")
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(item=item, kind=kind, text=text.strip(), recorded_by=actor)
    for role in roles:
        task = Task.objects.create(
            case=item.case,
            title=role["description"].strip(),
            due_on=role["due_on"],
            assignee=role.get("user"),
            organization=role["organization"],
            source="meeting",
            source_id=decision.pk,
        )
        RoleAssignment.objects.create(
            decision=decision,
            organization=role["organization"],
            user=role.get("user"),
            description=role["description"].strip(),
            due_on=role["due_on"],
            task=task,
        )
        notify(
            users=[role["user"]] if role.get("user") else case_workers(role["organization"]),
            kind=Kind.ASSIGNMENT,
            message=gettext_lazy(
                "%(meeting)s gave %(organization)s a role on case #%(case)s: %(role)s (by %(day)s)"
            ),
            params={
                "meeting": item.meeting.type.name,
                "organization": role["organization"].name,
                "case": item.case_id,
                "role": role["description"].strip(),
                "day": format_date(role["due_on"]),
            },
            url=reverse("meetings:meeting-detail", args=[item.meeting_id]),
        )
    if support_decided_on is not None:
        item.case.support_decided_on = support_decided_on
        item.case.save(update_fields=["support_decided_on", "updated_at"])
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=decision,
        detail={"case": item.case_id, "kind": kind, "roles": len(roles)},
    )
    return decision


@transaction.atomic
def write_minutes(
    *, actor: User, meeting: Meeting, minutes: str, discussions: dict[int, str]
) -> Meeting:
    """会議録を書く・訂正する: the minutes and each item's discussion; what they said before is
    kept as their history (core.revisions), so that written minutes are corrected, never
    silently overwritten."""
    if not is_convener(actor, meeting):
        raise PermissionDenied
    correct(meeting, actor=actor, changes={"minutes": minutes.strip()}, first_writing=True)
    for item in meeting.agenda.all():
        if item.pk in discussions:
            text = discussions[item.pk].strip()
            correct(item, actor=actor, changes={"discussion": text}, first_writing=True)
    record_event(actor=actor, action=Action.UPDATE, obj=meeting, detail={"minutes": True})
    return meeting
