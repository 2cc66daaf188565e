"""Reading assessments, plans and evaluations of a case the user may already see."""

from tsunagu.cases.models import Case
from tsunagu.plans.models import Assessment, Evaluation, SupportPlan


def latest_assessment(case: Case) -> Assessment | None:
    return case.assessments.select_related("author").order_by("-version").first()


def latest_plan(case: Case) -> SupportPlan | None:
    return (
        case.plans.select_related("author")
        .prefetch_related(
            "goals", "actions__responsible_organization", "actions__responsible_worker"
        )
        .order_by("-version")
        .first()
    )


def evaluations_of(case: Case) -> list[Evaluation]:
    return list(
        case.evaluations.select_related("plan", "author")
        .prefetch_related("attainments__goal")
        .order_by("-evaluated_on", "-pk")
    )
