"""実績報告: the yearly figures a municipality reports, counted from the record.

Two reports. The 重層的支援体制整備事業 実施状況 by its five 事業 (包括的相談支援, 多機関協働,
アウトリーチ等を通じた継続的支援, 参加支援, 地域づくり), and the 生活困窮者自立支援制度 支援状況調査 of the
自立相談支援機関 (新規相談受付件数, プラン作成件数, 就労支援対象者数, 就労者数・増収者数 and the 就労・増収率,
each per 100,000 people a month as the survey compares them).

The survey's columns follow the layout the ministry publishes with its results (年度・月, the five
counts, 人口10万人あたり, うち就労支援対象プラン作成者分, (②+③)/①). The 実施状況 items are named as in
the ministry's public material on the five 事業; the exact sheet a prefecture sends out differs from
year to year and was not available here, so each item says how it is counted and the sheet keeps
that column: a municipality copies the numbers into the form it received. See docs/national-report.md.

The totals of the period are exact: a report to the ministry is not suppressed, and a total is not
a breakdown. The month-by-month rows hide their small cells like every breakdown; choose one month
as the period for that month's exact figures."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.choices import OrganizationKind
from tsunagu.accounts.models import User
from tsunagu.cases.models import Case
from tsunagu.community.choices import BASE_KINDS
from tsunagu.community.models import Attendance, Gathering, Place
from tsunagu.core.calendar import month_end
from tsunagu.core.documents import Percent, Sheet
from tsunagu.core.wareki import format_date
from tsunagu.insights.cells import Cell, suppressed
from tsunagu.insights.dashboard import (
    Scope,
    consultations,
    hosts_of,
    in_period,
    introductions,
    meetings,
    months_of,
    per_100k,
    population,
    scope_of,
    several_issues,
)
from tsunagu.meetings.models import AgendaItem
from tsunagu.outreach.models import ContactAttempt, OutreachTarget
from tsunagu.participation.models import Adaptation
from tsunagu.plans.models import Evaluation, SupportPlan
from tsunagu.sharing.models import CaseTeamMember

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Item:
    """One number of a report: what it is, its value for the period, how it was counted."""

    key: str
    program: "StrOrPromise"  # the 事業 it belongs to
    label: str
    value: int
    how: str


# -- 重層的支援体制整備事業 実施状況 ----------------------------------------------------------------------

COMPREHENSIVE = gettext_lazy("Comprehensive consultation support")
COLLABORATION = gettext_lazy("Multi-agency collaboration")
OUTREACH = gettext_lazy("Continuing support through outreach")
PARTICIPATION = gettext_lazy("Participation support")
COMMUNITY = gettext_lazy("Community building")


def collaboration_cases(scope: Scope) -> QuerySet[Case]:
    """多機関協働のケース: led by the 多機関協働事業者, or with it on the team."""
    on_team = CaseTeamMember.objects.filter(
        case=OuterRef("pk"), organization__is_coordinating_body=True
    )
    # The hub's own manager counts the cases it is on the team of, not only those it leads.
    in_scope = scope.of(Case.objects.all(), "lead_organization", "team__organization").distinct()
    return in_scope.filter(Q(lead_organization__is_coordinating_body=True) | Exists(on_team))


def _first_plan_in(cases: QuerySet[Case], since: dt.date, until: dt.date) -> QuerySet[Case]:
    """Cases whose first support plan was written in the period (プラン作成件数)."""
    first = Subquery(
        SupportPlan.objects.filter(case=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return in_period(cases.annotate(first_plan_at=first), "first_plan_at", since, until)


def jusou_items(scope: Scope, since: dt.date, until: dt.date) -> list[Item]:
    """The 実施状況 items of the five 事業 for the period."""
    received = consultations(scope, since, until)
    collaboration = collaboration_cases(scope)
    held = meetings(scope, since, until)
    support = held.filter(type__statutory_confidentiality=True)
    jusou = held.filter(type__statutory_confidentiality=False, type__requires_consent=True)
    targets = scope.of(OutreachTarget.objects.all(), "organization")
    new_targets = in_period(targets, "created_at", since, until)
    introduced = introductions(scope, since, until)
    hosts = hosts_of(introduced)
    bases = Place.objects.filter(kind__in=BASE_KINDS).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=since), created_at__date__lte=until
    )
    gatherings = Gathering.objects.filter(held_on__gte=since, held_on__lte=until)
    came = Attendance.objects.filter(gathering__in=gatherings).aggregate(n=Sum("count"))["n"]
    return [
        Item(
            "new_consultations",
            COMPREHENSIVE,
            _("New consultations"),
            received.count(),
            _("Consultations received in the period by the agencies counted (匿名を含む)."),
        ),
        Item(
            "complex_consultations",
            COMPREHENSIVE,
            _("Of them, with complex issues"),
            several_issues(received),
            _("Of them, those tagged with two issues or more."),
        ),
        Item(
            "collaboration_cases",
            COLLABORATION,
            _("New multi-agency cases"),
            collaboration.filter(opened_on__gte=since, opened_on__lte=until).count(),
            _("Cases opened in the period that the 多機関協働事業者 leads or is on the team of."),
        ),
        Item(
            "collaboration_plans",
            COLLABORATION,
            _("Plans made"),
            _first_plan_in(collaboration, since, until).count(),
            _("多機関協働 cases whose first support plan was written in the period."),
        ),
        Item(
            "support_decided",
            COLLABORATION,
            _("Support decisions"),
            scope.of(Case.objects.all(), "lead_organization")
            .filter(support_decided_on__gte=since, support_decided_on__lte=until)
            .count(),
            _("Cases whose 支援決定 (the municipality's decision to support) falls in the period."),
        ),
        Item(
            "jusou_meetings",
            COLLABORATION,
            _("重層的支援会議 held"),
            jusou.count(),
            _("Meetings held of a kind that needs each person's consent."),
        ),
        Item(
            "jusou_cases",
            COLLABORATION,
            _("Cases discussed at 重層的支援会議"),
            AgendaItem.objects.filter(meeting__in=jusou).values("case").distinct().count(),
            _("Different cases on their agenda."),
        ),
        Item(
            "support_meetings",
            COLLABORATION,
            _("支援会議 held"),
            support.count(),
            _("Meetings held under the statutory duty of secrecy (社会福祉法106条の6)."),
        ),
        Item(
            "support_meeting_cases",
            COLLABORATION,
            _("Cases discussed at 支援会議"),
            AgendaItem.objects.filter(meeting__in=support).values("case").distinct().count(),
            _("Different cases on their agenda."),
        ),
        Item(
            "outreach_new",
            OUTREACH,
            _("New outreach targets"),
            new_targets.count(),
            _("Outreach targets begun in the period."),
        ),
        Item(
            "outreach_engaged",
            OUTREACH,
            _("Targets connected to a consultation"),
            targets.filter(engaged_on__gte=since, engaged_on__lte=until).count(),
            _("Targets connected to a consultation in the period."),
        ),
        Item(
            "outreach_contacts",
            OUTREACH,
            _("Visits and contacts (total)"),
            in_period(
                ContactAttempt.objects.filter(target__in=targets), "occurred_at", since, until
            ).count(),
            _("Every visit, call or letter of the period, successful or not."),
        ),
        Item(
            "participation_people",
            PARTICIPATION,
            _("People given participation support"),
            introduced.values("case").distinct().count(),
            _("Different cases introduced to a place in the period."),
        ),
        Item(
            "participation_hosts",
            PARTICIPATION,
            _("Cooperating hosts"),
            hosts.count(),
            _("Providers where someone introduced in the period tried or took part."),
        ),
        Item(
            "adaptations",
            PARTICIPATION,
            _("New adaptations by hosts"),
            scope.of(Adaptation.objects.all(), "organization")
            .filter(negotiated_on__gte=since, negotiated_on__lte=until)
            .count(),
            _("Adaptations a host agreed to in the period."),
        ),
        Item(
            "bases",
            COMMUNITY,
            _("Bases (居場所, 拠点, サロン)"),
            bases.count(),
            _("Places of those kinds open at some time in the period (the whole town)."),
        ),
        Item(
            "gatherings",
            COMMUNITY,
            _("Gatherings held (車座 and other dialogue)"),
            gatherings.count(),
            _("Gatherings held in the period (the whole town)."),
        ),
        Item(
            "gathering_people",
            COMMUNITY,
            _("Participants (total)"),
            came or 0,
            _("The head counts of those gatherings added up."),
        ),
    ]


# -- 生活困窮者自立支援制度 支援状況調査 --------------------------------------------------------------------


@dataclass(frozen=True)
class Survey:
    """One line of the 支援状況調査 (a month, or the whole period)."""

    label: str
    new: int  # 新規相談受付件数
    plans: int  # プラン作成件数
    employment: int  # 就労支援対象者数 ①
    worked: int  # 就労者数
    worked_planned: int  # うち就労支援対象プラン作成者分 ②
    raised: int  # 増収者数
    raised_planned: int  # うち就労支援対象プラン作成者分 ③

    @property
    def rate(self) -> float | None:
        """就労・増収率 (②+③)/①."""
        return (
            (self.worked_planned + self.raised_planned) / self.employment
            if self.employment
            else None
        )


def _self_reliance(scope: Scope) -> QuerySet[Case]:
    return scope.of(Case.objects.all(), "lead_organization").filter(
        lead_organization__kind=OrganizationKind.SELF_RELIANCE_SUPPORT
    )


def survey_line(scope: Scope, since: dt.date, until: dt.date, label: str) -> Survey:
    cases = _self_reliance(scope)
    received = consultations(scope, since, until).filter(
        organization__kind=OrganizationKind.SELF_RELIANCE_SUPPORT
    )
    first_employment_plan = (
        SupportPlan.objects.filter(case__in=cases, employment_support=True)
        .values("case")
        .annotate(first=Min("created_at"))
    )
    employment = in_period(first_employment_plan, "first", since, until)
    employment_cases = SupportPlan.objects.filter(case=OuterRef("case"), employment_support=True)
    evaluations = Evaluation.objects.filter(
        case__in=cases, evaluated_on__gte=since, evaluated_on__lte=until
    ).annotate(planned=Exists(employment_cases))

    def people(rows: QuerySet[Evaluation]) -> int:
        return rows.values("case").distinct().count()

    worked = evaluations.filter(found_work=True)
    raised = evaluations.filter(income_rose=True)
    return Survey(
        label,
        new=received.count(),
        plans=_first_plan_in(cases, since, until).count(),
        employment=employment.count(),
        worked=people(worked),
        worked_planned=people(worked.filter(planned=True)),
        raised=people(raised),
        raised_planned=people(raised.filter(planned=True)),
    )


SURVEY_HOW = {
    "new": gettext_lazy(
        "Consultations received by the 自立相談支援機関 (an agency of that kind) in the period."
    ),
    "plans": gettext_lazy(
        "Cases led by the 自立相談支援機関 whose first support plan was written in the period."
    ),
    "employment": gettext_lazy(
        "Cases led by it whose first plan with support towards work (就労支援) was written in the "
        "period (①)."
    ),
    "worked": gettext_lazy(
        "Different cases with an evaluation in the period that records found work (就労); of them, "
        "those with a plan with support towards work (②)."
    ),
    "raised": gettext_lazy(
        "Different cases with an evaluation in the period that records a higher income (増収); of "
        "them, those with a plan with support towards work (③)."
    ),
    "rate": gettext_lazy("(② + ③) ÷ ①, as the survey reports it."),
}


@dataclass
class Report:
    scope: Scope
    since: dt.date
    until: dt.date
    population: int | None
    items: list[Item]
    survey: Survey
    months: list[tuple[dt.date, list[Cell]]]

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def per_100k(self, count: int) -> str:
        return per_100k(count, self.population, self.days) if self.scope.everyone else ""

    @property
    def rates(self) -> dict[str, str]:
        """新規相談, プラン作成 and 就労支援対象者 per 100,000 people a month."""
        s = self.survey
        return {
            "new": self.per_100k(s.new),
            "plans": self.per_100k(s.plans),
            "employment": self.per_100k(s.employment),
        }

    def programs(self) -> list[tuple[str, list[Item]]]:
        order: dict[str, list[Item]] = {}
        for item in self.items:
            order.setdefault(str(item.program), []).append(item)
        return list(order.items())


SURVEY_COUNTS: list[tuple[str, Callable[[Survey], int]]] = [
    ("新規相談受付件数", lambda s: s.new),
    ("プラン作成件数", lambda s: s.plans),
    ("就労支援対象者数", lambda s: s.employment),
    ("就労者数", lambda s: s.worked),
    ("うち就労支援対象プラン作成者分", lambda s: s.worked_planned),
    ("増収者数", lambda s: s.raised),
    ("うち就労支援対象プラン作成者分", lambda s: s.raised_planned),
]


def report(user: User, since: dt.date, until: dt.date) -> Report:
    scope = scope_of(user)
    whole = survey_line(scope, since, until, _("Total"))
    lines = [
        survey_line(scope, max(month, since), min(month_end(month), until), f"{month.month}月分")
        for month in months_of(since, until)
    ]
    # Each column of the monthly table is a breakdown of its total: its small cells hidden.
    columns = [suppressed([count(line) for line in lines]) for _label, count in SURVEY_COUNTS]
    months = [
        (month, [column[i] for column in columns])
        for i, month in enumerate(months_of(since, until))
    ]
    return Report(
        scope, since, until, population(), jusou_items(scope, since, until), whole, months
    )


def report_sheets(found: Report) -> list[Sheet]:
    """The workbook: 実施状況 (items with how each was counted), 支援状況調査 (the period's line,
    per 100,000, then the months), and the notes."""
    period = f"{format_date(found.since)}〜{format_date(found.until)}"
    jusou = Sheet(
        "重層 実施状況",
        ["事業", "項目", "件数", "数え方", "期間", "対象"],
        [[str(i.program), i.label, i.value, i.how, period, found.scope.label] for i in found.items],
    )
    s = found.survey
    survey_rows: list[list[object]] = [
        [
            period,
            s.new,
            found.per_100k(s.new),
            s.plans,
            found.per_100k(s.plans),
            s.employment,
            found.per_100k(s.employment),
            s.worked,
            s.worked_planned,
            s.raised,
            s.raised_planned,
            Percent(s.rate) if s.rate is not None else "",
        ]
    ]
    for month, cells in found.months:
        new, plans, employment, *work = (str(c) if c.concealed else c.value for c in cells)
        survey_rows.append(
            [f"{month.year}年{month.month}月分", new, "", plans, "", employment, "", *work, ""]
        )
    survey = Sheet(
        "支援状況調査",
        [
            "年度・月",
            "新規相談受付件数",
            "人口10万人あたり（月）",
            "プラン作成件数",
            "人口10万人あたり（月）",
            "就労支援対象者数（①）",
            "人口10万人あたり（月）",
            "就労者数",
            "うち就労支援対象プラン作成者分（②）",
            "増収者数",
            "うち就労支援対象プラン作成者分（③）",
            "就労・増収率（②+③）/①",
        ],
        survey_rows,
    )
    notes = Sheet(
        "数え方",
        ["項目", "数え方"],
        [
            *[[label, str(SURVEY_HOW[key])] for key, label in _SURVEY_NOTES],
            [
                "月別の行",
                _(
                    "Counts from 1 to 4 of the monthly rows are shown as 「5未満」 (with the next "
                    "smallest where one alone would be hidden). Choose one month as the period "
                    "for its exact figures."
                ),
            ],
            [
                "人口10万人あたり",
                _("From the districts' population; shown only for all agencies together."),
            ],
        ],
    )
    return [jusou, survey, notes]


_SURVEY_NOTES = [
    ("new", "新規相談受付件数"),
    ("plans", "プラン作成件数"),
    ("employment", "就労支援対象者数"),
    ("worked", "就労者数"),
    ("raised", "増収者数"),
    ("rate", "就労・増収率"),
]
