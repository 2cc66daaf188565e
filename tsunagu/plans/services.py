"""Writing assessments, support plans and evaluations, each as a new version."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import Organization, User
from tsunagu.audit.services import record_event
from tsunagu.cases.choices import CaseStatus
from tsunagu.cases.models import Case, Task
from tsunagu.cases.services import advance_to, close_case, opens_case, suspend_case, worker_error
from tsunagu.core.search_index import search_index
from tsunagu.plans.choices import AREA_CATEGORIES, ASSESSMENT_AREAS, PLAN_CATEGORIES, NextDirection
from tsunagu.plans.models import (
    Assessment,
    Evaluation,
    GoalAttainment,
    PlanAction,
    PlanGoal,
    SupportPlan,
)
from tsunagu.sharing.access import require_writer

AREA_FIELDS = [field for field, _label in ASSESSMENT_AREAS]


def assessment_categories(assessment: Assessment) -> int:
    """The categories of the areas that are written (the whole sheet, as the search sees it)."""
    mask = 0
    for field, categories in AREA_CATEGORIES.items():
        if getattr(assessment, field):
            mask |= categories
    return mask or PLAN_CATEGORIES


def _next_version(model: type[Assessment] | type[SupportPlan], case: Case) -> int:
    current = model.objects.filter(case=case).aggregate(v=Max("version"))["v"]
    return (current or 0) + 1


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def _writable(actor: User, case: Case) -> None:
    require_writer(actor, case)
    if case.status in (CaseStatus.CLOSED, CaseStatus.SUSPENDED):
        raise ValidationError(_("This case is closed. Reopen it before writing to it."))


@transaction.atomic
def record_assessment(
    *, actor: User, case: Case, assessed_on: dt.date | None = None, summary: str = "", **areas: str
) -> Assessment:
    """アセスメントを記録する (a new version; earlier versions are kept)."""
    _writable(actor, case)
    unknown = set(areas) - set(AREA_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown assessment areas: {sorted(unknown)}")
    if not any((value or "").strip() for value in [*areas.values(), summary]):
        raise ValidationError(_("Write at least one area of the assessment."))
    assessment = Assessment(
        case=case,
        version=_next_version(Assessment, case),
        assessed_on=assessed_on or timezone.localdate(),
        summary=summary,
        author=actor,
        **areas,
    )
    assessment.full_clean()
    assessment.save()
    advance_to(case, CaseStatus.ASSESSMENT)
    labels = dict(ASSESSMENT_AREAS)
    content = "\n".join(
        f"{labels[f]}: {getattr(assessment, f)}" for f in AREA_FIELDS if getattr(assessment, f)
    )
    search_index.index_case_text(
        kind="assessment",
        object_id=assessment.pk,
        case=case,
        content="\n".join(filter(None, [content, summary])),
        categories=assessment_categories(assessment),
        occurred_at=_start_of(assessment.assessed_on),
    )
    record_event(
        actor=actor,
        action="create",
        obj=assessment,
        detail={"case": case.pk, "version": assessment.version},
    )
    return assessment


@transaction.atomic
def record_support_plan(
    *,
    actor: User,
    case: Case,
    persons_wishes: str,
    goals: list[str],
    actions: list[dict[str, Any]],
    long_term_goal: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    next_review_on: dt.date | None = None,
    categories: int = PLAN_CATEGORIES,
    employment_support: bool = False,
) -> SupportPlan:
    """支援プランを作成する (a new version). Starts from the person's wishes; each action names
    the responsible organization (and worker) and becomes a task when it has a date."""
    _writable(actor, case)
    if not (persons_wishes or "").strip():
        raise ValidationError(
            {
                "persons_wishes": _(
                    "A plan starts from what the person wants. Write it in their words."
                )
            }
        )
    goals = [g.strip() for g in goals if g and g.strip()]
    if not goals:
        raise ValidationError({"goals": _("Write at least one short-term goal.")})
    if not categories:
        raise ValidationError({"categories": _("Choose at least one kind of information.")})
    period_start = period_start or timezone.localdate()
    if period_end and period_end < period_start:
        raise ValidationError({"period_end": _("The plan ends before it starts.")})
    plan = SupportPlan(
        case=case,
        version=_next_version(SupportPlan, case),
        persons_wishes=persons_wishes.strip(),
        long_term_goal=long_term_goal,
        period_start=period_start,
        period_end=period_end,
        next_review_on=next_review_on,
        categories=categories,
        employment_support=employment_support,
        author=actor,
    )
    plan.full_clean()
    plan.save()
    PlanGoal.objects.bulk_create(
        PlanGoal(plan=plan, order=n, text=text) for n, text in enumerate(goals, start=1)
    )
    for n, action in enumerate(actions, start=1):
        description = (action.get("description") or "").strip()
        if not description:
            continue
        organization = action.get("responsible_organization") or case.lead_organization
        if not isinstance(organization, Organization):
            raise ValidationError(_("Each action needs the organization responsible for it."))
        worker = action.get("responsible_worker")
        if error := worker_error(worker, organization):
            raise ValidationError({"actions": error})
        if not opens_case(case, organization.pk):
            raise ValidationError(
                {
                    "actions": _(
                        "%(organization)s is not on this case's team: it could not open the "
                        "task. Add it to the team first (関係機関・同意・つなぎ)."
                    )
                    % {"organization": organization.name}
                }
            )
        row = PlanAction(
            plan=plan,
            order=n,
            description=description,
            responsible_organization=organization,
            responsible_worker=action.get("responsible_worker"),
            due_on=action.get("due_on"),
        )
        row.full_clean()
        row.save()
        if row.due_on:
            Task.objects.create(
                case=case,
                title=description,
                due_on=row.due_on,
                assignee=row.responsible_worker,
                organization=organization,
                source="plan_action",
                source_id=row.pk,
            )
    if next_review_on:
        Task.objects.create(
            case=case,
            title=_("Review the support plan"),
            due_on=next_review_on,
            assignee=case.lead_worker,
            organization=case.lead_organization,
            source="plan_review",
            source_id=plan.pk,
        )
    advance_to(case, CaseStatus.IN_SUPPORT)
    content = "\n".join(
        [
            plan.persons_wishes,
            long_term_goal,
            *goals,
            *[(a.get("description") or "") for a in actions],
        ]
    )
    search_index.index_case_text(
        kind="plan",
        object_id=plan.pk,
        case=case,
        content=content,
        categories=plan.categories,
        occurred_at=_start_of(plan.period_start),
    )
    record_event(
        actor=actor, action="create", obj=plan, detail={"case": case.pk, "version": plan.version}
    )
    return plan


@transaction.atomic
def record_evaluation(
    *,
    actor: User,
    case: Case,
    plan: SupportPlan,
    attainments: dict[int, tuple[str, str]],
    next_direction: str,
    persons_change: str = "",
    comment: str = "",
    evaluated_on: dt.date | None = None,
    found_work: bool = False,
    income_rose: bool = False,
) -> Evaluation:
    """評価 (review a plan): each goal's attainment and the direction that follows. 終結 and
    中断 are carried out here too, so the evaluation and the closure agree."""
    _writable(actor, case)
    if plan.case_id != case.pk:
        raise ValidationError(_("This plan belongs to another case."))
    goals = {goal.pk: goal for goal in plan.goals.all()}
    missing = [goal.text for pk, goal in goals.items() if pk not in attainments]
    if missing:
        raise ValidationError(
            _("Rate every goal of the plan: %(goals)s") % {"goals": "、".join(missing)}
        )
    evaluation = Evaluation(
        case=case,
        plan=plan,
        next_direction=next_direction,
        persons_change=persons_change,
        comment=comment,
        author=actor,
        evaluated_on=evaluated_on or timezone.localdate(),
        found_work=found_work,
        income_rose=income_rose,
    )
    evaluation.full_clean()
    evaluation.save()
    for goal_id, (attainment, note) in attainments.items():
        if goal_id not in goals:
            raise ValidationError(_("A rated goal is not part of this plan."))
        row = GoalAttainment(
            evaluation=evaluation, goal=goals[goal_id], attainment=attainment, comment=note
        )
        row.full_clean()
        row.save()
    advance_to(case, CaseStatus.EVALUATION)
    record_event(
        actor=actor,
        action="create",
        obj=evaluation,
        detail={"case": case.pk, "next": next_direction},
    )
    if next_direction == NextDirection.REPLAN:
        case.status = CaseStatus.PLANNING
        case.save(update_fields=["status", "updated_at"])
    elif next_direction == NextDirection.CONTINUE:
        case.status = CaseStatus.IN_SUPPORT
        case.save(update_fields=["status", "updated_at"])
    elif next_direction == NextDirection.SUSPEND:
        suspend_case(actor=actor, case=case, note=comment)
    elif next_direction == NextDirection.CLOSE:
        close_case(actor=actor, case=case, reason="goals_met", note=comment)
    return evaluation
