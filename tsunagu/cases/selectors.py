"""Reading cases, always through the access rule (tsunagu.sharing.access)."""

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event, record_listing, record_text
from tsunagu.cases.choices import OPEN_STATUSES
from tsunagu.cases.models import Attachment, Case, CaseIssue, ProgressNote, Task
from tsunagu.core.revisions import describe, histories
from tsunagu.intake.models import Consultation, Issue
from tsunagu.intake.selectors import checklist_initial, issues_with_main
from tsunagu.people.models import Person
from tsunagu.people.selectors import name_matches
from tsunagu.sharing.access import (
    CaseAccess,
    CaseCard,
    CaseView,
    case_access,
    case_cards,
    knows_case,
    readable_condition,
    require_writer,
    visible_condition,
)
from tsunagu.sharing.choices import InfoCategory, categories_of
from tsunagu.sharing.services import record_disclosures

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What a read of a case was, as the audit log and the disclosure record name it.
CASE_OVERVIEW = _("Case: overview and progress notes")
CASE_SUPPORT = _("Case: assessment, plan and evaluations")
CASE_COLLABORATION = _("Case: agencies, consents and referrals")
CASE_API = _("Case (API)")
CASE_FORM = _("Case: a form to write in it")
CASELOAD = _("Caseload")
TASKS_DUE = _("Tasks due today and overdue (home)")
TASKS_API = _("Open tasks (API)")
CASELOAD_API = _("Caseload (API)")
CASELOAD_EXPORT = _("Caseload (Excel)")
HOUSEHOLD = _("Household: members with their open cases")
URGENT = _("Urgent, first response not recorded")
OPEN_CASES_OF_SUBJECT = _("Open cases of the person (opening a case)")
#: What a case card reads besides the case (its name, age, district and lead worker).
CARD_RELATED = (
    "person__district",
    "household__district",
    "lead_worker",
    "lead_organization",
)
SHEETS = {
    "assessment": _("Assessment sheet"),
    "plan": _("Support plan"),
    "evaluation": _("Evaluation sheet"),
}


def printed(name: str, *, api: bool = False) -> "StrOrPromise":
    """A standard sheet printed as PDF (from the page or the API)."""
    sheet = SHEETS.get(name, name)
    return format_lazy(_("{sheet} (PDF, API)") if api else _("{sheet} (PDF)"), sheet=sheet)


def visible_cases(user: User, at: dt.datetime | None = None) -> QuerySet[Case]:
    """Every case the user may know of: led by their organization, or shared with it."""
    return Case.objects.filter(visible_condition(user, at))


def readable_cases(user: User, categories: int, at: dt.datetime | None = None) -> QuerySet[Case]:
    """Cases whose content in `categories` the user may read: led by their organization, or
    opened to them by grants covering all of those categories."""
    return Case.objects.filter(readable_condition(user, categories, at))


def open_cases_of_subjects(
    user: User, people: Iterable[Person], households: Iterable[Any]
) -> QuerySet[Case]:
    """The open cases of these people and households the user may know by name (属性・家族関係
    open to them): found through the people, not by matching names again."""
    return (
        readable_cases(user, InfoCategory.FAMILY)
        .filter(Q(person__in=list(people)) | Q(household__in=list(households)))
        .filter(status__in=OPEN_STATUSES)
        .select_related(*CARD_RELATED)
        .order_by("-opened_on", "-pk")
    )


def caseload(user: User, filters: dict[str, Any]) -> QuerySet[Case]:
    """ケース一覧: filtered and ordered in the database (the view paginates)."""
    # A filter by issue, risk or district reads content (生活歴・課題, 属性): it searches only
    # the cases where that content is open to the user, or it would tell what is closed.
    query = (filters.get("q") or "").strip().lstrip("#＃")
    number = unicodedata.normalize("NFKC", query) if query else ""
    by_name = bool(query) and not (number.isascii() and number.isdigit())
    needed = (InfoCategory.HISTORY if filters.get("issue") or filters.get("risk") else 0) | (
        InfoCategory.FAMILY if filters.get("district") or by_name else 0
    )
    cases = (readable_cases(user, needed) if needed else visible_cases(user)).select_related(
        *CARD_RELATED
    )
    if by_name:  # the name is 属性・家族関係: only where it is open (see `needed`)
        cases = cases.filter(
            name_matches(query, "person__")
            | Q(household__name__contains=query)
            | Q(title__contains=query)
        )
    elif number:  # a number longer than any id finds nothing (and overflows no integer)
        cases = cases.filter(pk=int(number)) if len(number) <= 12 else cases.none()
    if status := filters.get("status"):
        cases = cases.filter(status=status)
    elif not filters.get("include_closed") and not (number and not by_name):
        cases = cases.filter(status__in=OPEN_STATUSES)  # a case's number finds it even closed
    if issue := filters.get("issue"):
        cases = cases.filter(Exists(CaseIssue.objects.filter(case=OuterRef("pk"), issue=issue)))
    if district := filters.get("district"):
        cases = cases.filter(Q(person__district=district) | Q(household__district=district))
    if risk := filters.get("risk"):
        cases = cases.filter(risk_flags__contains=f" {risk} ")
    if worker := filters.get("worker"):
        cases = cases.filter(lead_worker=worker)
    if filters.get("mine"):
        cases = cases.filter(lead_worker=user)
    return cases.order_by("-opened_on", "-pk")


def read_caseload(
    user: User, cases: list[Case], *, what: "StrOrPromise" = CASELOAD, audit: bool = True
) -> dict[int, CaseCard]:
    """The cards of the cases a list shows (see CaseCard): the list is audited with the cases
    it named, and each case led elsewhere whose name or risk flags it showed is a disclosure."""
    cards = case_cards(user, cases)
    if audit:
        record_listing(actor=user, rows=cases, what=what)
    disclose_cards(user, cards.values(), what=what)
    return cards


def disclose_cards(
    user: User, cards: Iterable[CaseCard], *, what: "StrOrPromise", issues_shown: bool = False
) -> None:
    """Each card of a case led elsewhere that showed its name or risk flags (or, where the page
    shows them, its issues) is a disclosure of those categories."""
    for card in cards:
        disclose(
            user, card, what, InfoCategory.HISTORY if issues_shown and card.sees_history else 0
        )


def open_cases_of(user: User, person: Person | None, household: Any) -> QuerySet[Case]:
    """The open cases of the person (or, for a household, of the household as a whole) that
    the user may know of, oldest first (none for neither)."""
    if person is None and household is None:
        return Case.objects.none()
    subject = {"person": person} if person is not None else {"household": household}
    return (
        visible_cases(user)
        .filter(status__in=OPEN_STATUSES, **subject)
        .select_related(*CARD_RELATED)
        .order_by("pk")
    )


def led_cases(user: User) -> QuerySet[Case]:
    """The open cases the user's organizations lead: those they may put on a meeting's agenda."""
    return Case.objects.filter(
        lead_organization_id__in=reading_organization_ids(user), status__in=OPEN_STATUSES
    )


def _case(case_id: int) -> Case:
    case = Case.objects.select_related(*CARD_RELATED).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def find_case(user: User, case_id: int) -> Case:
    """A case the user may know of (lead, team, or a path in force), or 404. Not audited: the
    callers read it through read_case or write to it."""
    case = _case(case_id)
    if not knows_case(user, case):
        raise Http404
    return case


def access_case(user: User, case_id: int) -> CaseAccess:
    """The user's access to a case (case_access applies knows_case's rule as it builds it), or
    404 for missing and not-visible alike. Not audited: the callers audit what they read."""
    return case_access(user, _case(case_id))


def read_case(user: User, case_id: int, *, what: "StrOrPromise" = CASE_OVERVIEW) -> CaseAccess:
    """One case as the user may see it, or 404 for missing and not-visible alike. The read is
    audited with its legal basis; what it disclosed to another agency is recorded by
    `disclose` once the page knows what it showed."""
    access = access_case(user, case_id)
    record_event(
        actor=user,
        action="view",
        obj=access.case,
        legal_basis=access.legal_basis,
        detail={"what": record_text(what)},
    )
    return access


def disclose(
    user: User, access: CaseAccess | CaseCard, what: "StrOrPromise", *shown: int | Iterable[Any]
) -> None:
    """情報提供記録 of one read by another agency: the categories of what the page actually
    showed (its heading, and each group of rows or category given), nothing when none."""
    categories = access.heading_categories
    for part in shown:
        categories |= part if isinstance(part, int) else categories_of(part)
    record_disclosures(access=access, user=user, what=what, categories=categories)


def read_disclosure_record(user: User, case_id: int) -> Case:
    """情報提供記録 of a case, for its lead organization only (the person may ask it for the
    record: 個人情報保護法), or 404; the read is audited."""
    access = access_case(user, case_id)
    if not access.is_lead:
        raise Http404
    record_event(actor=user, action="view", obj=access.case, detail={"disclosures": True})
    return access.case


def get_case_for_writer(user: User, case_id: int, *, showing: bool = False) -> Case:
    """A case the user is about to write in: 404 when they may not know of it, 403 when they
    may see it but not write (a manager, another agency on the team). `showing`: the form is
    being shown (it names the case, or holds its latest content), which is a read: audited."""
    case = find_case(user, case_id)
    require_writer(user, case)
    if showing:
        record_event(
            actor=user,
            action="view",
            obj=case,
            legal_basis=LegalBasis.OWN_ORGANIZATION,
            detail={"what": record_text(CASE_FORM)},
        )
    return case


def correction_initial(case: Case) -> dict[str, Any]:
    """What the case's correction form starts from: its facts as they are now (for its writer)."""
    return {
        "title": case.title,
        "opened_on": case.opened_on,
        "support_decided_on": case.support_decided_on,
        **checklist_initial(case, issues_with_main(CaseIssue.objects.filter(case=case))),
    }


def issues_of(access: CaseView) -> list[tuple[Issue, bool]]:
    """課題 are the case's 生活歴・課題: shown to whoever that category is open to."""
    if not access.sees_history:
        return []
    return issues_with_main(CaseIssue.objects.filter(case=access.case))


@dataclass
class NotePage:
    """One page of notes, newest first, without counting them all (a long case has hundreds;
    the worker reads the latest and steps back)."""

    notes: list[ProgressNote]
    number: int
    has_next: bool
    #: 記録の訂正 of the notes shown: what each changed, for the lead organization (whose record
    #: it is); the others see that a note was corrected, not what it said before.
    corrections: dict[int, list[tuple[Any, list[tuple[str, str, str]]]]]

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def note_page(access: CaseAccess, number: str | None, size: int, date_style: str) -> NotePage:
    page = max(1, int(number)) if number and number.isascii() and number.isdigit() else 1
    rows = list(notes_of(access)[(page - 1) * size : page * size + 1])[: size + 1]
    notes = rows[:size]
    corrections = {
        note_id: [
            (r, describe(r, ProgressNote, date_style) if access.is_lead else []) for r in revisions
        ]
        for note_id, revisions in histories(list(notes)).items()
    }
    return NotePage(notes=notes, number=page, has_next=len(rows) > size, corrections=corrections)


def note_of_case(case: Case, note_id: int) -> ProgressNote:
    """One note of this case (for its writer to correct), or 404."""
    note = case.notes.select_related("case", "author", "organization").filter(pk=note_id).first()
    if note is None:
        raise Http404
    return note


def notes_of(access: CaseAccess) -> QuerySet[ProgressNote]:
    """支援経過 the user may read: all for the lead; for others, the notes whose every category
    a grant covers (the comparison is done in the database)."""
    notes = access.only_visible(access.case.notes.select_related("author", "organization"))
    return notes.order_by("-occurred_at", "-pk")


def attachments_of(access: CaseAccess) -> QuerySet[Attachment]:
    """添付資料 the user may read: all for the lead; for others, those whose every category
    a grant covers."""
    attachments = access.only_visible(access.case.attachments.select_related("uploaded_by"))
    return attachments.order_by("-created_at", "-pk")


def read_attachment(user: User, case_id: int, attachment_id: int) -> tuple[Attachment, CaseAccess]:
    """One attachment, or 404; the read is audited, and a disclosure when not the lead's."""
    access = access_case(user, case_id)
    attachment = attachments_of(access).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    record_event(actor=user, action="view", obj=attachment, legal_basis=access.legal_basis)
    record_disclosures(
        access=access,
        user=user,
        what=format_lazy(_("Attachment #{id}"), id=attachment.pk),
        categories=attachment.categories,
    )
    return attachment, access


def open_tasks_of(access: CaseAccess, user: User) -> QuerySet[Task]:
    """The lead sees every open task; another agency those given to it, where it may read the
    case's content at all (a task's text is the plan's or the meeting's)."""
    if not access.reads_content:
        return Task.objects.none()
    tasks = access.case.tasks.filter(done_at__isnull=True)
    if not access.is_lead:
        tasks = tasks.filter(organization_id__in=reading_organization_ids(user))
    return tasks.select_related("assignee", "organization").order_by("due_on")


def my_open_tasks(user: User) -> QuerySet[Task]:
    """The user's open tasks on the cases they can still see, the most pressing first."""
    return (
        Task.objects.filter(assignee=user, done_at__isnull=True, case__in=visible_cases(user))
        .select_related("organization", *(f"case__{path}" for path in CARD_RELATED))
        .order_by("due_on", "pk")
    )


def tasks_due(user: User, on: dt.date | None = None) -> dict[str, list[Task]]:
    """今日やること: the user's open tasks due today and overdue, on cases they can still see."""
    today = on or timezone.localdate()
    tasks = my_open_tasks(user).filter(due_on__lte=today)
    due: dict[str, list[Task]] = {"overdue": [], "today": []}
    for task in tasks[:100]:
        due["today" if task.due_on == today else "overdue"].append(task)
    return due


def cases_by_status(user: User) -> list[tuple[str, int]]:
    from django.db.models import Count

    from tsunagu.cases.choices import CaseStatus

    counts = dict(
        visible_cases(user)
        .filter(lead_worker=user)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [
        (str(label), counts.get(code, 0))
        for code, label in CaseStatus.choices
        if code in OPEN_STATUSES
    ]


def cases_of_person(user: User, person: Person) -> QuerySet[Case]:
    """The person's cases that the user may know of (on the person's page)."""
    return visible_cases(user).filter(person=person).select_related("lead_worker")


def household_overview(user: User, household: Any) -> dict[str, Any]:
    """世帯の全体像: each current member the user may know, with the open cases the user may see,
    their issues and risk flags (the 8050 or ダブルケア picture on one screen, in a fixed number
    of queries). A member is shown where the user's organization knows them (it recorded them)
    or reads their case's 属性・家族関係; the others are counted, never named."""
    from tsunagu.people.selectors import current_members, known_person_ids

    members = list(current_members(household))
    person_ids = [m.person_id for m in members]
    cases = list(
        visible_cases(user)
        .filter(Q(person_id__in=person_ids) | Q(household=household), status__in=OPEN_STATUSES)
        .select_related(*CARD_RELATED)
    )
    cards = case_cards(user, cases)
    recorded = known_person_ids(user, person_ids)
    known = recorded | {c.person_id for c in cases if c.person_id and cards[c.pk].sees_family}
    issue_rows = CaseIssue.objects.filter(
        case__in=[c for c in cases if cards[c.pk].sees_history]
    ).select_related("issue")
    issues_by_case: dict[int, list[Issue]] = {}
    for issue_row in issue_rows:
        issues_by_case.setdefault(issue_row.case_id, []).append(issue_row.issue)

    def row(member: Any, own: list[Case]) -> dict[str, Any]:
        return {
            "member": member,
            "person": member.person if member else None,
            # The person's own page opens only to an organization that recorded them.
            "linked": bool(member) and member.person_id in recorded,
            "cases": [cards[c.pk] for c in own],
            "issues": sorted({i.name for c in own for i in issues_by_case.get(c.pk, [])}),
            "risks": sorted({label for c in own for label in cards[c.pk].risk_labels}),
        }

    rows = [
        row(m, [c for c in cases if c.person_id == m.person_id])
        for m in members
        if m.person_id in known
    ]
    whole = [c for c in cases if c.household_id == household.pk and c.person_id is None]
    if whole:
        rows.append(row(None, whole))
    # The household's own read is audited by the page; each case it showed led elsewhere is a
    # disclosure of what it showed (a member's name, the case's issues and risk flags).
    disclose_cards(
        user, [card for r in rows for card in r["cases"]], what=HOUSEHOLD, issues_shown=True
    )
    return {"rows": rows, "others": len(members) - len(rows) + (1 if whole else 0)}


@dataclass
class UrgentQueue:
    """緊急・未対応 as one user may see it: the urgent consultations of their organizations and
    the urgent open cases whose 生活歴・課題 they read (a risk flag is that content), each until its
    first response is recorded, the longest waiting first; for a coordinator, how many wait at
    each other agency; and the consultations left 未定 for several 開庁日."""

    consultations: list[Consultation]
    cases: list[tuple[Case, CaseCard]]
    elsewhere: list[dict[str, Any]]
    undecided: list[Consultation]
    undecided_total: int

    def __bool__(self) -> bool:
        return bool(self.consultations or self.cases or self.elsewhere or self.undecided_total)


def read_urgent_queue(user: User, *, limit: int = 50, list_undecided: bool = True) -> UrgentQueue:
    """The queue (UrgentQueue), audited as a listing of what it named; cases led elsewhere are
    disclosures of the risk flags they showed. The home page counts the undecided
    consultations (`list_undecided` False) and leaves their list to the queue's page."""
    from tsunagu.intake import selectors as intake

    consultations = list(intake.urgent_consultations(user)[:limit])
    cases = list(
        readable_cases(user, InfoCategory.HISTORY)
        .filter(awaiting=True, status__in=OPEN_STATUSES)
        .exclude(consultation__awaiting=True)  # listed as the consultation it came from
        .select_related(*CARD_RELATED)
        .order_by("created_at", "pk")[:limit]
    )
    undecided_rows = intake.undecided_consultations(user)
    undecided = list(undecided_rows[:limit]) if list_undecided else []
    if consultations or undecided:
        record_listing(actor=user, rows=[*consultations, *undecided], what=URGENT)
    cards = read_caseload(user, cases, what=URGENT, audit=bool(cases))
    elsewhere = (
        intake.urgent_consultations_elsewhere(user) if user.has_role(Role.COORDINATOR) else []
    )
    return UrgentQueue(
        consultations=consultations,
        cases=[(case, cards[case.pk]) for case in cases],
        elsewhere=elsewhere,
        undecided=undecided,
        undecided_total=undecided_rows.count() if len(undecided) in (0, limit) else len(undecided),
    )
