"""Reading outreach: a reporter's own concerns (their status only), the triage queue, targets
of the worker's agency, today's round, and the yearly figures."""

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import District, User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.core.calendar import start_of_day
from tsunagu.core.revisions import describe, described_history, histories
from tsunagu.outreach.choices import ACTIVE_STAGES, SUCCESSFUL, ConcernStatus, Stage
from tsunagu.outreach.models import Concern, ContactAttempt, OutreachTarget

TRIAGERS = (Role.OUTREACH_WORKER, Role.COORDINATOR)


#: What a list is, as the audit log names it.
CONCERNS = gettext_lazy("Concerns (list)")
TARGETS = gettext_lazy("Outreach targets (list)")


def my_concerns(user: User) -> QuerySet[Concern]:
    """A reporter's own reports, for their status: nothing of any case."""
    return Concern.objects.filter(reported_by=user).order_by("-created_at")


def concern_queue(user: User, *, open_only: bool = True) -> QuerySet[Concern]:
    if not user.has_role(*TRIAGERS):
        return Concern.objects.none()
    concerns = Concern.objects.select_related("reported_by", "district")
    if open_only:
        concerns = concerns.filter(status__in=[ConcernStatus.RECEIVED, ConcernStatus.IN_PROGRESS])
    return concerns.order_by("-urgency", "created_at")


def get_concern_for_triage(user: User, concern_id: int) -> Concern:
    concern = concern_queue(user, open_only=False).filter(pk=concern_id).first()
    if concern is None:
        raise Http404
    record_event(actor=user, action="view", obj=concern, legal_basis=LegalBasis.OWN_ORGANIZATION)
    return concern


def read_concern(user: User, concern_id: int) -> Concern:
    """One concern: for the outreach team's triage any (get_concern_for_triage), for anyone
    else their own report; 404 otherwise. The read is audited."""
    if user.has_role(*TRIAGERS):
        return get_concern_for_triage(user, concern_id)
    concern = my_concerns(user).filter(pk=concern_id).first()
    if concern is None:
        raise Http404
    record_event(actor=user, action="view", obj=concern, legal_basis=LegalBasis.OWN_ORGANIZATION)
    return concern


def targets_of(user: User) -> QuerySet[OutreachTarget]:
    """Outreach targets of the user's agencies."""
    return OutreachTarget.objects.filter(
        organization_id__in=reading_organization_ids(user)
    ).select_related("worker", "district", "person", "household")


def targets_of_case(case: Case) -> QuerySet[OutreachTarget]:
    """The outreach that led to a case (アウトリーチの経過), with how many tries it took: shown
    to the case's lead, who may open each target."""
    return case.outreach_targets.annotate(contact_count=Count("contacts")).order_by("pk")


def corrections_of(target: OutreachTarget, date_style: str) -> list[tuple[Any, list[Any]]]:
    """The target's corrections, oldest first, as a person reads them."""
    return described_history(target, date_style)


def find_target(user: User, target_id: int) -> OutreachTarget:
    """A target of the user's agencies for a write, or 404 (not audited: the write is)."""
    target = targets_of(user).filter(pk=target_id).first()
    if target is None:
        raise Http404
    return target


def contact_of(target: OutreachTarget, contact_id: int) -> ContactAttempt:
    contact = target.contacts.filter(pk=contact_id).select_related("target").first()
    if contact is None:
        raise Http404
    return contact


def contact_history(
    target: OutreachTarget, date_style: str, limit: int = 100
) -> tuple[list[ContactAttempt], dict[int, list[Any]]]:
    """接触の記録, newest first, with each one's corrections as a person reads them."""
    contacts = list(target.contacts.select_related("worker")[:limit])
    corrections = {
        contact_id: [(r, describe(r, ContactAttempt, date_style)) for r in revisions]
        for contact_id, revisions in histories(contacts).items()
    }
    return contacts, corrections


def get_target_for_user(user: User, target_id: int) -> OutreachTarget:
    target = targets_of(user).select_related("concern", "case").filter(pk=target_id).first()
    if target is None:
        raise Http404
    record_event(actor=user, action="view", obj=target, legal_basis=LegalBasis.OWN_ORGANIZATION)
    return target


def due_targets(user: User, today: dt.date | None = None) -> QuerySet[OutreachTarget]:
    """今日の訪問: the worker's targets whose next contact is today or overdue."""
    today = today or timezone.localdate()
    return (
        targets_of(user)
        .filter(worker=user, stage__in=ACTIVE_STAGES, next_contact_on__lte=today)
        .order_by("district__code", "next_contact_on", "place")
    )


def last_contacts(targets: list[OutreachTarget]) -> dict[int, ContactAttempt]:
    """The latest attempt of each target, in one query."""
    latest: dict[int, ContactAttempt] = {}
    for contact in ContactAttempt.objects.filter(target__in=targets).order_by(
        "target_id", "-occurred_at"
    ):
        latest.setdefault(contact.target_id, contact)
    return latest


@dataclass(frozen=True)
class Figures:
    """Outreach for the yearly report (実績報告), one row per district and the total."""

    district: str
    targets: int
    by_stage: dict[str, int]
    contacts: int
    successful_contacts: int
    days_to_first_contact: float | None
    days_to_engagement: float | None
    engaged: int

    @property
    def engagement_rate(self) -> float:
        return self.engaged / self.targets if self.targets else 0.0


def outreach_figures(user: User, since: dt.date, until: dt.date) -> list[Figures]:
    """Targets opened in the period, by district: their stages, the contacts made, the days
    from the first report to the first contact and to engagement, the engagement rate."""
    start, end = start_of_day(since), start_of_day(until + dt.timedelta(days=1))
    targets = list(
        targets_of(user)
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("concern")
        .annotate(
            first_success=Min("contacts__occurred_at", filter=Q(contacts__outcome__in=SUCCESSFUL)),
            n_contacts=Count("contacts"),
            n_successful=Count("contacts", filter=Q(contacts__outcome__in=SUCCESSFUL)),
        )
    )
    rows = []
    districts = sorted({t.district for t in targets if t.district}, key=lambda d: d.code)
    for district in [*districts, None]:
        chosen = [t for t in targets if district is None or t.district_id == district.pk]
        first_contact, engagement = [], []
        for t in chosen:
            begun = t.concern.created_at if t.concern else t.created_at
            if t.first_success:
                first_contact.append((t.first_success - begun).days)
            if t.engaged_on:
                engagement.append((t.engaged_on - timezone.localdate(begun)).days)
        rows.append(
            Figures(
                district=district.name if isinstance(district, District) else "計",
                targets=len(chosen),
                by_stage={s: sum(1 for t in chosen if t.stage == s) for s in Stage.values},
                contacts=sum(t.n_contacts for t in chosen),
                successful_contacts=sum(t.n_successful for t in chosen),
                days_to_first_contact=statistics.median(first_contact) if first_contact else None,
                days_to_engagement=statistics.median(engagement) if engagement else None,
                engaged=sum(1 for t in chosen if t.stage == Stage.ENGAGED),
            )
        )
    return rows
