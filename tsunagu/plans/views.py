"""アセスメント・支援プラン・評価 forms, each saved as a new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.accounts.access import READERS, AuthedRequest, role_required
from tsunagu.accounts.models import Organization, User
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core.forms import show_errors
from tsunagu.plans import selectors, services
from tsunagu.plans.choices import ASSESSMENT_AREAS
from tsunagu.plans.forms import AssessmentForm, EvaluationForm, PlanForm
from tsunagu.sharing.access import case_access


@role_required(*READERS)
def assessment_new(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    latest = selectors.latest_assessment(case)
    initial = {f: getattr(latest, f) for f, _label in ASSESSMENT_AREAS} if latest else {}
    if latest:
        initial["summary"] = latest.summary
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved as a new version."))
            return redirect("cases:case-support", pk)
    return render(
        request, "plans/assessment_form.html", {"case": case, "form": form, "latest": latest}
    )


@role_required(*READERS)
def plan_new(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    latest = selectors.latest_plan(case_access(request.user, case))
    initial = {}
    if latest:
        initial = {
            "persons_wishes": latest.persons_wishes,
            "long_term_goal": latest.long_term_goal,
            "categories": latest.categories,
        }
        initial.update({f"goal_{g.order}": g.text for g in latest.goals.all()})
    workers = User.objects.filter(
        memberships__organization=case.lead_organization,
        memberships__is_active=True,
        is_active=True,
    ).distinct()
    form = PlanForm(
        request.POST or None,
        initial=initial,
        organizations=Organization.objects.filter(is_active=True),
        workers=workers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_support_plan(
                actor=request.user,
                case=case,
                persons_wishes=data["persons_wishes"],
                long_term_goal=data["long_term_goal"],
                goals=form.goals(),
                actions=form.actions(),
                period_start=data["period_start"],
                period_end=data["period_end"],
                next_review_on=data["next_review_on"],
                categories=data["categories"],
                employment_support=data["employment_support"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The support plan is saved. Its actions are now tasks."))
            return redirect("cases:case-support", pk)
    return render(request, "plans/plan_form.html", {"case": case, "form": form, "latest": latest})


@role_required(*READERS)
def evaluation_new(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    plan = selectors.latest_plan(case_access(request.user, case))
    if plan is None:
        messages.error(request, _("Write a support plan before evaluating it."))
        return redirect("cases:case-support", pk)
    form = EvaluationForm(request.POST or None, goals=list(plan.goals.all()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_evaluation(
                actor=request.user,
                case=case,
                plan=plan,
                attainments=form.attainments(),
                next_direction=data["next_direction"],
                persons_change=data["persons_change"],
                comment=data["comment"],
                evaluated_on=data["evaluated_on"],
                found_work=data["found_work"],
                income_rose=data["income_rose"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The evaluation is saved."))
            return redirect("cases:case-support", pk)
    return render(request, "plans/evaluation_form.html", {"case": case, "form": form, "plan": plan})
