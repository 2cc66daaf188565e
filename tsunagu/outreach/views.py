"""アウトリーチ pages: reporting a concern and following it (for a 民生委員), the triage queue,
the worker's day and round sheet, one target with its history, the yearly figures."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tsunagu.accounts.access import AuthedRequest, role_required
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.audit.services import record_event, record_listing
from tsunagu.core.documents import Percent, pdf_response, render_pdf, xlsx_response
from tsunagu.core.forms import fiscal_period, show_errors
from tsunagu.core.views import correction_page
from tsunagu.outreach import selectors, services
from tsunagu.outreach.choices import Stage
from tsunagu.outreach.forms import (
    CandidateSearchForm,
    CloseConcernForm,
    ConcernForm,
    ContactCorrectionForm,
    ContactForm,
    EngageForm,
    IdentifyForm,
    ReviewForm,
    StageForm,
    TargetCorrectionForm,
    TargetForm,
)
from tsunagu.people.selectors import duplicate_candidates, find_person

WORKERS = tuple(CASE_ROLES)


@role_required(Role.REPORTER, *CASE_ROLES)
def concern_new(request: AuthedRequest) -> HttpResponse:
    """気になる人・世帯を伝える."""
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_concern(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The outreach team has your report; you can follow its status here."),
            )
            return redirect("outreach:my-concerns")
    return render(
        request, "outreach/concern_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


@role_required(Role.REPORTER, *CASE_ROLES)
def my_concerns(request: AuthedRequest) -> HttpResponse:
    concerns = list(selectors.my_concerns(request.user)[:100])
    record_listing(actor=request.user, rows=concerns, what=selectors.CONCERNS)
    return render(request, "outreach/my_concerns.html", {"concerns": concerns})


@role_required(*selectors.TRIAGERS)
def concern_list(request: AuthedRequest) -> HttpResponse:
    concerns = list(selectors.concern_queue(request.user)[:200])
    record_listing(actor=request.user, rows=concerns, what=selectors.CONCERNS)
    return render(request, "outreach/concern_list.html", {"concerns": concerns})


@role_required(*selectors.TRIAGERS)
def concern_detail(request: AuthedRequest, concern_id: int) -> HttpResponse:
    """Triage: open an outreach, pass to a consultation, or close with a reason."""
    concern = selectors.get_concern_for_triage(request.user, concern_id)
    target_form = TargetForm(
        request.POST if request.POST.get("action") == "target" else None,
        initial={"place": concern.place, "district": concern.district, "label": ""},
    )
    close_form = CloseConcernForm(request.POST if request.POST.get("action") == "close" else None)
    search = CandidateSearchForm(request.GET or None)
    candidates = (
        duplicate_candidates(user=request.user, **search.cleaned_data)
        if search.is_bound and search.is_valid()
        else []
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "link":
                person = find_person(request.user, request.POST.get("person"))
                services.link_concern(actor=request.user, concern=concern, person=person)
                messages.success(request, _("Linked to %(name)s.") % {"name": person.name})
                return redirect("outreach:concern-detail", concern.pk)
            if request.POST.get("action") == "target" and target_form.is_valid():
                target = services.open_target(
                    actor=request.user, concern=concern, **target_form.cleaned_data
                )
                messages.success(request, _("The outreach has started."))
                return redirect("outreach:target-detail", target.pk)
            if request.POST.get("action") == "consultation":
                concern = services.pass_to_consultation(actor=request.user, concern=concern)
                messages.success(request, _("Passed to a consultation."))
                return redirect("intake:consultation-detail", concern.consultation_id)
            if request.POST.get("action") == "close" and close_form.is_valid():
                services.close_concern(
                    actor=request.user,
                    concern=concern,
                    reason=close_form.cleaned_data["closed_reason"],
                )
                messages.success(request, _("The concern is closed."))
                return redirect("outreach:concern-list")
        except ValidationError as error:
            show_errors(
                target_form if request.POST.get("action") == "target" else close_form, error
            )
    context = {
        "concern": concern,
        "target_form": target_form,
        "close_form": close_form,
        "targets": concern.targets.all(),
        "search": search,
        "candidates": candidates,
    }
    return render(
        request,
        "outreach/concern_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@role_required(*WORKERS)
def my_day(request: AuthedRequest) -> HttpResponse:
    """今日の訪問: due and overdue, by district; the coordinator also sees the quiet ones."""
    due = list(selectors.due_targets(request.user))
    last = selectors.last_contacts(due)
    reviews = (
        list(selectors.targets_of(request.user).filter(review_due=True))
        if request.user.has_role(Role.COORDINATOR)
        else []
    )
    all_targets = list(
        selectors.targets_of(request.user)
        .filter(stage__in=["not_contacted", "contacted", "building", "watching"])
        .order_by("next_contact_on")[:200]
    )
    context = {
        "due": [(target, last.get(target.pk)) for target in due],
        "today": timezone.localdate(),
        "reviews": reviews,
        "all_targets": all_targets,
        "may_triage": request.user.has_role(*selectors.TRIAGERS),
        "new_concerns": selectors.concern_queue(request.user).count(),
    }
    shown = {t.pk: t for t in [*due, *reviews, *all_targets]}
    record_listing(actor=request.user, rows=shown.values(), what=selectors.TARGETS)
    return render(request, "outreach/my_day.html", context)


@role_required(*WORKERS)
def round_sheet(request: AuthedRequest) -> HttpResponse:
    """訪問ルート表 (A4, 取扱注意): the minimum needed at the door."""
    due = list(selectors.due_targets(request.user))
    record_event(
        actor=request.user,
        action="print",
        object_type="outreach.round",
        detail={"targets": [t.pk for t in due]},
    )
    last = selectors.last_contacts(due)
    context = {
        "due": [(target, last.get(target.pk)) for target in due],
        "today": timezone.localdate(),
    }
    return pdf_response(
        render_pdf(request, "documents/round.html", context),
        f"round-{timezone.localdate():%Y%m%d}.pdf",
    )


@role_required(*WORKERS)
def target_new(request: AuthedRequest) -> HttpResponse:
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.open_target(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                show_errors(form, error)
            else:
                form.add_error(None, _("Your role does not do outreach."))
        else:
            messages.success(request, _("The outreach has started."))
            return redirect("outreach:target-detail", target.pk)
    return render(
        request, "outreach/target_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


@role_required(*WORKERS)
def target_detail(request: AuthedRequest, target_id: int) -> HttpResponse:
    target = selectors.get_target_for_user(request.user, target_id)
    action = request.POST.get("action", "")
    forms = {
        "contact": ContactForm(request.POST if action == "contact" else None),
        "stage": StageForm(
            request.POST if action == "stage" else None, initial={"stage": target.stage}
        ),
        "engage": EngageForm(request.POST if action == "engage" else None),
        "review": ReviewForm(request.POST if action == "review" else None),
        "identify": IdentifyForm(request.POST if action == "identify" else None),
    }
    if request.method == "POST" and action in forms:
        form = forms[action]
        if form.is_valid():
            try:
                if action == "contact":
                    services.record_contact(actor=request.user, target=target, **form.cleaned_data)
                    messages.success(request, _("The contact is recorded."))
                elif action == "identify":
                    services.identify_target(actor=request.user, target=target, **form.cleaned_data)
                    messages.success(request, _("The person is identified."))
                elif action == "stage":
                    services.change_stage(actor=request.user, target=target, **form.cleaned_data)
                    messages.success(request, _("The stage is changed."))
                elif action == "engage":
                    case = services.engage(actor=request.user, target=target, **form.cleaned_data)
                    messages.success(request, _("Connected: a consultation and a case are open."))
                    return redirect("cases:case-detail", case.pk)
                else:
                    services.review_target(actor=request.user, target=target, **form.cleaned_data)
                    messages.success(request, _("The review is recorded."))
                return redirect("outreach:target-detail", target.pk)
            except ValidationError as error:
                show_errors(form, error)
            except PermissionDenied:
                form.add_error(None, _("Only a coordinator reviews a quiet outreach."))
    contacts, corrections = selectors.contact_history(target, request.user.date_style)
    context = {
        "target": target,
        "contacts": contacts,
        "contact_corrections": corrections,
        "corrections": selectors.corrections_of(target, request.user.date_style),
        "may_correct": services.works_outreach(request.user),
        "forms": forms,
        "active": target.stage not in (Stage.ENGAGED, Stage.ENDED),
        "is_coordinator": request.user.has_role(Role.COORDINATOR),
    }
    return render(
        request,
        "outreach/target_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@role_required(*WORKERS)
def target_correct(request: AuthedRequest, target_id: int) -> HttpResponse:
    """アウトリーチ対象の訂正: who, where, the rhythm, whom they trust; the old version is kept."""
    target = selectors.find_target(request.user, target_id)
    initial = {f: getattr(target, f) for f in services.TARGET_FIELDS}
    done = reverse("outreach:target-detail", args=[target_id])

    def page() -> dict[str, Any]:
        shown = selectors.get_target_for_user(request.user, target_id)  # the form shows it
        return {
            "heading": _("Correct the outreach details"),
            "intro": _(
                "What was learnt since (the address, whom they trust) or entered wrong. The "
                "earlier details are kept as the outreach's history."
            ),
            "back_url": done,
            "back_label": _("Back"),
            "corrections": selectors.corrections_of(shown, request.user.date_style),
        }

    return correction_page(
        request,
        form=TargetCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_target(actor=request.user, target=target, **data),
        page=page,
        done=done,
    )


@role_required(*WORKERS)
def contact_correct(request: AuthedRequest, target_id: int, contact_id: int) -> HttpResponse:
    """接触記録の訂正: corrected with the reason, never overwritten."""
    target = selectors.find_target(request.user, target_id)
    contact = selectors.contact_of(target, contact_id)
    initial = {f: getattr(contact, f) for f in services.CONTACT_FIELDS}
    done = f"{reverse('outreach:target-detail', args=[target_id])}#contact-{contact_id}"

    def page() -> dict[str, Any]:
        selectors.get_target_for_user(request.user, target_id)  # the form shows it: a read
        _contacts, corrections = selectors.contact_history(target, request.user.date_style)
        return {
            "heading": _("Correct the contact record"),
            "intro": _(
                "A contact is corrected, never overwritten: the earlier version is kept with "
                "who corrected it, when and why."
            ),
            "back_url": done,
            "back_label": _("Back"),
            "corrections": corrections.get(contact_id, []),
        }

    return correction_page(
        request,
        form=ContactCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_contact(actor=request.user, contact=contact, **data),
        page=page,
        done=done,
    )


@role_required(*WORKERS, Role.MANAGER)
def figures(request: AuthedRequest) -> HttpResponse:
    """アウトリーチの実績 (this fiscal year), by district."""
    form, since, until = fiscal_period(request.GET)
    rows = selectors.outreach_figures(request.user, since, until)
    if request.GET.get("format") == "xlsx":
        header = [
            "地区",
            "対象数",
            *[str(label) for _v, label in Stage.choices],
            "接触の試み",
            "接触できた回数",
            "初回接触までの日数（中央値）",
            "相談につながるまでの日数（中央値）",
            "つながった率",
        ]
        data = [
            [
                r.district,
                r.targets,
                *[r.by_stage[v] for v, _l in Stage.choices],
                r.contacts,
                r.successful_contacts,
                r.days_to_first_contact,
                r.days_to_engagement,
                Percent(r.engagement_rate),
            ]
            for r in rows
        ]
        record_event(actor=request.user, action="export", object_type="outreach.figures")
        return xlsx_response(
            _("Outreach"),
            header,
            iter(data),
            f"outreach-{since:%Y}.xlsx",
            date_style=request.user.date_style,
        )
    return render(
        request,
        "outreach/figures.html",
        {
            "rows": rows,
            "since": since,
            "until": until,
            "stages": Stage.choices,
            "form": form,
            "query": urlencode([(k, str(v)) for k, v in request.GET.items() if k != "format"]),
        },
    )
