"""ケース pages: the caseload, one case on one page, and the forms that move it."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import (
    READERS,
    WRITERS,
    AuthedRequest,
    reading_organization_ids,
    role_required,
)
from tsunagu.cases import documents, selectors, services
from tsunagu.cases.forms import (
    AttachmentForm,
    CaseCorrectionForm,
    CaseFilterForm,
    CloseForm,
    NoteCorrectionForm,
    NoteForm,
    OpenCaseForm,
    ReopenForm,
    StatusForm,
)
from tsunagu.cases.sections import collaboration_tab, detail_tab, support_tab
from tsunagu.core.documents import pdf_response, render_pdf, xlsx_response
from tsunagu.core.forms import show_errors
from tsunagu.core.http import download
from tsunagu.core.views import correction_page
from tsunagu.intake.selectors import corrections_of
from tsunagu.plans import selectors as plan_selectors
from tsunagu.sharing import selectors as sharing_selectors
from tsunagu.sharing.access import CaseAccess
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.services import may_declare_emergency

PAGE_SIZE = 50
NOTES_PER_PAGE = 10  # the latest notes first; older ones a click away
#: What the caseload table shows (cases/includes/case_table.html): fifty rows of four joined
#: records each, so loading only these columns is a third of the list's time.
CASELOAD_COLUMNS = (
    *("title", "status", "risk_flags", "opened_on", "person__name", "household__name"),
    *("person__birth_date", "person__district__name", "household__district__name"),
    *("lead_worker__display_name", "lead_organization__name"),
)


def _caseload_filters(request: AuthedRequest) -> tuple[CaseFilterForm, dict[str, Any]]:
    """The caseload's filters as on screen, for the list and its export alike."""
    form = CaseFilterForm(
        request.GET or None, organization_ids=reading_organization_ids(request.user)
    )
    filters = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}
    if request.GET.get("mine"):
        filters["mine"] = True
    return form, filters


@role_required(*READERS)
def urgent_queue(request: AuthedRequest) -> HttpResponse:
    """緊急・未対応: what waits for its first response, the longest waiting first."""
    from tsunagu.intake.selectors import UNDECIDED_AFTER_BUSINESS_DAYS

    context = {
        "queue": selectors.read_urgent_queue(request.user),
        "undecided_after": UNDECIDED_AFTER_BUSINESS_DAYS,
    }
    return render(request, "cases/urgent_queue.html", context)


@role_required(*READERS)
def case_list(request: AuthedRequest) -> HttpResponse:
    """ケース一覧 with filters, paginated in the database."""
    form, filters = _caseload_filters(request)
    cases = selectors.caseload(request.user, filters).only(*CASELOAD_COLUMNS)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = selectors.read_caseload(request.user, list(page))
    query = request.GET.copy()
    query.pop("page", None)
    template = "cases/includes/case_table.html" if request.htmx else "cases/case_list.html"
    context = {
        "form": form,
        "page": page,
        "cards": [cards[case.pk] for case in page],
        "query": query.urlencode(),
    }
    return render(request, template, context)


@role_required(*READERS)
def case_export(request: AuthedRequest) -> HttpResponse:
    """ケース一覧 as Excel, with the filters on screen."""
    _form, filters = _caseload_filters(request)
    cases = selectors.caseload(request.user, filters)
    stamp = timezone.localtime().strftime("%Y%m%d")
    return xlsx_response(
        _("Caseload"),
        documents.CASELOAD_HEADER,
        documents.caseload_rows(request.user, cases, filters),
        f"caseload-{stamp}.xlsx",
        date_style=request.user.date_style,
    )


@role_required(*READERS)
def case_form_pdf(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    """アセスメントシート・支援プラン・評価シート as A4 PDF."""
    access = selectors.access_case(request.user, pk)
    template, context = documents.case_form(request.user, access, name)
    return pdf_response(render_pdf(request, template, context), f"case-{pk}-{name}.pdf")


@role_required(*WRITERS)
def case_new(request: AuthedRequest) -> HttpResponse:
    """ケース化: from a consultation, a person or a household."""
    from tsunagu.intake.selectors import get_consultation_for_user
    from tsunagu.people.selectors import get_household_for_user, get_person_for_user

    source = request.GET if request.method == "GET" else request.POST
    consultation = person = household = None
    if source.get("consultation"):
        consultation = get_consultation_for_user(request.user, int(source["consultation"]))
        person = consultation.person
    if source.get("person"):
        person = get_person_for_user(request.user, int(source["person"]))
    if source.get("household"):
        household = get_household_for_user(request.user, int(source["household"]))
    open_cases = selectors.read_caseload(
        request.user,
        list(selectors.open_cases_of(request.user, person, household)),
        what=selectors.OPEN_CASES_OF_SUBJECT,
    )
    form = OpenCaseForm(request.POST or None, open_cases=bool(open_cases))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(
                actor=request.user,
                consultation=consultation,
                person=person,
                household=household,
                title=form.cleaned_data["title"],
                opened_on=form.cleaned_data["opened_on"],
                second_case=form.cleaned_data.get("second_case", False),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The case is open. Start with the assessment."))
            return redirect("cases:case-detail", case.pk)
    context = {
        "form": form,
        "consultation": consultation,
        "person": person,
        "household": household,
        "open_cases": list(open_cases.values()),
    }
    return render(request, "cases/case_form.html", context, status=400 if form.errors else 200)


def _case_context(access: CaseAccess) -> dict[str, Any]:
    """What every tab of the case shows: the title, the banners, the risks and the tabs."""
    return {"case": access.case, "access": access, "can_write": access.writer}


def _case_form_page(request: AuthedRequest, case, form, template: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """A form of the case on its own page, or inline in the case page when htmx asks for it.
    The case page itself renders no form fields: they are fetched when the worker opens them."""
    status = 400 if form.is_bound else 200
    if request.htmx:
        template = template.replace("cases/", "cases/includes/", 1)
        # The focus goes where the worker starts typing (the note's text, not its time).
        name = getattr(form, "starts_at", "") or next(iter(form.fields), "")
        if name:
            form.fields[name].widget.attrs["autofocus"] = True
    return render(request, template, {"case": case, "form": form}, status=status)


@role_required(*READERS)
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """ケース, its first tab: what the worker needs at the phone. The facts, open tasks, the latest
    notes, the documents, the stage. The plan and the collaboration are tabs of their own, each
    read (and audited) when it is opened."""
    access = selectors.read_case(request.user, pk)
    case = access.case
    context = _case_context(access) | detail_tab.context(request.user, access)
    context["may_declare_emergency"] = not access.is_lead and may_declare_emergency(request.user)
    if access.reads_content:
        context |= {
            "issues": selectors.issues_of(access),
            "tasks": selectors.open_tasks_of(access, request.user),
            "notes": selectors.note_page(
                access, request.GET.get("notes"), NOTES_PER_PAGE, request.user.date_style
            ),
            "attachments": list(selectors.attachments_of(access)),
        }
        selectors.disclose(
            request.user,
            access,
            selectors.CASE_OVERVIEW,
            InfoCategory.HISTORY if context["issues"] else 0,
            context["notes"].notes,
            context["attachments"],
        )
    else:
        selectors.disclose(request.user, access, selectors.CASE_OVERVIEW)
    if access.writer:
        context |= {
            "status_form": StatusForm(initial={"status": case.status}),
            "reopen_form": ReopenForm(),
            "corrections": corrections_of(case, request.user.date_style),
        }
    return render(request, "cases/case_detail.html", context)


@role_required(*READERS)
def case_support(request: AuthedRequest, pk: int) -> HttpResponse:
    """アセスメント・プラン・評価: the latest assessment and plan, the evaluations, and what
    blocked the next step (あとちょっと)."""
    access = selectors.read_case(request.user, pk, what=selectors.CASE_SUPPORT)
    case = access.case
    context = _case_context(access) | support_tab.context(request.user, access)
    shown: list[Any] = [InfoCategory.HISTORY if context.get("barriers") else 0]
    if access.reads_content:
        assessment = plan_selectors.latest_assessment(case)
        context |= {
            "assessment": assessment,
            "areas": plan_selectors.assessment_areas(assessment, access) if assessment else None,
            "plan": plan_selectors.latest_plan(access),
            "evaluations": plan_selectors.evaluations_of(access),
        }
        if access.is_lead:  # the earlier versions, whole: for the lead agency only
            style = request.user.date_style
            context["assessment_versions"] = plan_selectors.assessment_versions(case, style)
            context["plan_versions"] = plan_selectors.plan_versions(case, style)
        shown += [
            [a for a in context["areas"] or [] if a.visible and a.text],
            [context["plan"]] if context["plan"] else [],
            [e.plan for e in context["evaluations"]],
        ]
    selectors.disclose(request.user, access, selectors.CASE_SUPPORT, *shown)
    return render(request, "cases/case_support.html", context)


@role_required(*READERS)
def case_collaboration(request: AuthedRequest, pk: int) -> HttpResponse:
    """関係機関・同意・つなぎ: the case team, the consents and the referrals."""
    access = selectors.read_case(request.user, pk, what=selectors.CASE_COLLABORATION)
    context = _case_context(access) | collaboration_tab.context(request.user, access)
    context |= {
        "team": sharing_selectors.team_of(access.case),
        "consents": sharing_selectors.consents_of(access),
    }
    # The team, the consents that name the reader and the referrals it sent or received are
    # about the sharing itself: only the heading is case content here.
    selectors.disclose(request.user, access, selectors.CASE_COLLABORATION)
    return render(request, "cases/case_collaboration.html", context)


@role_required(*READERS)
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """支援経過を記録する."""
    case = selectors.get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_progress_note(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The note is saved."))
            return redirect("cases:case-detail", pk)
    return _case_form_page(request, case, form, "cases/note_form.html")


@role_required(*READERS)
def note_correct(request: AuthedRequest, pk: int, note_id: int) -> HttpResponse:
    """支援経過記録の訂正: the note's form with what it says now, and why; the old version is kept."""
    case = selectors.get_case_for_writer(request.user, pk)
    note = selectors.note_of_case(case, note_id)
    initial = {f: getattr(note, f) for f in services.NOTE_CORRECTABLE}

    def page() -> dict[str, Any]:
        selectors.get_case_for_writer(request.user, pk, showing=True)  # the form shows it: a read
        return {
            "heading": _("Correct the note"),
            "intro": _(
                "A note is corrected, never overwritten: the earlier version is kept with who "
                "corrected it, when and why, and shown to your organization under the note."
            ),
            "back_url": f"{reverse('cases:case-detail', args=[pk])}#note-{note.pk}",
            "back_label": _("Back to the case"),
        }

    return correction_page(
        request,
        form=NoteCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_progress_note(
            actor=request.user, note=note, reason=data.pop("reason"), **data
        ),
        page=page,
        done=f"{reverse('cases:case-detail', args=[pk])}#note-{note.pk}",
    )


@role_required(*READERS)
def case_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """ケース情報の訂正: title, dates, 危険の兆候 and 課題 as they are now known; the earlier
    version is kept and shown under the case's facts."""
    case = selectors.get_case_for_writer(request.user, pk)
    form = CaseCorrectionForm(
        request.POST or None, initial=selectors.correction_initial(case), case=case
    )

    def save(data: dict[str, Any]) -> None:
        data["issues"] = list(data["issues"])
        services.correct_case(actor=request.user, case=case, **data)

    def page() -> dict[str, Any]:
        shown = selectors.get_case_for_writer(request.user, pk, showing=True)
        return {
            "heading": _("Correct the case's details: #%(number)s %(case)s")
            % {"number": shown.pk, "case": shown.display_name},
            "intro": _(
                "What was learnt later (a risk disclosed at the third visit, another issue) or "
                "entered wrong. The earlier version is kept as the case's history."
            ),
            "back_url": reverse("cases:case-detail", args=[pk]),
            "back_label": _("Back to the case"),
            "corrections": corrections_of(shown, request.user.date_style),
        }

    return correction_page(
        request, form=form, save=save, page=page, done=reverse("cases:case-detail", args=[pk])
    )


@require_POST
@role_required(*READERS)
def status_change(request: AuthedRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_case_status(
                actor=request.user, case=case, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status is changed."))
    return redirect("cases:case-detail", pk)


@role_required(*READERS)
def case_close(request: AuthedRequest, pk: int) -> HttpResponse:
    """終結: a reason, and the worker who keeps in touch."""
    case = selectors.get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = CloseForm(
        request.POST or None,
        organization_id=case.lead_organization_id,
        initial={"lead_worker": case.lead_worker},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.close_case(
                actor=request.user,
                case=case,
                reason=form.cleaned_data["closure_reason"],
                note=form.cleaned_data["note"],
                closed_on=form.cleaned_data["closed_on"],
                lead_worker=form.cleaned_data["lead_worker"],
                check_in_months=form.cleaned_data["check_in_months"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The case is closed. %(name)s stays in touch.")
                % {"name": case.lead_worker.display_name},
            )
            return redirect("cases:case-detail", pk)
    return _case_form_page(request, case, form, "cases/close_form.html")


@require_POST
@role_required(*READERS)
def case_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_case(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The case is reopened."))
    else:
        messages.error(request, _("Say why the case is reopened."))
    return redirect("cases:case-detail", pk)


@require_POST
@role_required(*READERS)
def task_done(request: AuthedRequest, pk: int, task_id: int) -> HttpResponse:
    access = selectors.access_case(request.user, pk)
    task = get_object_or_404(selectors.open_tasks_of(access, request.user), pk=task_id)
    services.complete_task(actor=request.user, task=task)  # 403 for a reader who works no cases
    messages.success(request, _("Marked as done: %(task)s") % {"task": task.title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("cases:case-detail", pk)


@role_required(*READERS)
def attachment_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """添付資料を加える."""
    case = selectors.get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_file(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The document is attached."))
            return redirect("cases:case-detail", pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "cases/attachment_form.html", {"case": case, "form": form}, status=status
    )


@role_required(*READERS)
def attachment_download(request: AuthedRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    attachment, _access = selectors.read_attachment(request.user, pk, attachment_id)
    return download(attachment.file, attachment.title)
