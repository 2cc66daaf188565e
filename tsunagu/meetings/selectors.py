"""Reading meetings: those the user's organization convenes or attends, and the material of an
agenda item through the access rule."""

import dataclasses
from typing import Any, Literal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.core.revisions import described_history
from tsunagu.meetings.models import AgendaItem, Attendee, Decision, Meeting, MeetingType
from tsunagu.sharing.access import CaseAccess, case_accesses
from tsunagu.sharing.models import AccessGrant
from tsunagu.sharing.services import record_disclosures

#: What the agenda form's picker lists, as the audit log names it.
AGENDA_CHOICES = gettext_lazy("Cases offered for a meeting's agenda")


def meetings_for(user: User) -> QuerySet[Meeting]:
    organization_ids = reading_organization_ids(user)
    return (
        Meeting.objects.filter(
            Q(organization_id__in=organization_ids)
            | Q(attendees__organization_id__in=organization_ids)
        )
        .distinct()
        .select_related("type", "organization")
    )


def get_meeting_for_user(user: User, meeting_id: int) -> Meeting:
    """The convening and attending organizations see a meeting; anyone else gets 404."""
    meeting = meetings_for(user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def organization_met_on_case(organization_id: int, case: Case) -> bool:
    """Does the organization convene or attend a meeting with the case on its agenda?"""
    return AgendaItem.objects.filter(
        Q(meeting__organization_id=organization_id)
        | Q(meeting__attendees__organization_id=organization_id),
        case=case,
    ).exists()


def meeting_types() -> QuerySet[MeetingType]:
    return MeetingType.objects.select_related("convened_by")


def meeting_member_organizations(case: Case) -> set[int]:
    """Organizations attending a consent-requiring meeting (重層的支援会議) with the case on its
    agenda: a consent for "the members of the meeting" reaches them (registered with sharing)."""
    return set(
        Attendee.objects.filter(
            meeting__agenda__case=case, meeting__type__requires_consent=True
        ).values_list("organization_id", flat=True)
    )


def material_access(
    user: User, item: AgendaItem, access: CaseAccess | None | Literal[False] = False
) -> CaseAccess | None:
    """Whether the user may read an item's material, and through which grants: the case's lead;
    a 支援会議 attendee who signed the pledge, within the window; or a consent covering every
    category of the material. None otherwise. `access`: the user's access to the item's case
    when already known (None: none), as agenda_for reads them for the whole agenda at once."""
    if access is False:
        access = case_accesses(user, [item.case]).get(item.case_id)
    if access is None:
        return None
    if access.is_lead:
        return access
    material = [
        g
        for g in access.grants
        if g.scope == AccessGrant.Scope.MEETING_MATERIAL and g.agenda_item_id == item.pk
    ]
    if material:
        # Within the meeting, what the material carries is open (its name too, where the
        # material is 属性・家族関係), and nothing more.
        return dataclasses.replace(
            access,
            grants=tuple(material),
            legal_basis=LegalBasis.SUPPORT_MEETING,
            categories=item.categories,
        )
    if access.sees(item.categories):
        return access
    return None


def read_material(user: User, item: AgendaItem) -> CaseAccess:
    """An item's material, audited, and a disclosure when read through another path than the
    lead's; 404 when the user may not read it."""
    access = material_access(user, item)
    if access is None:
        raise Http404
    record_event(
        actor=user,
        action="view",
        obj=item,
        legal_basis=access.legal_basis,
        detail={"meeting": item.meeting_id, "case": item.case_id},
    )
    record_disclosures(
        access=access,
        user=user,
        what=format_lazy(gettext_lazy("Meeting material (meeting #{id})"), id=item.meeting_id),
        categories=item.categories,
    )
    return access


def read_material_of(user: User, meeting_id: int, item_id: int) -> tuple[AgendaItem, CaseAccess]:
    """An item of a meeting the user sees, its material read as read_material reads it (404
    for a meeting or item they do not see, and for material not open to them)."""
    meeting = get_meeting_for_user(user, meeting_id)
    item = (
        meeting.agenda.select_related("case", "case__lead_organization", "prepared_by")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    return item, read_material(user, item)


def minutes_open_to(user: User, meeting: Meeting) -> bool:
    """The meeting's own minutes (全体): for a 支援会議 only the convening organization and the
    attendees who signed the pledge, within the material's window (社会福祉法106条の6); for
    another meeting, everyone who takes part in it."""
    if not meeting.type.statutory_confidentiality:
        return True
    if meeting.organization_id in reading_organization_ids(user):
        return True
    from tsunagu.meetings.services import material_window

    return meeting.attendees.filter(
        user=user, pledged_at__isnull=False
    ).exists() and timezone.now() <= material_window(meeting)


def agenda_for(user: User, meeting: Meeting) -> list[dict[str, Any]]:
    """The agenda as this user may see it: each case's name, discussion and decisions where its
    material is open to them (a 支援会議's pledge, or a consent covering the material), its
    number otherwise."""
    decisions = Decision.objects.prefetch_related("roles__organization", "roles__user")
    agenda = list(
        meeting.agenda.select_related(
            "case", "case__person", "case__household", "case__lead_organization"
        ).prefetch_related(Prefetch("decisions", queryset=decisions))
    )
    accesses = case_accesses(user, [item.case for item in agenda])
    rows = []
    for item in agenda:
        access = material_access(user, item, accesses.get(item.case_id))
        rows.append(
            {
                "item": item,
                "access": access,
                "readable": access is not None,
                "title": access.title
                if access is not None
                else _("Case #%(number)s") % {"number": item.case_id},
                "decisions": list(item.decisions.all()) if access is not None else [],
            }
        )
    return rows


@dataclasses.dataclass
class MeetingRecord:
    """会議録 as one reader may see it: the meeting, its agenda (see agenda_for) and its own
    minutes where they are open to the reader (None otherwise)."""

    meeting: Meeting
    items: list[dict[str, Any]]
    minutes: str | None
    #: The minutes' corrections, for whoever may read the minutes.
    corrections: list[tuple[Any, list[tuple[str, str, str]]]] = dataclasses.field(
        default_factory=list
    )
    #: The corrections of its date, place and title, for whoever sees the meeting.
    fact_corrections: list[tuple[Any, list[tuple[str, str, str]]]] = dataclasses.field(
        default_factory=list
    )


def read_meeting(user: User, meeting_id: int, *, printed: bool = False) -> MeetingRecord:
    """One meeting as the page and the printed 会議録 show it to this user, built from the same
    access; the read (or print) is audited, and each agenda item of a case led elsewhere whose
    name, discussion or decisions it showed is a disclosure of what it showed."""
    meeting = get_meeting_for_user(user, meeting_id)
    items = agenda_for(user, meeting)
    record_event(
        actor=user,
        action="print" if printed else "view",
        obj=meeting,
        detail={"minutes": True} if printed else {},
    )
    what = (
        gettext_lazy("Minutes of meeting #{id} (PDF)") if printed else gettext_lazy("Meeting #{id}")
    )
    for row in items:
        item, access = row["item"], row["access"]
        if access is not None:
            material = item.categories if item.discussion or row["decisions"] else 0
            record_disclosures(
                access=access,
                user=user,
                what=format_lazy(what, id=meeting.pk),
                categories=material | access.title_categories,
            )
    minutes = meeting.minutes if minutes_open_to(user, meeting) else None
    history = described_history(meeting, user.date_style)
    of_minutes = [(r, rows) for r, rows in history if "minutes" in r.changes]
    of_facts = [(r, rows) for r, rows in history if "minutes" not in r.changes]
    return MeetingRecord(
        meeting, items, minutes, of_minutes if minutes is not None else [], of_facts
    )
