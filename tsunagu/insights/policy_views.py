"""Barriers into decisions: barriers heard in dialogue, themes and their management response,
the programme that almost fits, and the 庁内事業 inventory. Nothing here names a person or a
case: barriers are read as their texts, as on the managers' list."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import AuthedRequest, reading_organization_ids, role_required
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.audit.services import record_event
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core import revisions
from tsunagu.core.calendar import fiscal_year_start
from tsunagu.core.documents import xlsx_book, xlsx_download
from tsunagu.core.forms import show_errors
from tsunagu.core.views import correction_page
from tsunagu.insights import deidentify, inventory, selectors, services, targets
from tsunagu.insights.choices import Decision, ResponseStatus
from tsunagu.insights.forms import (
    AdviceForm,
    AdviceReplyForm,
    DialogueBarrierForm,
    FitForm,
    IndicatorForm,
    IndicatorValueForm,
    InventoryImportForm,
    LogicModelForm,
    NarrativeForm,
    ProgramCorrectionForm,
    ProgramFilterForm,
    ProgramForm,
    ShareForm,
    ThemeForm,
    ThemeStepForm,
    WelfarePlanForm,
)
from tsunagu.insights.models import Barrier, Program, WelfarePlan

#: Policy pages (barriers, themes) are for who carries 政策化: managers and coordinators, who
#: read and write them alike.
POLICY = services.POLICY_ROLES
#: The inventory is the city hall's own public information: every member of staff reads it.
INVENTORY_READERS = (*CASE_ROLES, Role.MANAGER)


@role_required(*POLICY)
def dialogue_barrier_new(request: AuthedRequest) -> HttpResponse:
    """あとちょっと heard in dialogue with no case (おしゃべり会, 庁内散歩, 車座)."""
    form = DialogueBarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            barrier = services.record_dialogue_barrier(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The barrier is recorded. Thank you: this is how policy learns.")
            )
            return redirect("insights:barrier-detail", barrier.pk)
    return render(
        request,
        "insights/dialogue_barrier_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@role_required(*POLICY)
def barrier_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One barrier's text (no case), its theme, and the programmes that could cover the need."""
    barrier = selectors.find_barrier(request.user, pk)
    form = FitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.link_program(actor=request.user, barrier=barrier, **form.cleaned_data)
        messages.success(request, _("The programme is linked to the barrier."))
        return redirect("insights:barrier-detail", barrier.pk)
    context = {
        "barrier": barrier,
        "fits": barrier.fits.select_related("program"),
        "suggestions": selectors.programs_for([barrier]),
        "form": form,
        "themes": selectors.themes(request.user).exclude(status=ResponseStatus.REVIEWED)[:50],
    }
    return render(
        request, "insights/barrier_detail.html", context, status=400 if form.is_bound else 200
    )


@role_required(*POLICY)
def theme_list(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ResponseStatus.values else ""
    page = Paginator(selectors.themes(request.user, status), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "counts": [
            (value, label, selectors.theme_counts(request.user)[value])
            for value, label in ResponseStatus.choices
        ],
        "query": f"status={status}" if status else "",
    }
    return render(request, "insights/theme_list.html", context)


def _chosen_barriers(request: AuthedRequest) -> list[Barrier]:
    """The barriers ticked on the list (ids of 18 digits at most: no integer overflow), among
    those the reader's scope counts."""
    chosen = request.POST.getlist("barrier") + request.GET.getlist("barrier")
    ids = [int(i) for i in chosen if i.isascii() and i.isdigit() and len(i) < 18]
    return list(selectors.barriers_in(request.user).filter(pk__in=ids[:500]))


@role_required(*POLICY)
def theme_new(request: AuthedRequest) -> HttpResponse:
    """受け止め: a theme from the barriers chosen on the list."""
    barriers = _chosen_barriers(request)
    form = ThemeForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.create_theme(
                actor=request.user, barriers=barriers, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The theme is received. Its response starts here."))
            return redirect("insights:theme-detail", theme.pk)
    context = {"form": form, "barriers": barriers}
    return render(
        request, "insights/theme_form.html", context, status=400 if form.is_bound else 200
    )


@role_required(*POLICY)
def theme_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A theme: its barriers, where its response stands and how it got there, the programmes
    that could cover it, and the next step."""
    theme = selectors.find_theme(request.user, pk)
    form = ThemeStepForm(
        request.POST or None,
        initial={
            "status": theme.status,
            "owner": theme.owner,
            "due_on": theme.due_on,
            "program": theme.program,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advance_theme(actor=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("insights:theme-detail", theme.pk)
    barriers = list(theme.barriers.select_related("organization", "district"))
    context = {
        "theme": theme,
        "barriers": barriers,
        "steps": theme.steps.select_related("owner", "taken_by"),
        "suggestions": selectors.programs_for(barriers) if barriers else [],
        "form": form,
        "no_action": Decision.NO_ACTION,
    }
    return render(
        request, "insights/theme_detail.html", context, status=400 if form.is_bound else 200
    )


@require_POST
@role_required(*POLICY)
def theme_gather(request: AuthedRequest) -> HttpResponse:
    """Put the barriers chosen on the list under an existing theme."""
    chosen = request.POST.get("theme", "")
    theme = selectors.find_theme(
        request.user,
        int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 18 else 0,
    )
    moved = services.gather_barriers(
        actor=request.user, theme=theme, barriers=_chosen_barriers(request)
    )
    messages.success(request, _("%(n)s barriers are under this theme now.") % {"n": moved})
    return redirect("insights:theme-detail", theme.pk)


# -- 庁内事業 -------------------------------------------------------------------------------------


def _history(request: AuthedRequest, program: Program) -> list[Any]:
    """A programme's corrections, its lists of codes in words."""
    formats = {
        name: (lambda codes, name=name: inventory.words(name, codes or []))
        for name in ("functions", "targets", "funding")
    }
    return revisions.described_history(program, request.user.date_style, formats=formats)


@role_required(*INVENTORY_READERS)
def program_list(request: AuthedRequest) -> HttpResponse:
    years = sorted(set(Program.objects.values_list("fiscal_year", flat=True)), reverse=True)
    form = ProgramFilterForm(request.GET or None, years=years)
    asked = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.programs(
        query=asked.get("q", ""),
        function=asked.get("function", ""),
        funding=asked.get("funding", ""),
        year=asked.get("year"),
    )
    if request.GET.get("format") == "xlsx":
        record_event(
            actor=request.user,
            action="export",
            object_type="insights.program",
            detail={"rows": rows.count()},
        )
        return xlsx_download(
            xlsx_book([inventory.program_sheet(rows)], request.user.date_style), "programs.xlsx"
        )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "form": form,
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "query": query.urlencode(),
        "may_write": services.may_keep_town_records(request.user),
        "sections": len({p.section for p in rows.only("section")}),
    }
    return render(request, "insights/program_list.html", context)


@role_required(*POLICY)
def program_new(request: AuthedRequest) -> HttpResponse:

    form = ProgramForm(
        request.POST or None, initial={"fiscal_year": fiscal_year_start().year, "is_active": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            program = services.record_program(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The programme is in the inventory."))
            return redirect("insights:program-detail", program.pk)
    return render(
        request, "insights/program_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


@role_required(*INVENTORY_READERS)
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    program = selectors.find_program(pk)
    context = {
        "program": program,
        "history": _history(request, program),
        "fits": program.fits.select_related("barrier")[:50],
        "themes": program.themes.all()[:50],
        "may_write": services.may_keep_town_records(request.user),
    }
    return render(request, "insights/program_detail.html", context)


@role_required(*POLICY)
def program_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    program = selectors.find_program(pk)
    fields = [f for f in ProgramForm.base_fields]
    initial: dict[str, Any] = {f: getattr(program, f) for f in fields}

    def save(data: dict[str, Any]) -> None:
        reason = data.pop("reason")
        services.correct_program(actor=request.user, program=program, reason=reason, **data)

    return correction_page(
        request,
        form=ProgramCorrectionForm(request.POST or None, initial=initial),
        save=save,
        page=lambda: {
            "heading": _("Correct the programme"),
            "intro": _("A programme is corrected, never overwritten: its earlier values are kept."),
            "back_url": reverse("insights:program-detail", args=[program.pk]),
            "back_label": _("Back"),
            "corrections": _history(request, program),
        },
        done=reverse("insights:program-detail", args=[program.pk]),
    )


@role_required(*POLICY)
def program_import(request: AuthedRequest) -> HttpResponse:
    """The inventory from a workbook: all rows or none, each problem with its row and column."""
    form = InventoryImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = inventory.import_programs(
            actor=request.user,
            stream=upload,
            source_name=upload.name,
            fiscal_year=form.cleaned_data["fiscal_year"],
        )
        if report.imported:
            messages.success(
                request,
                _("Imported %(rows)s rows: %(created)s new, %(updated)s corrected.")
                % {"rows": report.rows, "created": report.created, "updated": report.updated},
            )
            return redirect("insights:program-list")
    status = 400 if form.is_bound and (report is None or not report.imported) else 200
    return render(
        request, "insights/program_import.html", {"form": form, "report": report}, status=status
    )


# -- 支援者支援 -------------------------------------------------------------------------------------


@role_required(*CASE_ROLES)
def advice_list(request: AuthedRequest) -> HttpResponse:
    """Requests for advice: to the user's hub (inbox) or from the user's agency (outbox)."""
    working = {m.organization_id for m in request.user.casework_memberships}
    is_hub = services.hubs().filter(pk__in=working).exists()
    box = request.GET.get("box") or ("inbox" if is_hub else "outbox")
    box = box if box in ("inbox", "outbox") else "outbox"
    page = Paginator(selectors.advice_box(request.user, box), 30).get_page(request.GET.get("page"))
    context = {"page": page, "box": box, "is_hub": is_hub, "query": f"box={box}"}
    return render(request, "insights/advice_list.html", context)


@role_required(*CASE_ROLES)
def advice_new(request: AuthedRequest) -> HttpResponse:
    """支援者支援を依頼する: ask the hub about a situation, keeping the case."""
    form = AdviceForm(request.POST or None, hubs=services.hubs())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("case")
        try:
            case = get_case_for_writer(request.user, number, showing=False) if number else None
            advice = services.ask_advice(actor=request.user, case=case, **data)
        except (Http404, PermissionDenied):
            form.add_error("case", _("Link only a case your agency leads."))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The request is sent to the hub."))
            return redirect("insights:advice-detail", advice.pk)
    return render(
        request, "insights/advice_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


@role_required(*CASE_ROLES)
def advice_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    advice = selectors.find_advice(request.user, pk)
    form = AdviceReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_advice(actor=request.user, request=advice, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The message is sent."))
            return redirect("insights:advice-detail", advice.pk)
    context = {
        "advice": advice,
        "replies": advice.replies.select_related("author", "organization"),
        "side": services.advice_side(request.user, advice),
        "form": form,
    }
    return render(
        request, "insights/advice_detail.html", context, status=400 if form.is_bound else 200
    )


# -- ナラティブ -------------------------------------------------------------------------------------

#: Who writes and reads the stories of 成解: every member of staff.
STAFF = (*CASE_ROLES, Role.MANAGER)


@role_required(*STAFF)
def narrative_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.shared_narratives(), 20).get_page(request.GET.get("page"))
    years = selectors.narrative_years()
    context = {"page": page, "drafts": selectors.my_drafts(request.user), "years": years}
    return render(request, "insights/narrative_list.html", context)


@role_required(*STAFF)
def narrative_new(request: AuthedRequest) -> HttpResponse:
    form = NarrativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            narrative = services.record_narrative(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The story is saved as a draft. Review it before sharing."))
            return redirect("insights:narrative-detail", narrative.pk)
    return render(
        request,
        "insights/narrative_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@role_required(*STAFF)
def narrative_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A shared story; for its author, the draft and the review before sharing: the names taken
    out, the text to share (editable), and sharing."""
    narrative = selectors.find_narrative(request.user, pk)
    mine = narrative.author_id == request.user.pk
    form = None
    found: list[Any] = []
    if mine and narrative.status == "draft":
        known_by = reading_organization_ids(request.user)
        suggested, found = deidentify.deidentified(narrative.body, known_by)
        title, _found = deidentify.deidentified(narrative.title, known_by)
        form = ShareForm(
            request.POST or None,
            initial={
                "title": title,
                "shared_body": suggested,
                "consent_on": narrative.consent_on,
                "consent_how": narrative.consent_how,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.share_narrative(
                    actor=request.user, narrative=narrative, **form.cleaned_data
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The story is shared."))
                return redirect("insights:narrative-detail", narrative.pk)
    elif request.method == "POST" and mine and request.POST.get("withdraw"):
        services.withdraw_narrative(actor=request.user, narrative=narrative)
        messages.success(request, _("The story is withdrawn."))
        return redirect("insights:narrative-list")
    context = {"narrative": narrative, "mine": mine, "form": form, "found": found}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "insights/narrative_detail.html", context, status=status)


@role_required(*STAFF)
def narrative_booklet(request: AuthedRequest) -> HttpResponse:
    """成解の物語集: the shared stories of a fiscal year (all when none is given) as an A4 booklet
    for 研修 and the council."""
    from tsunagu.core.documents import pdf_response, render_pdf

    raw = request.GET.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100 else None
    stories = list(selectors.shared_narratives(year))
    record_event(
        actor=request.user,
        action="export",
        object_type="insights.narrative",
        detail={"year": year, "stories": len(stories)},
    )
    content = render_pdf(request, "documents/narratives.html", {"stories": stories, "year": year})
    return pdf_response(content, f"narratives-{year or 'all'}.pdf")


# -- 地域福祉計画 ---------------------------------------------------------------------------------


@role_required(*POLICY)
def plan_list(request: AuthedRequest) -> HttpResponse:

    year = fiscal_year_start().year
    form = WelfarePlanForm(
        request.POST or None, initial={"first_year": year, "last_year": year + 4}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_welfare_plan(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The plan is made. Give it its indicators."))
            return redirect("insights:plan-detail", plan.pk)
    context = {"plans": WelfarePlan.objects.all(), "form": form}
    return render(request, "insights/plan_list.html", context, status=400 if form.is_bound else 200)


@role_required(*POLICY)
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A plan: each indicator's baseline, target and value year by year; the logic models."""
    plan = selectors.find_plan(pk)
    context = {
        "plan": plan,
        "progress": targets.progress(plan),
        "logic_models": plan.logic_models.select_related("program").prefetch_related("indicators"),
        "indicator_form": IndicatorForm(plan=plan),
        "logic_model_form": LogicModelForm(),
        "value_form": IndicatorValueForm(),
        "this_year": fiscal_year_start().year,
    }
    return render(request, "insights/plan_detail.html", context)


def _plan_write(
    request: AuthedRequest,
    plan: WelfarePlan,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """A form of the plan's page: saved and back to the plan, or the plan again with its errors."""
    if form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("insights:plan-detail", plan.pk)
    for message in [e for errors in form.errors.values() for e in errors]:
        messages.error(request, message)
    context = {
        "plan": plan,
        "progress": targets.progress(plan),
        "logic_models": plan.logic_models.select_related("program").prefetch_related("indicators"),
        "indicator_form": form if isinstance(form, IndicatorForm) else IndicatorForm(plan=plan),
        "logic_model_form": form if isinstance(form, LogicModelForm) else LogicModelForm(),
        "value_form": form if isinstance(form, IndicatorValueForm) else IndicatorValueForm(),
        "this_year": fiscal_year_start().year,
    }
    return render(request, "insights/plan_detail.html", context, status=400)


@require_POST
@role_required(*POLICY)
def indicator_new(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.find_plan(pk)
    return _plan_write(
        request,
        plan,
        IndicatorForm(request.POST, plan=plan),
        lambda data: services.add_indicator(actor=request.user, plan=plan, **data),
        _("The indicator is set."),
    )


@require_POST
@role_required(*POLICY)
def logic_model_new(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.find_plan(pk)
    return _plan_write(
        request,
        plan,
        LogicModelForm(request.POST),
        lambda data: services.add_logic_model(actor=request.user, plan=plan, **data),
        _("The logic model is added."),
    )


@require_POST
@role_required(*POLICY)
def indicator_value(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = selectors.find_indicator(pk)
    return _plan_write(
        request,
        indicator.plan,
        IndicatorValueForm(request.POST),
        lambda data: services.record_indicator_value(
            actor=request.user, indicator=indicator, **data
        ),
        _("The value is recorded."),
    )


@role_required(*POLICY)
def plan_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """毎年ブラッシュアップ: a fiscal year of the plan — the indicators, the themes decided and
    carried out, the barriers, what is still open. Printable on A4."""
    plan = selectors.find_plan(pk)
    raw = request.GET.get("year", "")
    this_year = fiscal_year_start().year
    year = (
        int(raw)
        if raw.isascii() and raw.isdigit() and int(raw) in plan.years
        else min(max(this_year, plan.first_year), plan.last_year)
    )
    context = {"review": targets.review(plan, year, request.user), "plan": plan, "year": year}
    return render(request, "insights/plan_review.html", context)
