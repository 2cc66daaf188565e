"""あとちょっと: recorded from a case (its plan, evaluation or a meeting decision); the manager's
list counts them without personal data."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.accounts.access import AuthedRequest, require_casework, role_required
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import User
from tsunagu.audit.services import record_event
from tsunagu.cases.selectors import find_case
from tsunagu.community.selectors import find_idea
from tsunagu.core.calendar import fiscal_year_start, month_end
from tsunagu.core.documents import Sheet, xlsx_book, xlsx_download
from tsunagu.core.forms import show_errors
from tsunagu.insights import dashboard, national_report, selectors, services, targets
from tsunagu.insights.cells import SMALL
from tsunagu.insights.choices import Source
from tsunagu.insights.forms import BarrierForm, BarrierPeriodForm, FiguresPeriodForm


@role_required(*CASE_ROLES, Role.MANAGER)
def barrier_new(request: AuthedRequest, pk: int) -> HttpResponse:
    case = find_case(request.user, pk)
    if not services.may_record_barrier(request.user, case):
        raise PermissionDenied  # may know the case (a manager, a meeting's attendee)
    source = request.GET.get("source") or request.POST.get("source") or Source.CASE
    source_id = request.GET.get("source_id") or request.POST.get("source_id")
    form = BarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_barrier(
                actor=request.user,
                case=case,
                source=source,
                source_id=int(source_id)
                if source_id and source_id.isascii() and source_id.isdigit()
                else None,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Only the organizations on the case record its barriers."))
        else:
            messages.success(
                request, _("The barrier is recorded. Thank you: this is how policy learns.")
            )
            return redirect("cases:case-support", case.pk)
    context = {"case": case, "form": form, "source": source, "source_id": source_id or ""}
    return render(
        request, "insights/barrier_form.html", context, status=400 if form.is_bound else 200
    )


@role_required(*CASE_ROLES, Role.MANAGER)
def barrier_from_idea(request: AuthedRequest, idea_id: int) -> HttpResponse:
    """An idea of a gathering, taken to policy as a barrier (no case)."""
    idea = find_idea(request.user, idea_id)
    if request.method == "POST":
        require_casework(request.user)
    form = BarrierForm(request.POST or None, initial={"would_help": idea.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_from_idea(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The barrier is recorded. Thank you: this is how policy learns.")
            )
            return redirect("community:gathering-detail", idea.gathering_id)
    context = {"idea": idea, "form": form}
    return render(
        request, "insights/barrier_from_idea.html", context, status=400 if form.is_bound else 200
    )


@role_required(*services.POLICY_ROLES)
def barrier_list(request: AuthedRequest) -> HttpResponse:
    """あとちょっと・制度の狭間: analysed by what blocked, where, the programmes and their funding,
    the district and the trend (small cells hidden); then the texts, to gather into themes."""
    form = BarrierPeriodForm(request.GET or None)
    asked = form.cleaned_data if form.is_bound and form.is_valid() else {}
    everything = request.GET.get("period") == "all"
    since = None if everything else (asked.get("since") or fiscal_year_start()).replace(day=1)
    until = asked.get("until")
    if until is not None:  # whole months, as on the figures pages
        until = month_end(until)
    rows = selectors.barriers_in(request.user, since, until)
    texts = selectors.barrier_texts(
        rows,
        blocked_by=asked.get("blocked_by", ""),
        source=asked.get("source", ""),
        gaps_only=asked.get("gaps_only", False),
        unthemed=asked.get("unthemed", False),
    )
    page = Paginator(texts, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "analysis": selectors.barrier_analysis(rows),
        "total": rows.count(),
        "page": page,
        "since": since,
        "everything": everything,
        "query": query.urlencode(),
        "themes": selectors.themes(request.user).exclude(status="reviewed")[:100],
    }
    return render(
        request, "insights/barrier_list.html", context, status=400 if form.errors else 200
    )


def form_start(request: AuthedRequest) -> dt.date:
    """The first day of the period a figures page was asked for (this fiscal year's otherwise)."""
    return FiguresPeriodForm(request.GET or None).period()[0]


def _figures_page(
    request: AuthedRequest,
    template: str,
    build: Callable[[User, dt.date, dt.date], Any],
    sheets: Callable[[Any], list[Sheet]],
    name: str,
    more: Callable[[dt.date], dict[str, Any]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A page of figures for a period (和暦 accepted; a bad period answers 400 with what to
    fix), as `template` shows `build`'s result (`found`) and what `more` adds for the period's
    first day, or with ?format=xlsx as a workbook of `sheets`, the export audited."""
    form = FiguresPeriodForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "found": None, "small": SMALL, **extra}
    if form.is_bound and not form.is_valid():
        return render(request, template, context, status=400)
    since, until = form.period()
    found = build(request.user, since, until)
    if request.GET.get("format") == "xlsx":
        record_event(
            actor=request.user,
            action="export",
            object_type=f"insights.{name}",
            detail={"since": since.isoformat(), "until": until.isoformat()},
        )
        return xlsx_download(
            xlsx_book(sheets(found), request.user.date_style),
            f"{name}-{since:%Y%m%d}-{until:%Y%m%d}.xlsx",
        )
    query = request.GET.copy()
    query.pop("format", None)
    context |= {"found": found, "query": query.urlencode(), **(more(since) if more else {})}
    return render(request, template, context)


@role_required(Role.MANAGER, Role.COORDINATOR)
def figures(request: AuthedRequest) -> HttpResponse:
    """管理職のダッシュボード: the period's figures of the agencies the reader manages (all of
    them for the 主管課), counts only; the targets of the plan of the period's year."""

    def plan_targets(since: dt.date) -> dict[str, Any]:
        # The plan's targets are the town's: beside the figures of every agency (the 主管課's).
        plan = targets.plan_of(since) if dashboard.scope_of(request.user).everyone else None
        return {"plan": plan, "progress": targets.progress(plan) if plan is not None else None}

    return _figures_page(
        request,
        "insights/dashboard.html",
        dashboard.dashboard,
        dashboard.dashboard_sheets,
        "figures",
        more=plan_targets,
    )


@role_required(Role.MANAGER, Role.COORDINATOR)
def national_report_view(request: AuthedRequest) -> HttpResponse:
    """実績報告: the 重層 実施状況 and the 生活困窮 支援状況調査 for the period, each number with how
    it was counted."""
    return _figures_page(
        request,
        "insights/national_report.html",
        national_report.report,
        national_report.report_sheets,
        "national-report",
        how=national_report.SURVEY_HOW,
    )
