"""参加支援の実績: how many take part, at which stage, by district; how long to the first visit;
who is still taking part after 3 and 6 months; 協力事業者数 and 資源化; and, where it was asked,
孤独感 at the start and after 3 and 6 months beside the national survey. Counts only: no person
is named, and only the participations the reader may read are counted."""

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.core.calendar import add_months
from tsunagu.core.documents import Percent
from tsunagu.participation.choices import (
    NATIONAL_LONELINESS,
    NATIONAL_SOURCE,
    Loneliness,
    Stage,
    StepKind,
    WellbeingPoint,
)
from tsunagu.participation.models import Adaptation, Participation, Wellbeing
from tsunagu.participation.selectors import participating_cases, visible_participations

TOTAL = "計"


@dataclass
class DistrictRow:
    district: str
    people: int = 0
    by_stage: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Stage.values, 0))
    days_to_first_visit: float | None = None
    #: (still taking part, of those who began taking part at least that long before the end)
    kept_3: tuple[int, int] = (0, 0)
    kept_6: tuple[int, int] = (0, 0)


@dataclass
class WellbeingRow:
    point: str
    label: str
    answered: int
    ucla_mean: float | None
    #: The share (%) of each answer to the direct question.
    loneliness: dict[int, float]


@dataclass
class Figures:
    since: dt.date
    until: dt.date
    rows: list[DistrictRow]
    hosts: int
    adaptations_made: int
    adaptations_reused: int
    wellbeing: list[WellbeingRow]
    national: dict[int, float] = field(
        default_factory=lambda: {int(k): v for k, v in NATIONAL_LONELINESS.items()}
    )


def _kept(rows: list[Participation], months: int, until: dt.date) -> tuple[int, int]:
    began = [
        p for p in rows if p.continuing_since and add_months(p.continuing_since, months) <= until
    ]
    kept = [
        p
        for p in began
        if p.ended_on is None or p.ended_on >= add_months(p.continuing_since, months)  # type: ignore[arg-type]
    ]
    return len(kept), len(began)


def _first_visits(rows: list[Participation]) -> list[int]:
    days = []
    for p in rows:
        visits = [
            s.happened_on
            for s in p.steps.all()
            if s.happened_on and s.kind in (StepKind.VISIT, StepKind.TRIAL)
        ]
        if visits:
            days.append((min(visits) - p.introduced_on).days)
    return days


def participation_figures(user: User, since: dt.date, until: dt.date) -> Figures:
    active = list(
        visible_participations(user)
        .filter(introduced_on__lte=until)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=since))
    )

    own = set(reading_organization_ids(user))

    def district_of(p: Participation) -> str:
        """The district where the reader's agency leads the case; elsewhere it is
        属性・家族関係, which the figures do not disclose."""
        if p.case.lead_organization_id not in own:
            return "—"
        subject = p.case.person or p.case.household
        district = subject.district if subject is not None else None
        return district.name if district is not None else "—"

    names = sorted({district_of(p) for p in active})
    rows = []
    for name in [*names, TOTAL]:
        chosen = [p for p in active if name == TOTAL or district_of(p) == name]
        row = DistrictRow(name, people=len({p.case_id for p in chosen}))
        for p in chosen:
            row.by_stage[p.stage] += 1
        days = _first_visits(chosen)
        row.days_to_first_visit = statistics.median(days) if days else None
        row.kept_3, row.kept_6 = _kept(chosen, 3, until), _kept(chosen, 6, until)
        rows.append(row)
    tried = {
        p.resource.provider_id
        for p in active
        if p.stage in (Stage.TRIAL, Stage.CONTINUING) or p.continuing_since
    }
    adaptations = Adaptation.objects.filter(
        negotiated_on__gte=since,
        negotiated_on__lte=until,
        organization__in=reading_organization_ids(user),
    ).prefetch_related("participations")
    hosts = tried | {a.resource.provider_id for a in adaptations.select_related("resource")}
    return Figures(
        since=since,
        until=until,
        rows=rows,
        hosts=len(hosts - {None}),
        adaptations_made=len(adaptations),
        adaptations_reused=sum(1 for a in adaptations if len(a.participations.all()) > 1),
        wellbeing=_wellbeing(user, since, until),
    )


def _wellbeing(user: User, since: dt.date, until: dt.date) -> list[WellbeingRow]:
    answers = list(
        Wellbeing.objects.filter(
            case__in=participating_cases(user), measured_on__gte=since, measured_on__lte=until
        )
    )
    rows = []
    for point, label in WellbeingPoint.choices:
        chosen = [w for w in answers if w.point == point]
        counts = Counter(w.loneliness for w in chosen)
        rows.append(
            WellbeingRow(
                point=point,
                label=str(label),
                answered=len(chosen),
                ucla_mean=round(statistics.mean(w.ucla for w in chosen), 1) if chosen else None,
                loneliness={
                    value: round(100 * counts[value] / len(chosen), 1) if chosen else 0.0
                    for value in Loneliness.values
                },
            )
        )
    return rows


def figures_sheet(found: Figures) -> tuple[list[str], list[list[Any]]]:
    """The figures as one Excel sheet: a row per district, then the town's totals."""
    header = [
        "地区",
        "参加支援の人数",
        *[str(label) for _value, label in Stage.choices],
        "初回の見学・体験までの日数（中央値）",
        "3か月後も継続",
        "3か月の対象",
        "6か月後も継続",
        "6か月の対象",
    ]
    rows: list[list[Any]] = [
        [
            r.district,
            r.people,
            *[r.by_stage[v] for v in Stage.values],
            r.days_to_first_visit,
            *r.kept_3,
            *r.kept_6,
        ]
        for r in found.rows
    ]
    rows += [
        [],
        ["協力事業者数", found.hosts],
        ["資源化（受け入れの工夫）", found.adaptations_made],
        ["うち複数の人が利用", found.adaptations_reused],
        [],
        [
            "孤独感（直接質問）",
            "回答数",
            "UCLA 3項目の平均",
            *[str(label) for _v, label in Loneliness.choices],
        ],
        *[
            [
                w.label,
                w.answered,
                w.ucla_mean,
                *[Percent(w.loneliness[v] / 100) for v in Loneliness.values],
            ]
            for w in found.wellbeing
        ],
        [
            NATIONAL_SOURCE,
            None,
            None,
            *[
                Percent(found.national[v] / 100) if v in found.national else None
                for v in Loneliness.values
            ],
        ],
    ]
    return header, rows
