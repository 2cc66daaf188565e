"""Reading assessments, plans and evaluations of a case, with only what the reader may see
(the access of tsunagu.sharing.access, already checked for the case)."""

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from tsunagu.cases.models import Case
from tsunagu.core.wareki import format_date
from tsunagu.plans.choices import AREA_CATEGORIES, ASSESSMENT_AREAS
from tsunagu.plans.models import Assessment, Evaluation, GoalAttainment, PlanAction, SupportPlan
from tsunagu.sharing.access import CaseAccess
from tsunagu.sharing.choices import category_labels


@dataclass(frozen=True)
class Area:
    """One area of the assessment sheet, or why it is withheld."""

    label: str
    text: str
    visible: bool
    categories: int

    @property
    def withheld_because(self) -> str:
        return "・".join(category_labels(self.categories))


def latest_assessment(case: Case) -> Assessment | None:
    return case.assessments.select_related("author").order_by("-version").first()


def assessment_areas(assessment: Assessment, access: CaseAccess) -> list[Area]:
    """The areas of the national sheet in order, with the overall view last; an area outside
    the reader's categories is withheld, and says which consent would open it."""
    from django.utils.translation import gettext as _

    rows = [*ASSESSMENT_AREAS, ("summary", _("Overall view"))]
    return [
        Area(
            label=str(label),
            text=getattr(assessment, field),
            visible=access.sees(AREA_CATEGORIES[field]),
            categories=AREA_CATEGORIES[field],
        )
        for field, label in rows
    ]


@dataclass(frozen=True)
class Version:
    """One version of an assessment or a plan as its history shows it: who wrote it, when,
    and what it changed from the version before (label, before, after)."""

    number: int
    written_at: Any
    author: Any
    changes: list[tuple[str, str, str]]


def _versions(
    records: Sequence[Any], parts: list[tuple[str, Callable[[Any], str]]]
) -> list[Version]:
    """Each version after the first, newest first, with the parts it changed."""
    found = []
    for older, newer in zip(records, records[1:], strict=False):
        changes = [
            (label, show(older) or "—", show(newer) or "—")
            for label, show in parts
            if show(older) != show(newer)
        ]
        found.append(Version(newer.version, newer.created_at, newer.author, changes))
    return found[::-1]


def assessment_versions(case: Case, date_style: str) -> list[Version]:
    """アセスメントの版の履歴 (for the lead agency): what each new version changed."""
    records = list(case.assessments.select_related("author").order_by("version"))
    parts: list[tuple[str, Callable[[Any], str]]] = [
        (str(label), operator.attrgetter(field))
        for field, label in [*ASSESSMENT_AREAS, ("summary", _("Overall view"))]
    ]
    parts.insert(0, (_("Assessed on"), lambda a: format_date(a.assessed_on, date_style)))
    return _versions(records, parts)


def plan_versions(case: Case, date_style: str) -> list[Version]:
    """支援プランの版の履歴 (for the lead agency): what each new version changed — the wishes,
    the goals, the period, who does what."""

    def day(value: Any) -> str:
        return format_date(value, date_style) if value else ""

    def actions(plan: SupportPlan) -> str:
        return "\n".join(
            f"{a.description}（{a.responsible_organization.name if a.responsible_organization else '—'}"
            f"{'・' + a.responsible_worker.display_name if a.responsible_worker else ''}"
            f"{'、' + day(a.due_on) if a.due_on else ''}）"
            for a in plan.actions.all()
        )

    parts: list[tuple[str, Callable[[Any], str]]] = [
        (_("The person's wishes"), lambda p: p.persons_wishes),
        (_("Long-term goal"), lambda p: p.long_term_goal),
        (_("Short-term goals"), lambda p: "\n".join(g.text for g in p.goals.all())),
        (_("Period"), lambda p: f"{day(p.period_start)} – {day(p.period_end)}"),
        (_("Next review"), lambda p: day(p.next_review_on)),
        (_("Who does what by when"), actions),
    ]
    actions_query = PlanAction.objects.select_related(
        "responsible_organization", "responsible_worker"
    )
    records = list(
        case.plans.select_related("author")
        .prefetch_related("goals", Prefetch("actions", queryset=actions_query))
        .order_by("version")
    )
    return _versions(records, parts)


def latest_plan(access: CaseAccess) -> SupportPlan | None:
    actions = PlanAction.objects.select_related("responsible_organization", "responsible_worker")
    plans = access.case.plans.select_related("author").prefetch_related(
        "goals", Prefetch("actions", queryset=actions)
    )
    plan = plans.order_by("-version").first()
    if plan is None or not access.sees(plan.categories):
        return None
    return plan


def evaluations_of(access: CaseAccess) -> list[Evaluation]:
    """Evaluations speak of their plan: they are read with the plan's categories."""
    attainments = GoalAttainment.objects.select_related("goal")
    evaluations = access.case.evaluations.select_related("plan", "author").prefetch_related(
        Prefetch("attainments", queryset=attainments)
    )
    return list(
        access.only_visible(evaluations, "plan__categories").order_by("-evaluated_on", "-pk")
    )
