"""相談受付 pages: take a consultation in a minute, see the organization's consultations."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, WRITERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_listing
from tsunagu.core.documents import pdf_response, render_pdf
from tsunagu.core.forms import show_errors
from tsunagu.core.views import correction_page
from tsunagu.intake import selectors, services
from tsunagu.intake.forms import (
    ConsultationCorrectionForm,
    ConsultationFilterForm,
    ConsultationForm,
    DispositionForm,
    FirstResponseForm,
)
from tsunagu.intake.models import Consultation
from tsunagu.people.forms import CandidateSearchForm
from tsunagu.people.selectors import find_person, get_person_for_user


@role_required(*WRITERS)
def consultation_new(request: AuthedRequest) -> HttpResponse:
    """新規相談: only the concern is required (a phone call, even anonymous)."""
    person = None
    if person_id := request.GET.get("person") or request.POST.get("person"):
        person = get_person_for_user(request.user, int(person_id))
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "issues": list(form.cleaned_data["issues"])}
        try:
            consultation = services.record_consultation(actor=request.user, person=person, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The consultation is recorded."))
            return redirect("intake:consultation-detail", consultation.pk)
    return render(request, "intake/consultation_form.html", {"form": form, "person": person})


CONSULTATIONS = gettext_lazy("Consultations")


@role_required(*READERS)
def consultation_list(request: AuthedRequest) -> HttpResponse:
    form = ConsultationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    consultations = selectors.consultation_list(request.user, filters)
    page = Paginator(consultations, 30).get_page(request.GET.get("page"))
    record_listing(actor=request.user, rows=page, what=CONSULTATIONS)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "form": form, "query": query.urlencode()}
    return render(request, "intake/consultation_list.html", context)


@role_required(*READERS)
def consultation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    consultation = selectors.get_consultation_for_user(request.user, pk)
    form = DispositionForm(
        initial={"disposition": consultation.disposition, "referred_to": consultation.referred_to}
    )
    return render(
        request, "intake/consultation_detail.html", _detail_context(request, consultation, form)
    )


def _detail_context(
    request: AuthedRequest,
    consultation: Consultation,
    disposition_form: DispositionForm,
    first_response_form: FirstResponseForm | None = None,
) -> dict[str, Any]:
    return {
        "consultation": consultation,
        "corrections": selectors.corrections_of(consultation, request.user.date_style),
        "disposition_form": disposition_form,
        "first_response_form": first_response_form or FirstResponseForm(),
        "candidate_form": CandidateSearchForm(),
        "cases": consultation.cases.all(),
    }


@require_POST
@role_required(*READERS)
def consultation_identify(request: AuthedRequest, pk: int) -> HttpResponse:
    consultation = selectors.find_consultation(request.user, pk)
    require_casework(request.user, within=[consultation.organization_id])
    person = find_person(request.user, request.POST.get("person"))
    services.identify_person(actor=request.user, consultation=consultation, person=person)
    messages.success(
        request, _("The consultation is now linked to %(name)s.") % {"name": person.name}
    )
    return redirect("intake:consultation-detail", pk)


@require_POST
@role_required(*READERS)
def consultation_disposition(request: AuthedRequest, pk: int) -> HttpResponse:
    consultation = selectors.find_consultation(request.user, pk)
    require_casework(request.user, within=[consultation.organization_id])
    form = DispositionForm(request.POST)
    if form.is_valid():
        try:
            services.set_disposition(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("intake:consultation-detail", pk)
    return render(
        request,
        "intake/consultation_detail.html",
        _detail_context(request, consultation, form),
        status=400,
    )


@role_required(*READERS)
def consultation_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """記録の訂正: the consultation's form with what it says now; the old version is kept."""
    consultation = selectors.find_consultation(request.user, pk)
    require_casework(request.user, within=[consultation.organization_id])
    form = ConsultationCorrectionForm(
        request.POST or None,
        initial=selectors.correction_initial(consultation),
        consultation=consultation,
    )

    def save(data: dict[str, Any]) -> None:
        data["issues"] = list(data["issues"])
        services.correct_consultation(actor=request.user, consultation=consultation, **data)

    def page() -> dict[str, Any]:
        shown = selectors.get_consultation_for_user(request.user, pk)  # the form shows it: a read
        return {
            "heading": _("Correct the consultation"),
            "intro": _(
                "What was not known at the call can be added now, and what was wrong corrected. "
                "The earlier version is kept as the consultation's history."
            ),
            "back_url": reverse("intake:consultation-detail", args=[pk]),
            "back_label": _("Back to the consultation"),
            "corrections": selectors.corrections_of(shown, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("intake:consultation-detail", args=[pk]),
    )


@require_POST
@role_required(*READERS)
def consultation_first_response(request: AuthedRequest, pk: int) -> HttpResponse:
    """初動対応を記録する: the consultation leaves the 緊急・未対応 queue."""
    consultation = selectors.find_consultation(request.user, pk)
    require_casework(request.user, within=[consultation.organization_id])
    form = FirstResponseForm(request.POST)
    if form.is_valid():
        try:
            services.record_first_response(
                actor=request.user,
                consultation=consultation,
                text=form.cleaned_data["first_response"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The first response is recorded."))
            return redirect("intake:consultation-detail", pk)
    consultation = selectors.get_consultation_for_user(request.user, pk)  # shown again: a read
    disposition = DispositionForm(
        initial={"disposition": consultation.disposition, "referred_to": consultation.referred_to}
    )
    context = _detail_context(request, consultation, disposition, form)
    return render(request, "intake/consultation_detail.html", context, status=400)


@role_required(*READERS)
def consultation_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """相談受付票 as A4 PDF (audited)."""
    consultation = selectors.find_consultation(request.user, pk)
    context = selectors.consultation_for_print(request.user, consultation)
    return pdf_response(
        render_pdf(request, "documents/consultation.html", context),
        f"consultation-{consultation.pk}.pdf",
    )
