"""地域福祉計画の指標: what can be counted from the records for a fiscal year (and a district),
each indicator's value year by year beside its baseline and target, and the yearly review
(毎年ブラッシュアップ): the indicators, the themes decided and carried out, what is still open.

Counted values are the town's (every agency), computed in the database like the dashboard's;
an indicator of a district counts what happened there."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, User
from tsunagu.cases.models import Case
from tsunagu.community.choices import BASE_KINDS
from tsunagu.community.models import Gathering, Place
from tsunagu.core.calendar import fiscal_year_start, start_of_day
from tsunagu.insights.cells import SMALL, Cell
from tsunagu.insights.choices import IndicatorSource, NarrativeStatus, ResponseStatus
from tsunagu.insights.dashboard import (
    Scope,
    consultations,
    hosts_of,
    in_period,
    introductions,
    population,
    referrals,
    scope_of,
    several_issues,
)
from tsunagu.insights.models import (
    AdviceRequest,
    Barrier,
    Indicator,
    IndicatorValue,
    Narrative,
    Theme,
    ThemeStep,
    WelfarePlan,
)
from tsunagu.outreach.models import OutreachTarget
from tsunagu.referrals.choices import ReferralStatus

EVERYONE = Scope(None, "")


def _where(rows: QuerySet[Any], district: District | None, *paths: str) -> QuerySet[Any]:
    if district is None:
        return rows
    condition = Q()
    for path in paths:
        condition |= Q(**{path: district.pk})
    return rows.filter(condition)


def _consultations(since: dt.date, until: dt.date, district: District | None) -> QuerySet[Any]:
    return _where(
        consultations(EVERYONE, since, until), district, "person__district", "household__district"
    )


#: A counted value and the counts it rests on (a share rests on its part and the rest): a
#: district's value whose counts are small is hidden, like a small cell.
Counted = tuple[Decimal | None, tuple[int, ...]]


def _share(part: int, whole: int) -> Counted:
    return (Decimal(part * 100) / Decimal(whole) if whole else None), (part, whole - part)


def _per_100k(since: dt.date, until: dt.date, district: District | None) -> Counted:
    people = district.population if district is not None else population()
    count = _consultations(since, until, district).count()
    if not people:
        return None, (count,)
    months = Decimal((until - since).days + 1) / Decimal("30.4375")
    return Decimal(count) / Decimal(people) * 100_000 / months, (count,)


def _several(since: dt.date, until: dt.date, district: District | None) -> Counted:
    rows = _consultations(since, until, district)
    return _share(several_issues(rows), rows.count())


def _completed(since: dt.date, until: dt.date, district: District | None) -> Counted:
    rows = _where(
        referrals(EVERYONE, since, until),
        district,
        "case__person__district",
        "case__household__district",
    )
    return _share(rows.filter(status=ReferralStatus.COMPLETED).count(), rows.count())


def _count(
    rows: Callable[[dt.date, dt.date, District | None], QuerySet[Any]],
) -> Callable[..., Counted]:
    def counted(since: dt.date, until: dt.date, district: District | None) -> Counted:
        n = rows(since, until, district).count()
        return Decimal(n), (n,)

    return counted


METRICS: dict[str, tuple[Any, str, Callable[[dt.date, dt.date, District | None], Counted]]] = {
    "consultations": (_("New consultations"), "件", _count(_consultations)),
    "consultations_per_100k": (_("New consultations per 100,000 people a month"), "件", _per_100k),
    "several_issues": (_("Share of consultations with several issues"), "%", _several),
    "referrals_completed": (_("Share of referrals completed with an outcome"), "%", _completed),
    "support_decided": (
        _("Cases decided for (支援決定)"),
        "件",
        _count(
            lambda since, until, district: _where(
                Case.objects.filter(support_decided_on__gte=since, support_decided_on__lte=until),
                district,
                "person__district",
                "household__district",
            )
        ),
    ),
    "outreach_engaged": (
        _("Outreach targets connected to a consultation"),
        "人",
        _count(
            lambda since, until, district: _where(
                OutreachTarget.objects.filter(engaged_on__gte=since, engaged_on__lte=until),
                district,
                "district",
            )
        ),
    ),
    "participation_people": (
        _("People given participation support"),
        "人",
        _count(
            lambda since, until, district: (
                _where(
                    introductions(EVERYONE, since, until),
                    district,
                    "case__person__district",
                    "case__household__district",
                )
                .values("case")
                .distinct()
            )
        ),
    ),
    "participation_hosts": (
        _("Cooperating hosts"),
        "事業者",
        _count(lambda since, until, district: hosts_of(introductions(EVERYONE, since, until))),
    ),
    "bases": (
        _("Bases (居場所, 拠点, サロン)"),
        "か所",
        _count(
            lambda since, until, district: _where(
                Place.objects.filter(
                    kind__in=BASE_KINDS, created_at__lt=start_of_day(until + dt.timedelta(days=1))
                ).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=since)),
                district,
                "district",
            )
        ),
    ),
    "gatherings": (
        _("Gatherings held (車座 and other dialogue)"),
        "回",
        _count(
            lambda since, until, district: _where(
                Gathering.objects.filter(held_on__gte=since, held_on__lte=until).annotate(
                    area=Coalesce("district", "place__district")
                ),
                district,
                "area",
            )
        ),
    ),
    "barriers": (
        _("Barriers recorded"),
        "件",
        _count(
            lambda since, until, district: _where(
                in_period(Barrier.objects.all(), "created_at", since, until), district, "district"
            )
        ),
    ),
    "advice": (
        _("Requests for advice"),
        "件",
        _count(
            lambda since, until, district: in_period(
                AdviceRequest.objects.all(), "created_at", since, until
            )
        ),
    ),
}


#: What only the whole town has (a host or a request for advice is nobody's district).
TOWN_ONLY = frozenset({"participation_hosts", "advice"})


def metric_choices() -> list[tuple[str, Any]]:
    return [(code, label) for code, (label, _unit, _count) in METRICS.items()]


def fiscal_year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def counted(indicator: Indicator, year: int, today: dt.date | None = None) -> Counted:
    """A counted indicator's value for a fiscal year (up to today for the year under way), and
    the counts it rests on."""
    if indicator.metric not in METRICS:
        return None, ()
    since, until = fiscal_year(year)
    until = min(until, today or timezone.localdate())
    if until < since:
        return None, ()
    value, basis = METRICS[indicator.metric][2](since, until, indicator.district)
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if value is not None else None
    return rounded, basis


@dataclass
class Progress:
    """An indicator's path: its value each year of the plan, beside its baseline and target."""

    indicator: Indicator
    values: dict[int, Decimal | None]
    latest: Decimal | None
    #: The years whose value rests on a small count of a district (a small cell): not shown.
    hidden: frozenset[int] = frozenset()

    @property
    def shown(self) -> dict[int, str]:
        """Each year's value as the page shows it (「5未満」 where it rests on a small count)."""
        return {
            year: "—"
            if value is None
            else str(Cell(1, hidden=True))
            if year in self.hidden
            else f"{value.normalize():f}{self.indicator.unit}"
            for year, value in self.values.items()
        }

    def value(self, year: int) -> Decimal | None:
        """The year's value where it may be shown (the API's)."""
        return None if year in self.hidden else self.values.get(year)

    @property
    def reached(self) -> bool | None:
        """Has the latest value reached the target (in the direction that is better)?"""
        target = self.indicator.target
        if target is None or self.latest is None:
            return None
        return self.latest >= target if self.indicator.direction == "up" else self.latest <= target

    @property
    def share_of_way(self) -> int | None:
        """How far from the baseline to the target the latest value has come, in per cent."""
        base, target = self.indicator.baseline, self.indicator.target
        if base is None or target is None or self.latest is None or base == target:
            return None
        return round((self.latest - base) / (target - base) * 100)


def progress(plan: WelfarePlan, today: dt.date | None = None) -> list[Progress]:
    today = today or timezone.localdate()
    this_year = fiscal_year_start(today).year
    entered: dict[tuple[int, int], Decimal] = {
        (v.indicator_id, v.fiscal_year): v.value
        for v in IndicatorValue.objects.filter(indicator__plan=plan)
    }
    found = []
    for indicator in plan.indicators.select_related("district", "logic_model"):
        values: dict[int, Decimal | None] = {}
        hidden = set()
        for year in plan.years:
            if year > this_year:
                values[year] = None
            elif indicator.source == IndicatorSource.COUNTED:
                values[year], basis = counted(indicator, year, today)
                if indicator.district_id is not None and any(0 < n < SMALL for n in basis):
                    hidden.add(year)
            else:
                values[year] = entered.get((indicator.pk, year))
        shown = [y for y in reversed(plan.years) if values.get(y) is not None and y not in hidden]
        latest = values[shown[0]] if shown else None
        found.append(Progress(indicator, values, latest, frozenset(hidden)))
    return found


@dataclass
class Review:
    """毎年ブラッシュアップ: a fiscal year of the plan looked back on."""

    plan: WelfarePlan
    year: int
    indicators: list[Progress]
    decided: list[Theme]  # a response decided in the year
    carried_out: list[Theme]  # carried out or looked back on in the year
    still_open: list[Theme]
    barriers: int
    gaps: int
    stories: int


def review(plan: WelfarePlan, year: int, user: User, today: dt.date | None = None) -> Review:
    """The year looked back on, its themes those of the reader's scope (every agency's for the
    主管課)."""
    since, until = fiscal_year(year)
    steps = in_period(ThemeStep.objects.all(), "taken_at", since, until)
    decided_ids = steps.filter(status=ResponseStatus.DECIDED).values("theme")
    done_ids = steps.filter(
        status__in=[ResponseStatus.IMPLEMENTING, ResponseStatus.REVIEWED]
    ).values("theme")
    themes = (
        scope_of(user).of(Theme.objects.all(), "organization").select_related("owner", "program")
    )
    barriers = in_period(Barrier.objects.all(), "created_at", since, until)
    return Review(
        plan=plan,
        year=year,
        indicators=progress(plan, today),
        decided=list(themes.filter(pk__in=decided_ids).order_by("decision", "title")),
        carried_out=list(themes.filter(pk__in=done_ids).order_by("title")),
        still_open=list(
            themes.filter(
                status__in=[ResponseStatus.RECEIVED, ResponseStatus.CONSIDERING]
            ).order_by("due_on", "title")
        ),
        barriers=barriers.count(),
        gaps=barriers.filter(is_gap=True).count(),
        stories=in_period(
            Narrative.objects.filter(status=NarrativeStatus.SHARED), "shared_at", since, until
        ).count(),
    )


def plan_of(day: dt.date) -> WelfarePlan | None:
    """The plan whose years hold the fiscal year of `day` (the latest made, if several)."""
    year = fiscal_year_start(day).year
    return (
        WelfarePlan.objects.filter(first_year__lte=year, last_year__gte=year)
        .order_by("-pk")
        .first()
    )
