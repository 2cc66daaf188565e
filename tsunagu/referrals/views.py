"""つなぎ pages: send from a case, the inbox and outbox, one referral with its next step."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_listing
from tsunagu.cases.selectors import get_case_for_writer, read_caseload
from tsunagu.core.forms import show_errors
from tsunagu.referrals import selectors, services
from tsunagu.referrals.choices import EventType
from tsunagu.referrals.forms import CompleteForm, DeclineForm, EventNoteForm, ReferralForm


@role_required(*READERS)
def referral_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """つなぐ: refer the case to another organization."""
    case = get_case_for_writer(request.user, pk, showing=request.method == "GET")
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.send_referral(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The referral is sent to %(receiver)s. You will hear how it ends.")
                % {"receiver": referral.receiver_name},
            )
            return redirect("referrals:referral-detail", referral.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "referrals/referral_form.html", {"case": case, "form": form}, status=status
    )


@role_required(*READERS)
def referral_list(request: AuthedRequest) -> HttpResponse:
    """受信箱・送信箱."""
    box = "outbox" if request.GET.get("box") == "outbox" else "inbox"
    everything = bool(request.GET.get("all"))
    referrals = (
        selectors.outbox(request.user, open_only=not everything)
        if box == "outbox"
        else selectors.inbox(request.user, open_only=not everything)
    )
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    record_listing(actor=request.user, rows=page, what=selectors.REFERRALS)
    # Each referral names its case as far as the user may know it (the number and the lead
    # worker; the name where 属性・家族関係 is open to them, as a disclosure).
    cards = read_caseload(
        request.user, [r.case for r in page], what=selectors.REFERRALS, audit=False
    )
    rows = [(referral, cards[referral.case_id]) for referral in page]
    query = f"box={box}" + ("&all=1" if everything else "")
    return render(
        request,
        "referrals/referral_list.html",
        {"page": page, "rows": rows, "box": box, "everything": everything, "query": query},
    )


@role_required(*READERS)
def referral_detail(request: AuthedRequest, referral_id: int) -> HttpResponse:
    referral = selectors.read_referral(request.user, referral_id)
    referral = services.receive_on_open(actor=request.user, referral=referral)
    sides = services.sides_of(request.user, referral)
    context = {
        "referral": referral,
        "events": referral.events.select_related("user"),
        "deadlines": services.deadlines(referral),
        "sides": sides,
        "next_steps": services.next_steps(referral, sides),
        "decline_form": DeclineForm(),
        "complete_form": CompleteForm(),
        "note_form": EventNoteForm(),
    }
    return render(request, "referrals/referral_detail.html", context)


@require_POST
@role_required(*READERS)
def referral_event(request: AuthedRequest, referral_id: int) -> HttpResponse:
    referral = selectors.get_referral_for_user(request.user, referral_id)
    require_casework(request.user)
    event = request.POST.get("type", "")
    form = (
        DeclineForm(request.POST)
        if event == EventType.DECLINED
        else CompleteForm(request.POST)
        if event == EventType.COMPLETED
        else EventNoteForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("referrals:referral-detail", referral.pk)
    try:
        services.record_referral_event(
            actor=request.user, referral=referral, type=event, **form.cleaned_data
        )
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, _("Recorded: %(event)s") % {"event": EventType(event).label})
    return redirect("referrals:referral-detail", referral.pk)
