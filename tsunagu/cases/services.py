"""Working a case: opening, notes, status, tasks, closure."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import acting_organization
from tsunagu.accounts.models import User
from tsunagu.accounts.selectors import belongs_to
from tsunagu.audit.choices import Action, LegalBasis
from tsunagu.audit.services import record_event, record_text
from tsunagu.cases.choices import CaseStatus
from tsunagu.cases.models import Attachment, Case, CaseIssue, ProgressNote, Task
from tsunagu.cases.selectors import open_cases_of
from tsunagu.core.calendar import add_months, refuse_future
from tsunagu.core.revisions import correct
from tsunagu.core.search_index import search_index
from tsunagu.intake.choices import Disposition, join_flags
from tsunagu.intake.models import Consultation, ConsultationIssue, Issue
from tsunagu.intake.services import (
    issue_correction,
    mark_first_response,
    replace_issues,
    tell_supervisors,
)
from tsunagu.people.models import Household, Person
from tsunagu.people.selectors import current_members, knowing_organization_ids
from tsunagu.people.services import link_person
from tsunagu.sharing.access import require_writer
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.models import EmergencyAccess
from tsunagu.sharing.services import (
    declare_emergency,
    emergency_reason_error,
    may_declare_emergency,
)

#: Which status may follow which. 中断 and 終結 are reached by their own services.
TRANSITIONS = {
    CaseStatus.RECEIVED: {CaseStatus.ASSESSMENT},
    CaseStatus.ASSESSMENT: {CaseStatus.PLANNING},
    CaseStatus.PLANNING: {CaseStatus.IN_SUPPORT, CaseStatus.ASSESSMENT},
    CaseStatus.IN_SUPPORT: {CaseStatus.EVALUATION},
    CaseStatus.EVALUATION: {CaseStatus.IN_SUPPORT, CaseStatus.PLANNING},
    CaseStatus.SUSPENDED: set(),
    CaseStatus.CLOSED: set(),
}


@transaction.atomic
def open_case(
    *,
    actor: User,
    person: Person | None = None,
    household: Household | None = None,
    consultation: Consultation | None = None,
    title: str = "",
    issues: list[Issue] | None = None,
    main_issue: Issue | None = None,
    risk_flags: list[str] | None = None,
    lead_worker: User | None = None,
    opened_on: dt.date | None = None,
    second_case: bool = False,
) -> Case:
    """ケース化 (open a case) for a person or a household; the actor's organization leads.
    Where the person (or household) already has an open case the actor may know of, it is
    refused unless `second_case` says a second one is meant (two records of one support are
    how a case falls between workers)."""
    if person is None and household is None and consultation is not None:
        person = consultation.person
    if person is None and household is None:
        raise ValidationError(
            _(
                "A case is for a person or a household. Identify the person "
                "first (an anonymous consultation can be identified later)."
            )
        )
    # The case is led by the agency of its consultation, or by one that knows its subject,
    # where the actor works cases (a consultant there, not a manager there who works elsewhere).
    organization = acting_organization(
        actor,
        among=[consultation.organization_id]
        if consultation is not None
        else knowing_organization_ids(person or household),  # type: ignore[arg-type]
    )
    open_ones = open_cases_of(actor, person, household)
    if not second_case and (numbers := list(open_ones.values_list("pk", flat=True))):
        raise ValidationError(
            {
                "second_case": _(
                    "%(subject)s already has an open case (%(cases)s). Write in it, or tick "
                    "“open a second case” if a second one is meant."
                )
                % {
                    "subject": person.name if person else household.name,  # type: ignore[union-attr]
                    "cases": "、".join(f"#{n}" for n in numbers),
                }
            }
        )
    opened_on = opened_on or timezone.localdate()
    refuse_future(opened_on, "opened_on", _("A case cannot be opened in the future."))
    case = Case(
        person=person,
        household=household,
        consultation=consultation,
        title=title.strip(),
        lead_organization=organization,
        lead_worker=lead_worker or actor,
        opened_on=opened_on,
    )
    if consultation is not None and not risk_flags:
        case.risk_flags = consultation.risk_flags
    else:
        case.risk_flags = join_flags(risk_flags or [])
    if consultation is not None and consultation.first_response_at is not None:
        case.first_response_at = consultation.first_response_at
        case.first_response_by = consultation.first_response_by
        case.first_response = consultation.first_response
    case.full_clean()
    case.save()
    if consultation is not None and not issues:
        rows = ConsultationIssue.objects.filter(consultation=consultation).select_related("issue")
        issues = [row.issue for row in rows]
        main_issue = next((row.issue for row in rows if row.is_main), None)
    replace_issues(CaseIssue, "case", case, list(issues or []), main_issue)
    if consultation is not None:
        consultation.disposition = Disposition.CASE
        consultation.save(update_fields=["disposition", "updated_at"])
    people = [person] if person else []
    if household is not None:
        people += [member.person for member in current_members(household)]
    for someone in people:
        link_person(person=someone, organization=organization)
    record_event(actor=actor, action="create", obj=case)
    # An urgent case that does not come from an urgent consultation (that one was told) is told
    # to the agency's supervisors at once.
    if case.awaits_first_response and not (consultation is not None and consultation.is_urgent):
        _tell_supervisors(case, actor)
    return case


def _tell_supervisors(case: Case, actor: User) -> None:
    tell_supervisors(
        case.lead_organization_id,
        actor,
        gettext_lazy(
            "Case #%(number)s (%(worker)s) carries a risk to life or safety: it is listed as "
            "urgent until its first response is recorded."
        ),
        case.pk,
        reverse("cases:case-detail", args=[case.pk]),
    )


def worker_error(user: User | None, organization: Any) -> str | None:
    """Why this worker cannot carry a task for this organization (they do not work there), or
    None."""
    if user is None or belongs_to(user, organization):
        return None
    return _(
        "%(worker)s does not work at %(organization)s. Choose one of its workers, or leave "
        "the worker empty for the organization to decide."
    ) % {"worker": user.display_name, "organization": organization.name}


def opens_case(case: Case, organization_id: int) -> bool:
    """May this organization open the case a task is on: its lead, or on its team?"""
    return (
        organization_id == case.lead_organization_id
        or case.team.filter(organization_id=organization_id, left_at__isnull=True).exists()
    )


#: What a correction of a case's facts may change (its status, lead and closure have their own
#: services).
CASE_CORRECTABLE = ("title", "opened_on", "support_decided_on")


@transaction.atomic
def correct_case(
    *,
    actor: User,
    case: Case,
    reason: str = "",
    issues: list[Issue] | None = None,
    main_issue: Issue | None = None,
    risk_flags: list[str] | None = None,
    **fields: Any,
) -> Case:
    """ケース情報の訂正: its title, dates, 危険の兆候 and 課題 as they are now known (a DV
    disclosed at the third visit); the case's writers only. The earlier version stays as its
    history; a correction that makes it urgent lists it as urgent and tells the supervisors."""
    require_writer(actor, case)
    unknown = set(fields) - set(CASE_CORRECTABLE)
    if unknown:
        raise ValidationError(f"Unknown case fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
    if "opened_on" in fields:
        if not fields["opened_on"]:
            raise ValidationError({"opened_on": _("A case keeps the day it was opened.")})
        refuse_future(fields["opened_on"], "opened_on", _("A case cannot be opened in the future."))
    if fields.get("support_decided_on"):
        refuse_future(
            fields["support_decided_on"],
            "support_decided_on",
            _("Support cannot be decided in the future."),
        )
    # A date corrected keeps its order with the dates kept (a correction of anything else is
    # not held up by dates recorded before this rule).
    opened = fields.get("opened_on") or case.opened_on
    decided = fields.get("support_decided_on", case.support_decided_on)
    changed = {"opened_on", "support_decided_on"} & {
        f for f in fields if fields[f] != getattr(case, f)
    }
    if changed and decided and decided < opened:
        field = "support_decided_on" if "support_decided_on" in changed else "opened_on"
        raise ValidationError({field: _("Support is decided on or after the day the case opened.")})
    if "opened_on" in changed and case.closed_on and opened > case.closed_on:
        raise ValidationError({"opened_on": _("A case opens on or before the day it closed.")})
    if risk_flags is not None:
        fields["risk_flags"] = join_flags(risk_flags)
    extra = {}
    if issues is not None:
        extra["issues"] = issue_correction(CaseIssue, "case", case, list(issues), main_issue)
    was_awaiting = case.awaiting
    revision = correct(case, actor=actor, changes=fields, reason=reason, extra=extra)
    if revision is None:
        return case
    record_event(
        actor=actor,
        action="update",
        obj=case,
        detail={"corrected": sorted(revision.changes), "revision": revision.number},
    )
    case.refresh_from_db()
    if case.awaiting and not was_awaiting:
        _tell_supervisors(case, actor)
    return case


def index_note(note: ProgressNote) -> None:
    search_index.index_case_text(
        kind="note",
        object_id=note.pk,
        case=note.case,
        content="\n".join(filter(None, [note.body, note.with_whom, note.next_action])),
        categories=note.categories,
        occurred_at=note.occurred_at,
    )


@transaction.atomic
def add_progress_note(
    *,
    actor: User,
    case: Case,
    body: str,
    method: str,
    occurred_at: dt.datetime | None = None,
    with_whom: str = "",
    next_action: str = "",
    next_action_on: dt.date | None = None,
    categories: int = InfoCategory.HISTORY,
) -> ProgressNote:
    """支援経過を記録する. A next action with a date becomes a task for the writer. The note
    carries the kinds of information it holds (情報の区分), which decide who else may read it."""
    require_writer(actor, case)
    if not (body or "").strip():
        raise ValidationError({"body": _("Write what happened.")})
    occurred_at = occurred_at or timezone.now()
    refuse_future(
        occurred_at,
        "occurred_at",
        _(
            "A note records what happened: its time cannot be "
            "in the future. Put plans in “next action”."
        ),
    )
    if not categories:
        raise ValidationError({"categories": _("Choose at least one kind of information.")})
    if next_action_on and not next_action.strip():
        raise ValidationError({"next_action": _("Say what the next action is, or clear its date.")})
    organization = case.lead_organization  # only the lead's case workers write notes
    note = ProgressNote(
        case=case,
        body=body.strip(),
        method=method,
        occurred_at=occurred_at,
        with_whom=with_whom,
        next_action=next_action,
        next_action_on=next_action_on,
        categories=categories,
        author=actor,
        organization=organization,
    )
    note.full_clean()
    note.save()
    if next_action and next_action_on:
        Task.objects.create(
            case=case,
            title=next_action,
            due_on=next_action_on,
            assignee=actor,
            organization=organization,
            source="note",
            source_id=note.pk,
        )
    index_note(note)
    record_event(actor=actor, action="create", obj=note, detail={"case": case.pk})
    _first_response_by_note(note)
    return note


#: What a correction of a note may change.
NOTE_CORRECTABLE = ("occurred_at", "method", "with_whom", "body", "categories")


@transaction.atomic
def correct_progress_note(
    *, actor: User, note: ProgressNote, reason: str, **fields: Any
) -> ProgressNote:
    """支援経過記録の訂正: a note is corrected, never silently overwritten. Only its own
    organization's case writers correct it, with the reason; the earlier version stays as its
    history (tsunagu.core.revisions), the correction is audited and the note re-indexed."""
    require_writer(actor, note.case)
    if note.organization_id not in {m.organization_id for m in actor.casework_memberships}:
        raise PermissionDenied
    unknown = set(fields) - set(NOTE_CORRECTABLE)
    if unknown:
        raise ValidationError(f"Unknown note fields: {sorted(unknown)}")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the note is corrected.")})
    if "body" in fields:
        fields["body"] = (fields["body"] or "").strip()
        if not fields["body"]:
            raise ValidationError({"body": _("Write what happened.")})
    if "categories" in fields and not fields["categories"]:
        raise ValidationError({"categories": _("Choose at least one kind of information.")})
    if not fields.get("occurred_at"):
        fields.pop("occurred_at", None)
    else:
        refuse_future(
            fields["occurred_at"],
            "occurred_at",
            _("A note records what happened: its time cannot be in the future."),
        )
    revision = correct(note, actor=actor, changes=fields, reason=reason)
    if revision is not None:
        index_note(note)
        record_event(
            actor=actor,
            action="update",
            obj=note,
            detail={"case": note.case_id, "corrected": sorted(revision.changes)},
        )
    return note


def _first_response_by_note(note: ProgressNote) -> None:
    """The first note on an urgent case that waits for its first response is that response
    (a call, a visit: what was done), and so is it for the consultation the case came from."""
    case = note.case
    waiting = [r for r in (case, case.consultation) if r is not None and r.awaits_first_response]
    for record in waiting:
        mark_first_response(
            record,
            actor=note.author,
            text=record_text(gettext_lazy("Progress note #%(number)s"), {"number": note.pk}),
        )
        record.save(
            update_fields=["first_response_at", "first_response_by", "first_response", "updated_at"]
        )


@transaction.atomic
def change_case_status(*, actor: User, case: Case, status: str) -> Case:
    """Move the case to its next stage; impossible moves are refused with the reason."""
    require_writer(actor, case)
    if status not in TRANSITIONS.get(CaseStatus(case.status), set()):
        raise ValidationError(
            _("A case in “%(current)s” cannot move to “%(next)s”.")
            % {"current": case.get_status_display(), "next": CaseStatus(status).label}
        )
    previous = case.status
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="update", obj=case, detail={"status": [previous, status]})
    return case


def advance_to(case: Case, status: str) -> None:
    """Move forward through the stages up to `status` (used when a plan or an assessment is
    written: the record is the evidence of the stage)."""
    order: list[str] = [
        CaseStatus.RECEIVED,
        CaseStatus.ASSESSMENT,
        CaseStatus.PLANNING,
        CaseStatus.IN_SUPPORT,
        CaseStatus.EVALUATION,
    ]
    if case.status in order and status in order and order.index(status) > order.index(case.status):
        case.status = status
        case.save(update_fields=["status", "updated_at"])


CHECK_IN_MONTHS = (1, 3, 6, 12)


@transaction.atomic
def close_case(
    *,
    actor: User,
    case: Case,
    reason: str,
    note: str = "",
    closed_on: dt.date | None = None,
    lead_worker: User | None = None,
    check_in_months: Sequence[int] = (),
) -> Case:
    """終結 (close a case) with a reason, keeping a named 主担当 who stays in touch (伴走):
    light check-ins after some months become that worker's tasks."""
    require_writer(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("This case is already closed."))
    if not reason:
        raise ValidationError({"closure_reason": _("Choose why the case is closed.")})
    closed_on = closed_on or timezone.localdate()
    refuse_future(closed_on, "closed_on", _("A case cannot be closed in the future."))
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("The closing date is before the case was opened.")})
    case.status = CaseStatus.CLOSED
    case.closure_reason = reason
    case.closure_note = note
    case.closed_on = closed_on
    if lead_worker is not None:
        case.lead_worker = lead_worker
    case.full_clean()
    case.save()
    Task.objects.filter(case=case, done_at__isnull=True).update(done_at=timezone.now())
    for months in sorted(set(check_in_months)):
        if months not in CHECK_IN_MONTHS:
            raise ValidationError(
                {"check_in_months": _("Check-ins are after 1, 3, 6 or 12 months.")}
            )
        Task.objects.create(
            case=case,
            title=_("伴走: check in (%(months)s months after closing)") % {"months": months},
            due_on=add_months(closed_on, months),
            assignee=case.lead_worker,
            organization=case.lead_organization,
            source="check_in",
        )
    record_event(
        actor=actor,
        action="update",
        obj=case,
        detail={"closed": reason, "keeps_in_touch": case.lead_worker_id},
    )
    return case


@transaction.atomic
def suspend_case(*, actor: User, case: Case, note: str) -> Case:
    """中断: support stops without the goals being met (the person stopped coming …)."""
    require_writer(actor, case)
    case.status = CaseStatus.SUSPENDED
    case.closure_note = note
    case.save(update_fields=["status", "closure_note", "updated_at"])
    record_event(actor=actor, action="update", obj=case, detail={"suspended": True})
    return case


@transaction.atomic
def reopen_case(*, actor: User, case: Case, reason: str) -> Case:
    require_writer(actor, case)
    if case.status not in (CaseStatus.CLOSED, CaseStatus.SUSPENDED):
        raise ValidationError(_("Only a closed or suspended case can be reopened."))
    case.status = CaseStatus.IN_SUPPORT
    case.closed_on = None
    case.save(update_fields=["status", "closed_on", "updated_at"])
    record_event(actor=actor, action="update", obj=case, detail={"reopened": reason})
    return case


@transaction.atomic
def complete_task(*, actor: User, task: Task) -> Task:
    """A task is done by the lead organization's case workers, or by a case worker of the
    organization it was given to (a manager reads tasks; he does not do them)."""
    if task.organization_id not in {m.organization_id for m in actor.casework_memberships}:
        require_writer(actor, task.case)
    task.done_at = timezone.now()
    task.save(update_fields=["done_at", "updated_at"])
    record_event(actor=actor, action="update", obj=task, detail={"done": True})
    return task


#: What may be attached: documents and pictures, not programs.
ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".heic", ".docx", ".xlsx", ".txt"}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def attach_file(
    *, actor: User, case: Case, title: str, file: "File[bytes]", categories: int
) -> Attachment:
    """添付する: a document of the case, with the kinds of information it holds."""
    require_writer(actor, case)
    errors: dict[str, str] = {}
    name = (file.name or "").lower()
    if not any(name.endswith(suffix) for suffix in ATTACHMENT_TYPES):
        errors["file"] = _(
            "Attach a PDF, an image (JPEG, PNG, HEIC), a Word or Excel file, or text."
        )
    elif (file.size or 0) > ATTACHMENT_MAX_BYTES:
        errors["file"] = _("The file is larger than 20 MB. Scan it at a lower resolution.")
    if not title.strip():
        errors["title"] = _("Give the attachment a title (e.g. 診断書 2026年11月).")
    if not categories:
        errors["categories"] = _("Choose at least one kind of information.")
    if errors:
        raise ValidationError(errors)
    attachment = Attachment(
        case=case, title=title.strip(), file=file, categories=categories, uploaded_by=actor
    )
    attachment.save()
    record_event(actor=actor, action="create", obj=attachment, detail={"case": case.pk})
    return attachment


def declare_emergency_by_number(
    *, actor: User, case_id: int, reason: str
) -> EmergencyAccess | None:
    """An emergency declared for a case number the worker was given: as declare_emergency,
    but a number that names no case is answered like a case without a link (None: nothing
    opens), so that the form tells nobody which numbers exist. The attempt is audited."""
    if not may_declare_emergency(actor):  # before the lookup: the same refusal for any number
        raise PermissionDenied(_("You do not hold the right to declare an emergency access."))
    case = Case.objects.select_related("lead_organization").filter(pk=case_id).first()
    if case is not None:
        return declare_emergency(actor=actor, case=case, reason=reason)
    if problem := emergency_reason_error(reason):
        raise ValidationError({"reason": problem})
    record_event(
        actor=actor,
        action=Action.EMERGENCY_ACCESS,
        object_type="cases.case",
        object_id=str(case_id),
        legal_basis=LegalBasis.EMERGENCY,
        detail={"case": case_id, "exists": False},
    )
    return None
