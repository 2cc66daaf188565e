"""What managers see (管理職のダッシュボード): the period's consultations, how soon people were met,
planned and decided for, the referrals' loop, the meetings, outreach and 参加支援, and the
barriers, counted in the database (one GROUP BY per breakdown, never a row per person in Python).

Counts only: no page built from these figures names a person or links to a case. A manager sees
the agencies they manage; a manager of the 重層 主管課 (`Organization.is_lead_section`) sees
every agency. Every breakdown hides its small cells (cells.py)."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import District, User
from tsunagu.cases.models import Case as SupportCase
from tsunagu.core.calendar import add_months, start_of_day
from tsunagu.core.documents import Sheet
from tsunagu.core.wareki import format_date
from tsunagu.insights.cells import Cell, shown_share, suppressed
from tsunagu.insights.choices import AdviceStatus, BlockedBy
from tsunagu.insights.choices import Source as BarrierSource
from tsunagu.insights.models import AdviceRequest, Barrier
from tsunagu.intake.choices import Channel, Disposition
from tsunagu.intake.models import Consultation, ConsultationIssue, Issue
from tsunagu.meetings.choices import DecisionKind
from tsunagu.meetings.models import AgendaItem, Decision, Meeting
from tsunagu.outreach.choices import Stage as OutreachStage
from tsunagu.outreach.models import ContactAttempt, OutreachTarget
from tsunagu.participation.choices import Stage as ParticipationStage
from tsunagu.participation.models import Participation
from tsunagu.plans.models import SupportPlan
from tsunagu.referrals.choices import EventType, Outcome, ReferralStatus
from tsunagu.referrals.models import Referral, ReferralEvent

UNKNOWN = "—"


# -- Whose figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The agencies whose records are counted: all of them (None) or these."""

    organization_ids: tuple[int, ...] | None
    label: str

    @property
    def everyone(self) -> bool:
        return self.organization_ids is None

    def of(self, rows: QuerySet[Any], *paths: str) -> QuerySet[Any]:
        """`rows` narrowed to those any of `paths` (an organization foreign key) puts in scope."""
        if self.organization_ids is None:
            return rows
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{path}__in": self.organization_ids})
        return rows.filter(condition)


def may_see_figures(user: User) -> bool:
    return user.has_role(Role.MANAGER, Role.COORDINATOR)


def scope_of(user: User) -> Scope:
    """全機関 for a manager of the 主管課; otherwise the agencies where the user manages or works
    (from the user's roles, with their agencies: no query of its own)."""
    memberships = user.active_memberships
    if any(m.role == Role.MANAGER and m.organization.is_lead_section for m in memberships):
        return Scope(None, _("All agencies"))
    ids = tuple(reading_organization_ids(user))
    names = sorted({m.organization.name for m in memberships if m.organization_id in ids})
    return Scope(ids, "、".join(names))


# -- What a page shows -----------------------------------------------------------------------------


@dataclass
class Line:
    label: str
    cell: Cell
    #: A rate beside the count: the share of the total, or per 100,000 people.
    rate: str = ""


@dataclass
class Breakdown:
    """One table (and its chart): a count per label, small cells hidden."""

    key: str
    title: str
    how: str
    lines: list[Line]
    total: int
    rate_label: str = ""

    @property
    def widest(self) -> int:
        return max([line.cell.count for line in self.lines if not line.cell.concealed] or [0])

    def bars(self) -> "Chart":
        """The breakdown as horizontal bars (an SVG the page draws): the same data as the table,
        a hidden cell drawn as an outline with 「5未満」."""
        widest = max(self.widest, 1)
        bars = []
        for i, line in enumerate(self.lines):
            length = 0 if line.cell.concealed else round(line.cell.count / widest * Chart.BAR)
            label = line.label if len(line.label) <= 12 else line.label[:11] + "…"
            bars.append(Bar(label, i * Chart.ROW + 4, length, str(line.cell), line.cell.concealed))
        return Chart(bars, len(bars) * Chart.ROW + 8)


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    length: int
    text: str
    hidden: bool

    @property
    def text_x(self) -> int:
        return Chart.LEFT + max(self.length, 34 if self.hidden else 0) + 6


@dataclass(frozen=True)
class Chart:
    LEFT: ClassVar[int] = 200  # where the bars begin; the labels end before
    BAR: ClassVar[int] = 340  # the longest bar
    ROW: ClassVar[int] = 26
    WIDTH: ClassVar[int] = 640

    bars: list[Bar]
    height: int


@dataclass
class Figure:
    """A headline number: a total, not broken down, so shown as it is."""

    key: str
    label: str
    value: str
    how: str


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass
class Dashboard:
    scope: Scope
    since: dt.date
    until: dt.date
    population: int | None
    sections: list[Section]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for s in self.sections for b in s.breakdowns if b.key == key)

    def figure(self, key: str) -> Figure:
        return next(f for s in self.sections for f in s.figures if f.key == key)


def breakdown(
    key: str,
    title: str,
    how: str,
    counted: Iterable[tuple[str, int]],
    *,
    total: int | None = None,
    rate: Callable[[Cell, int], str] | None = None,
    rate_label: str = "",
) -> Breakdown:
    """A breakdown from (label, count) pairs in the order given, its small cells hidden; the
    share of the total beside each, unless another `rate` is given."""
    pairs = list(counted)
    cells = suppressed([n for _label, n in pairs])
    whole = sum(n for _label, n in pairs) if total is None else total
    rate = rate or (lambda cell, whole: cell.share_of(whole))
    lines = [
        Line(label, cell, rate(cell, whole)) for (label, _n), cell in zip(pairs, cells, strict=True)
    ]
    return Breakdown(key, title, how, lines, whole, rate_label or _("Share"))


def count_by(rows: QuerySet[Any], path: str) -> dict[Any, int]:
    """One GROUP BY: count of rows per value of `path`."""
    return {row[path]: row["n"] for row in rows.values(path).annotate(n=Count("pk")).order_by()}


def labelled(counts: dict[Any, int], choices: Iterable[tuple[Any, Any]]) -> list[tuple[str, int]]:
    """Counts in the order of `choices`, every choice listed (0 where none)."""
    return [(str(label), counts.get(value, 0)) for value, label in choices]


def named(counts: dict[Any, int]) -> list[tuple[str, int]]:
    """Counts by a name, most first, the unknown last."""
    known = sorted(((k, n) for k, n in counts.items() if k), key=lambda kn: (-kn[1], kn[0]))
    return [*known, *([(UNKNOWN, counts[None])] if counts.get(None) else [])]


def in_period(rows: QuerySet[Any], path: str, since: dt.date, until: dt.date) -> QuerySet[Any]:
    """Rows whose time (a datetime field) falls on a day of the period, in 日本時間."""
    return rows.filter(
        **{
            f"{path}__gte": start_of_day(since),
            f"{path}__lt": start_of_day(until + dt.timedelta(days=1)),
        }
    )


def months_of(since: dt.date, until: dt.date) -> list[dt.date]:
    month, months = since.replace(day=1), []
    while month <= until:
        months.append(month)
        month = add_months(month, 1)
    return months


def _buckets(
    rows: QuerySet[Any], elapsed: Any, limits: list[tuple[str, dt.timedelta]], missing: str
) -> list[tuple[str, int]]:
    """How long something took, in bands: `elapsed` an expression of a duration, null when it
    has not happened; `limits` (label, at most) from the shortest; the rest "longer"."""
    whens = [When(elapsed__isnull=True, then=Value("missing"))]
    whens += [When(elapsed__lte=limit, then=Value(str(i))) for i, (_l, limit) in enumerate(limits)]
    counts = count_by(
        rows.alias(elapsed=elapsed).annotate(
            band=Case(*whens, default=Value("longer"), output_field=CharField())
        ),
        "band",
    )
    return [
        *[(label, counts.get(str(i), 0)) for i, (label, _limit) in enumerate(limits)],
        (_("Longer"), counts.get("longer", 0)),
        (missing, counts.get("missing", 0)),
    ]


def _since(later: Any, earlier: Any) -> ExpressionWrapper[Any]:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


DAY = dt.timedelta(days=1)


def population() -> int | None:
    """The town's residents: the sum of its districts' populations, when every district has one."""
    figures = District.objects.aggregate(
        people=Sum("population"), missing=Count("pk", filter=Q(population__isnull=True))
    )
    return figures["people"] if figures["people"] and not figures["missing"] else None


def per_100k(count: int, people: int | None, days: int = 0) -> str:
    """件数 per 100,000 people (per month when `days` says how long the period is)."""
    if not people:
        return ""
    rate = count / people * 100_000
    if days:
        rate = rate / days * (365.25 / 12)
    return f"{rate:.1f}"


# -- The sections ----------------------------------------------------------------------------------


def consultations(scope: Scope, since: dt.date, until: dt.date) -> QuerySet[Consultation]:
    return in_period(
        scope.of(Consultation.objects.all(), "organization"), "received_at", since, until
    )


def several_issues(rows: QuerySet[Consultation]) -> int:
    """複合的課題: the consultations tagged with two issues or more."""
    return rows.annotate(k=Count("issues")).filter(k__gte=2).count()


def _consultation_section(
    scope: Scope, since: dt.date, until: dt.date, people: int | None
) -> Section:
    rows = consultations(scope, since, until)
    total = rows.count()
    several = several_issues(rows)
    months = months_of(since, until)
    monthly = {
        timezone.localtime(row["month"]).date()
        if isinstance(row["month"], dt.datetime)
        else row["month"]: row["n"]
        for row in rows.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    days = (until - since).days + 1
    section = Section("consultations", _("Consultations (断らない相談)"))
    section.figures = [
        Figure(
            "consultations",
            _("New consultations"),
            f"{total:,}",
            _("Every consultation received in the period, named or anonymous."),
        ),
        Figure(
            "consultations_per_100k",
            _("Per 100,000 people a month"),
            per_100k(total, people, days) if scope.everyone and people else "—",
            _(
                "New consultations ÷ the districts' population × 100,000, per month of the "
                "period (the national survey's measure). Shown for all agencies together."
            ),
        ),
        Figure(
            "several_issues",
            _("With several issues (複合的課題)"),
            shown_share(several, total),
            _("Consultations tagged with two issues or more, of all consultations."),
        ),
    ]
    by_month = breakdown(
        "consultations_by_month",
        _("By month"),
        _("Consultations by the month they were received."),
        [(f"{m.year}年{m.month}月", monthly.get(m, 0)) for m in months],
        rate=(
            (lambda cell, _w: "" if cell.concealed else per_100k(cell.count, people))
            if scope.everyone and people
            else None
        ),
        rate_label=_("Per 100,000 people") if scope.everyone and people else "",
    )
    issue_counts = count_by(ConsultationIssue.objects.filter(consultation__in=rows), "issue")
    taxonomy = Issue.objects.filter(Q(is_active=True) | Q(pk__in=issue_counts)).order_by(
        "order", "pk"
    )
    district = Coalesce("person__district__name", "household__district__name")
    section.breakdowns = [
        by_month,
        breakdown(
            "consultations_by_channel",
            _("By channel (相談経路)"),
            _("How the consultation came in."),
            labelled(count_by(rows, "channel"), Channel.choices),
        ),
        breakdown(
            "consultations_by_issue",
            _("By issue"),
            _(
                "Consultations tagged with each issue. One with several issues is counted under "
                "each, so the lines add up to more than the total; the share is of all "
                "consultations."
            ),
            [(issue.name, issue_counts.get(issue.pk, 0)) for issue in taxonomy],
            total=total,
        ),
        breakdown(
            "consultations_by_district",
            _("By district"),
            _(
                "The district of the person (or household) consulted about; — for anonymous "
                "consultations and those with no district recorded."
            ),
            named(count_by(rows.annotate(district=district), "district")),
        ),
        breakdown(
            "consultations_by_agency",
            _("By agency"),
            _("The agency that received the consultation."),
            named(count_by(rows, "organization__name")),
        ),
        breakdown(
            "consultations_by_disposition",
            _("What became of them"),
            _("The disposition recorded on the consultation."),
            labelled(count_by(rows, "disposition"), Disposition.choices),
        ),
    ]
    return section


def _timeliness_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = consultations(scope, since, until)
    cases = SupportCase.objects.filter(consultation__in=rows)
    first_plan = Subquery(
        SupportPlan.objects.filter(case=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    section = Section("timeliness", _("How soon"))
    section.breakdowns = [
        breakdown(
            "first_contact",
            _("From consultation to first response"),
            _(
                "Time from receiving each consultation of the period to its first response "
                "(初回対応) as recorded."
            ),
            _buckets(
                rows,
                _since(F("first_response_at"), F("received_at")),
                [(_("Within a day"), DAY), (_("2–3 days"), 3 * DAY), (_("4–7 days"), 7 * DAY)],
                _("No response recorded"),
            ),
        ),
        breakdown(
            "to_plan",
            _("From consultation to the first support plan"),
            _(
                "For cases opened from a consultation of the period: time from the consultation "
                "to the first plan written."
            ),
            _buckets(
                cases,
                _since(first_plan, F("consultation__received_at")),
                [
                    (_("Within 2 weeks"), 14 * DAY),
                    (_("Within a month"), 31 * DAY),
                    (_("Within 2 months"), 61 * DAY),
                ],
                _("No plan yet"),
            ),
        ),
        breakdown(
            "to_decision",
            _("From consultation to 支援決定"),
            _(
                "For cases opened from a consultation of the period: days from the consultation "
                "to the municipality's decision to support the case under 重層 (支援決定)."
            ),
            _buckets(
                cases,
                _since(F("support_decided_on"), TruncDate("consultation__received_at")),
                [
                    (_("Within a month"), 31 * DAY),
                    (_("Within 2 months"), 61 * DAY),
                    (_("Within 3 months"), 92 * DAY),
                ],
                _("Not decided"),
            ),
        ),
    ]
    return section


def referrals(scope: Scope, since: dt.date, until: dt.date) -> QuerySet[Referral]:
    return in_period(
        scope.of(Referral.objects.all(), "from_organization", "to_organization"),
        "sent_at",
        since,
        until,
    )


def _referral_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = referrals(scope, since, until)
    total = rows.count()
    completed = rows.filter(status=ReferralStatus.COMPLETED).count()
    accepted_at = Subquery(
        ReferralEvent.objects.filter(referral=OuterRef("pk"), type=EventType.ACCEPTED)
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    section = Section("referrals", _("Referrals (つなぎ)"))
    section.figures = [
        Figure("referrals", _("Referrals sent"), f"{total:,}", _("Sent in the period.")),
        Figure(
            "referrals_completed",
            _("Completed with an outcome"),
            shown_share(completed, total),
            _(
                "Of the referrals sent in the period, those completed with an outcome (closed loop)."
            ),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "referrals_by_status",
            _("Where they are"),
            _("The referrals sent in the period, by their state today."),
            labelled(count_by(rows, "status"), ReferralStatus.choices),
        ),
        breakdown(
            "referrals_by_outcome",
            _("Outcomes"),
            _("The completed referrals, by outcome."),
            labelled(count_by(rows.exclude(outcome=""), "outcome"), Outcome.choices),
        ),
        breakdown(
            "referrals_accepted_in",
            _("From sending to acceptance"),
            _("Calendar time from sending to the receiving agency's acceptance."),
            _buckets(
                rows,
                _since(accepted_at, F("sent_at")),
                [(_("Within a day"), DAY), (_("2–3 days"), 3 * DAY), (_("4–7 days"), 7 * DAY)],
                _("Not accepted"),
            ),
        ),
    ]
    return section


MEETING_KINDS = [
    ("support", gettext_lazy("Support meetings (支援会議, 法106条の6)")),
    ("jusou", gettext_lazy("Multi-agency support meetings (重層的支援会議)")),
    ("other", gettext_lazy("Other meetings")),
]


def _meeting_kind(prefix: str = "") -> Case:
    return Case(
        When(**{f"{prefix}type__statutory_confidentiality": True}, then=Value("support")),
        When(**{f"{prefix}type__requires_consent": True}, then=Value("jusou")),
        default=Value("other"),
        output_field=CharField(),
    )


def meetings(scope: Scope, since: dt.date, until: dt.date) -> QuerySet[Meeting]:
    return in_period(scope.of(Meeting.objects.all(), "organization"), "held_at", since, until)


def _meeting_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = meetings(scope, since, until)
    items = AgendaItem.objects.filter(meeting__in=rows)
    discussed = {
        row["kind"]: row["n"]
        for row in items.annotate(kind=_meeting_kind("meeting__"))
        .values("kind")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    }
    decided = scope.of(SupportCase.objects.all(), "lead_organization").filter(
        support_decided_on__gte=since, support_decided_on__lte=until
    )
    section = Section("meetings", _("Meetings and decisions"))
    section.figures = [
        Figure("meetings", _("Meetings held"), f"{rows.count():,}", _("Held in the period.")),
        Figure(
            "support_decided",
            _("Cases decided for (支援決定)"),
            f"{decided.count():,}",
            _("Cases whose 支援決定 falls in the period."),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "meetings_by_kind",
            _("Meetings by kind"),
            _(
                "支援会議: a meeting under a statutory duty of secrecy; 重層的支援会議: one that "
                "needs the person's consent."
            ),
            labelled(count_by(rows.annotate(kind=_meeting_kind()), "kind"), MEETING_KINDS),
        ),
        breakdown(
            "cases_discussed",
            _("Cases discussed"),
            _("Different cases on the agenda of the meetings of each kind."),
            labelled(discussed, MEETING_KINDS),
        ),
        breakdown(
            "decisions_by_kind",
            _("Decisions"),
            _("What the meetings of the period decided."),
            labelled(
                count_by(Decision.objects.filter(item__in=items), "kind"), DecisionKind.choices
            ),
        ),
    ]
    return section


def _advice_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = in_period(
        scope.of(AdviceRequest.objects.all(), "hub", "organization"), "created_at", since, until
    )
    section = Section("advice", _("Advice to frontline workers (支援者支援)"))
    section.figures = [
        Figure(
            "advice",
            _("Requests for advice"),
            f"{rows.count():,}",
            _("Requests to the 多機関協働 hub in the period, the case kept by the asker."),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "advice_by_status",
            _("Where they are"),
            _("The requests of the period by their state today."),
            labelled(count_by(rows, "status"), AdviceStatus.choices),
        ),
        breakdown(
            "advice_answered_in",
            _("From the request to the first answer"),
            _("Calendar time from asking to the hub's first answer."),
            _buckets(
                rows,
                _since(F("answered_at"), F("created_at")),
                [(_("Within a day"), DAY), (_("2–3 days"), 3 * DAY), (_("4–7 days"), 7 * DAY)],
                _("Not answered"),
            ),
        ),
        breakdown(
            "advice_by_agency",
            _("By asking agency"),
            _("The agency of the worker who asked."),
            named(count_by(rows, "organization__name")),
        ),
    ]
    return section


def _outreach_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    targets = scope.of(OutreachTarget.objects.all(), "organization")
    new = in_period(targets, "created_at", since, until)
    engaged = targets.filter(engaged_on__gte=since, engaged_on__lte=until).count()
    contacts = in_period(
        ContactAttempt.objects.filter(target__in=targets), "occurred_at", since, until
    )
    section = Section("outreach", _("Outreach (アウトリーチ)"))
    section.figures = [
        Figure(
            "outreach_new", _("New outreach targets"), f"{new.count():,}", _("Begun in the period.")
        ),
        Figure(
            "outreach_engaged",
            _("Connected to a consultation"),
            f"{engaged:,}",
            _("Targets connected to a consultation in the period (つながった)."),
        ),
        Figure(
            "outreach_contacts",
            _("Contact attempts"),
            f"{contacts.count():,}",
            _("Visits, calls and letters of the period."),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "outreach_by_stage",
            _("New targets, where they are"),
            _("The targets begun in the period, by their stage today."),
            labelled(count_by(new, "stage"), OutreachStage.choices),
        ),
    ]
    return section


def introductions(scope: Scope, since: dt.date, until: dt.date) -> QuerySet[Participation]:
    """参加支援: the introductions to a place made in the period."""
    return scope.of(Participation.objects.all(), "organization").filter(
        introduced_on__gte=since, introduced_on__lte=until
    )


def hosts_of(introduced: QuerySet[Participation]) -> QuerySet[Any]:
    """協力事業者: the providers of the places where those introduced tried or took part."""
    return (
        introduced.filter(
            Q(stage__in=[ParticipationStage.TRIAL, ParticipationStage.CONTINUING])
            | Q(continuing_since__isnull=False)
        )
        .exclude(resource__provider=None)
        .values("resource__provider")
        .distinct()
    )


def _participation_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = introductions(scope, since, until)
    hosts = hosts_of(rows).count()
    section = Section("participation", _("Participation (参加支援)"))
    section.figures = [
        Figure(
            "participation_people",
            _("People introduced to a place"),
            f"{rows.values('case').distinct().count():,}",
            _("Different cases introduced to a place in the period."),
        ),
        Figure(
            "participation_hosts",
            _("Hosts who took someone in (協力事業者)"),
            f"{hosts:,}",
            _("Providers of a place where someone introduced in the period tried it or took part."),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "participation_by_stage",
            _("Introductions, where they are"),
            _(
                "Introductions of the period by their stage today (紹介 → 見学 → 体験 → 継続 → 終了)."
            ),
            labelled(count_by(rows, "stage"), ParticipationStage.choices),
        ),
    ]
    return section


def _barrier_section(scope: Scope, since: dt.date, until: dt.date) -> Section:
    rows = in_period(scope.of(Barrier.objects.all(), "organization"), "created_at", since, until)
    section = Section("barriers", _("あとちょっと and 制度の狭間"))
    section.figures = [
        Figure(
            "barriers", _("Barriers recorded"), f"{rows.count():,}", _("Recorded in the period.")
        ),
        Figure(
            "gaps",
            _("Of them, 制度の狭間"),
            f"{rows.filter(is_gap=True).count():,}",
            _("Barriers marked as a need that no programme covers."),
        ),
    ]
    section.breakdowns = [
        breakdown(
            "barriers_by_kind",
            _("What blocked"),
            _("Barriers of the period by what blocked the next step."),
            labelled(count_by(rows, "blocked_by"), BlockedBy.choices),
        ),
        breakdown(
            "barriers_by_source",
            _("Where they were noticed"),
            _("In a case, a plan, a meeting, or in dialogue with no case."),
            labelled(count_by(rows, "source"), BarrierSource.choices),
        ),
    ]
    return section


def dashboard(user: User, since: dt.date, until: dt.date) -> Dashboard:
    """The manager's figures for the period: each a count or a GROUP BY in the database."""
    scope = scope_of(user)
    people = population()
    return Dashboard(
        scope=scope,
        since=since,
        until=until,
        population=people,
        sections=[
            _consultation_section(scope, since, until, people),
            _timeliness_section(scope, since, until),
            _referral_section(scope, since, until),
            _meeting_section(scope, since, until),
            _advice_section(scope, since, until),
            _outreach_section(scope, since, until),
            _participation_section(scope, since, until),
            _barrier_section(scope, since, until),
        ],
    )


def dashboard_sheets(board: Dashboard) -> list[Sheet]:
    """The dashboard as a workbook: the headline numbers, then one sheet per section's
    breakdowns (a hidden cell is an empty cell marked 「5未満」 beside it)."""
    period = f"{format_date(board.since)}〜{format_date(board.until)}"
    headline = Sheet(
        _("Summary"),
        [_("Section"), _("Figure"), _("Value"), _("How it is counted")],
        [
            [section.title, figure.label, figure.value, figure.how]
            for section in board.sections
            for figure in section.figures
        ]
        + [[_("Period"), period, board.scope.label, ""]],
    )
    sheets = [headline]
    for section in board.sections:
        if not section.breakdowns:
            continue
        rows: list[list[Any]] = []
        for b in section.breakdowns:
            rows += [
                [
                    b.title,
                    line.label,
                    line.cell.value,
                    str(line.cell) if line.cell.concealed else "",
                    line.rate,
                ]
                for line in b.lines
            ]
            rows.append([b.title, _("Total"), b.total, "", ""])
        sheets.append(
            Sheet(
                section.title,
                [_("Table"), _("Line"), _("Count"), _("Hidden"), _("Rate")],
                rows,
            )
        )
    return sheets
