"""同意・ケースチーム・緊急アクセス pages. The rules are in services and access; here only
forms and messages. They open a case by its number, so they are case pages, above sharing
(STYLE.md, "Layout"); their URL names stay `sharing:…`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, WRITERS, AuthedRequest, role_required
from tsunagu.accounts.choices import Role
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event, record_listing
from tsunagu.cases.selectors import get_case_for_writer, read_disclosure_record
from tsunagu.cases.services import declare_emergency_by_number
from tsunagu.core.forms import show_errors
from tsunagu.core.http import download
from tsunagu.sharing import selectors, services
from tsunagu.sharing.access import organization_categories
from tsunagu.sharing.forms import (
    ApprovalForm,
    ConsentForm,
    EmergencyForm,
    ReviewForm,
    TeamMemberForm,
    WithdrawConsentForm,
)
from tsunagu.sharing.models import CaseTeamMember


@role_required(*READERS)
def consent_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """本人同意を記録する."""
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = ConsentForm(
        request.POST or None, request.FILES or None, lead_organization_id=case.lead_organization_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(
                actor=request.user,
                case=case,
                categories=data["categories"],
                organizations=data["organizations"],
                meeting_members=data["meeting_members"],
                purpose=data["purpose"],
                method=data["method"],
                witness=data["witness"],
                given_by=data["given_by"],
                obtained_on=data["obtained_on"],
                expires_on=data["expires_on"],
                document=data["document"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The consent is recorded. The agencies it names can now read what it covers."),
            )
            return redirect("cases:case-collaboration", pk)
    status = 400 if form.is_bound else 200
    return render(request, "sharing/consent_form.html", {"case": case, "form": form}, status=status)


@role_required(*READERS)
def consent_withdraw(request: AuthedRequest, consent_id: int) -> HttpResponse:
    """同意の撤回: takes effect at once."""
    consent = selectors.get_consent_for_writer(
        request.user, consent_id, showing=request.method == "GET"
    )
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_consent(
                actor=request.user, consent=consent, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consent is withdrawn. The access it gave has ended."))
        return redirect("cases:case-collaboration", consent.case_id)
    return render(
        request,
        "sharing/consent_withdraw.html",
        {"consent": consent, "case": consent.case, "form": form},
    )


@role_required(*WRITERS, Role.MANAGER)
def consent_document(request: AuthedRequest, consent_id: int) -> HttpResponseBase:
    """The signed form's scan, for the lead and the agencies the consent names."""
    consent = selectors.read_consent_document(request.user, consent_id)
    return download(consent.document, _("Consent %(number)s") % {"number": consent.pk})


@role_required(*READERS)
def team_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """ケースチームに機関を加える."""
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = TeamMemberForm(request.POST or None, lead_organization_id=case.lead_organization_id)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_team_member(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if organization_categories(case, member.organization_id):
                messages.success(
                    request,
                    _("%(organization)s joined the team.")
                    % {"organization": member.organization.name},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "%(organization)s joined the team, but no consent names it yet: it sees only that the case exists. Record a consent that names it."
                    )
                    % {"organization": member.organization.name},
                )
            return redirect("cases:case-collaboration", pk)
    status = 400 if form.is_bound else 200
    return render(request, "sharing/team_form.html", {"case": case, "form": form}, status=status)


@require_POST
@role_required(*READERS)
def team_remove(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    member = get_object_or_404(CaseTeamMember, pk=member_id, case=case)
    services.remove_team_member(actor=request.user, member=member)
    messages.success(
        request, _("%(organization)s left the team.") % {"organization": member.organization.name}
    )
    return redirect("cases:case-collaboration", pk)


@role_required(*WRITERS)
def emergency_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """緊急アクセス: only for whoever holds the right; 404 for the rest, like the case.
    Break-glass: any case number the worker was given, not only those they know of. The page
    names only the number, and answers alike whether such a case exists or not."""
    if not services.may_declare_emergency(request.user):
        raise Http404
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency = declare_emergency_by_number(
                actor=request.user, case_id=pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if emergency is not None and emergency.approved_at is not None:
                messages.warning(
                    request,
                    _(
                        "Emergency access for 24 hours. The lead organization and the auditors have been told."
                    ),
                )
                return redirect("cases:case-detail", pk)
            messages.warning(
                request,
                _(
                    "Your organization has no link to this case or its person, so the emergency "
                    "access opens only once a second person approves it (your manager, or the "
                    "auditors where your organization has none). Nothing is open until then."
                ),
            )
            return redirect("core:home")
    status = 400 if form.is_bound else 200
    return render(
        request, "sharing/emergency_form.html", {"number": pk, "form": form}, status=status
    )


@role_required(Role.AUDITOR, Role.MANAGER)
def emergency_list(request: AuthedRequest) -> HttpResponse:
    """緊急アクセス: those waiting for this manager's approval, then the review queue."""
    queue = selectors.emergency_queue(request.user)
    context = {
        "approvals": selectors.emergency_approvals(request.user),
        "pending": list(
            queue.filter(reviewed_at__isnull=True, approved_at__isnull=False).order_by("created_at")
        ),
        "reviewed": list(queue.filter(reviewed_at__isnull=False).order_by("-reviewed_at")[:50]),
    }
    shown = {e.pk: e for key in ("approvals", "pending", "reviewed") for e in context[key]}
    record_listing(actor=request.user, rows=shown.values(), what=selectors.EMERGENCIES)
    return render(request, "sharing/emergency_list.html", context)


@role_required(*WRITERS, Role.AUDITOR, Role.MANAGER)
def emergency_detail(request: AuthedRequest, emergency_id: int) -> HttpResponse:
    emergency = selectors.get_emergency_for_user(request.user, emergency_id)
    may_approve = services.may_approve_emergency(request.user, emergency)
    may_review = emergency.reviewed_at is None and services.may_review_emergency(
        request.user, emergency
    )
    if request.method == "POST" and not (may_approve or may_review):
        raise PermissionDenied  # may read it (the declarer, the lead), may not judge it
    approval = ApprovalForm(request.POST or None) if may_approve else None
    form = ReviewForm(request.POST or None) if may_review else None
    if request.method == "GET":
        record_event(actor=request.user, action=Action.VIEW, obj=emergency)
    if request.method == "POST" and approval is not None and approval.is_valid():
        try:
            services.approve_emergency(
                actor=request.user,
                emergency=emergency,
                approve=approval.cleaned_data["decision"] == "approve",
                note=approval.cleaned_data["approval_note"],
            )
        except ValidationError as error:
            show_errors(approval, error)
        else:
            messages.success(request, _("Your decision is recorded; the worker has been told."))
            return redirect("sharing:emergency-list")
    elif request.method == "POST" and form is not None and form.is_valid():
        try:
            services.review_emergency(
                actor=request.user,
                emergency=emergency,
                outcome=form.cleaned_data["review_outcome"],
                note=form.cleaned_data["review_note"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("sharing:emergency-list")
    disclosures = selectors.disclosures_of(emergency.case).filter(emergency=emergency)
    context = {
        "emergency": emergency,
        "approval": approval,
        "form": form,
        "disclosures": disclosures,
    }
    bound = any(f is not None and f.is_bound for f in (approval, form))
    return render(request, "sharing/emergency_detail.html", context, status=400 if bound else 200)


@role_required(*WRITERS, Role.MANAGER)
def disclosure_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """情報提供記録 of a case: what reached which agency, when, on which legal basis. For the
    lead organization (the person may ask for it: 個人情報保護法)."""
    case = read_disclosure_record(request.user, pk)
    page = Paginator(selectors.disclosures_of(case), 50).get_page(request.GET.get("page"))
    return render(
        request, "sharing/disclosure_list.html", {"case": case, "page": page, "query": ""}
    )
