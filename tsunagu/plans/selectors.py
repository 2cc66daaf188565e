"""Reading assessments, plans and evaluations of a case, with only what the reader may see
(the access of tsunagu.sharing.access, already checked for the case)."""

from dataclasses import dataclass

from django.db.models import Prefetch

from tsunagu.cases.models import Case
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
