"""会議 pages: the list, convening, one meeting with its agenda, pledge, decisions and minutes,
an item's material, the minutes as PDF."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, WRITERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_event, record_listing
from tsunagu.cases import selectors as case_selectors
from tsunagu.core.documents import pdf_response, render_pdf
from tsunagu.core.forms import show_errors
from tsunagu.core.views import correction_page
from tsunagu.meetings import selectors, services
from tsunagu.meetings.forms import (
    AgendaForm,
    DecisionForm,
    MeetingCorrectionForm,
    MeetingForm,
    MinutesForm,
)


@role_required(*READERS)
def meeting_list(request: AuthedRequest) -> HttpResponse:
    meetings = selectors.meetings_for(request.user)
    now = timezone.now()
    context = {
        "upcoming": list(meetings.filter(held_at__gte=now).order_by("held_at")[:50]),
        "past": list(meetings.filter(held_at__lt=now).order_by("-held_at")[:50]),
    }
    return render(request, "meetings/meeting_list.html", context)


@role_required(*WRITERS)
def meeting_new(request: AuthedRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attendees = []
        for user in data["attendees"]:
            organization = user.casework_organization
            if organization is not None and user != request.user:
                attendees.append((organization, user))
        try:
            meeting = services.convene_meeting(
                actor=request.user,
                type=data["type"],
                held_at=data["held_at"],
                place=data["place"],
                title=data["title"],
                attendees=attendees,
            )
        except ValidationError as error:
            show_errors(form, error)
        except PermissionDenied as error:
            form.add_error("type", str(error) or _("You may not convene this kind of meeting."))
        else:
            messages.success(request, _("The meeting is set. The attendees have been invited."))
            return redirect("meetings:meeting-detail", meeting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "meetings/meeting_form.html", {"form": form}, status=status)


@role_required(*READERS)
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    record = selectors.read_meeting(request.user, meeting_id)
    meeting, items = record.meeting, record.items
    attendee = meeting.attendees.filter(user=request.user).first()
    for row in items:
        row["may_record"] = services.may_record(request.user, row["item"])
    context = {
        "meeting": meeting,
        "minutes": record.minutes,
        "corrections": record.corrections,
        "fact_corrections": record.fact_corrections,
        "attendees": meeting.attendees.select_related("organization", "user"),
        "attendee": attendee,
        "must_pledge": meeting.type.statutory_confidentiality
        and attendee is not None
        and attendee.pledged_at is None,
        "items": items,
        "is_convener": services.is_convener(request.user, meeting),
        "window_until": services.material_window(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@role_required(*READERS)
def pledge(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    try:
        services.sign_pledge(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You signed the pledge of confidentiality. The material is open to you.")
        )
    return redirect("meetings:meeting-detail", meeting.pk)


@role_required(*READERS)
def agenda_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    require_casework(request.user)
    cases = case_selectors.led_cases(request.user)
    form = AgendaForm(request.POST or None, cases=cases)
    if request.method == "GET":  # the picker names the cases it offers
        record_listing(actor=request.user, rows=cases, what=selectors.AGENDA_CHOICES)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_to_agenda(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The case is on the agenda with its material."))
            return redirect("meetings:meeting-detail", meeting.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "meetings/agenda_form.html", {"meeting": meeting, "form": form}, status=status
    )


@role_required(*READERS)
def material(request: AuthedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    item, access = selectors.read_material_of(request.user, meeting_id, item_id)
    context = {"meeting": item.meeting, "item": item, "access": access}
    return render(request, "meetings/material.html", context)


@role_required(*READERS)
def decision_add(request: AuthedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    item = get_object_or_404(meeting.agenda.select_related("case"), pk=item_id)
    if not services.may_record(request.user, item):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, initial={"support_decided_on": None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                actor=request.user,
                item=item,
                kind=data["kind"],
                text=data["text"],
                roles=form.roles(),
                support_decided_on=data["support_decided_on"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded; its roles are now tasks."))
            return redirect("meetings:meeting-detail", meeting.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "meetings/decision_form.html",
        {"meeting": meeting, "item": item, "form": form},
        status=status,
    )


@role_required(*READERS)
def minutes_edit(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if not services.is_convener(request.user, meeting):
        raise PermissionDenied
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    items = list(meeting.agenda.select_related("case"))
    if request.method == "GET":  # the form holds the minutes and discussions written so far
        record_event(actor=request.user, action="view", obj=meeting, detail={"minutes": True})
    if request.method == "POST" and form.is_valid():
        discussions = {item.pk: request.POST.get(f"discussion_{item.pk}", "") for item in items}
        services.write_minutes(
            actor=request.user,
            meeting=meeting,
            minutes=form.cleaned_data["minutes"],
            discussions=discussions,
        )
        messages.success(request, _("The minutes are saved."))
        return redirect("meetings:meeting-detail", meeting.pk)
    return render(
        request, "meetings/minutes_form.html", {"meeting": meeting, "form": form, "items": items}
    )


@role_required(*READERS)
def meeting_correct(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """会議情報の訂正: the date, the place, the title; the convening organization only."""
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if not services.is_convener(request.user, meeting):
        raise PermissionDenied
    initial = {f: getattr(meeting, f) for f in services.MEETING_FIELDS}

    def page() -> dict[str, Any]:
        record = selectors.read_meeting(request.user, meeting_id)  # the form names it: a read
        return {
            "heading": _("Correct the meeting's details"),
            "intro": _(
                "Moved to another day or room: the attendees are told, and the earlier details "
                "are kept as the meeting's history."
            ),
            "back_url": reverse("meetings:meeting-detail", args=[meeting_id]),
            "back_label": _("Back to the meeting"),
            "corrections": record.fact_corrections,
        }

    return correction_page(
        request,
        form=MeetingCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_meeting(actor=request.user, meeting=meeting, **data),
        page=page,
        done=reverse("meetings:meeting-detail", args=[meeting_id]),
    )


@role_required(*READERS)
def minutes_pdf(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """会議録 (A4, 取扱注意): each case as far as the reader may see it."""
    record = selectors.read_meeting(request.user, meeting_id, printed=True)
    meeting = record.meeting
    context = {
        "meeting": meeting,
        "minutes": record.minutes,
        "attendees": meeting.attendees.select_related("organization", "user"),
        "items": record.items,
    }
    return pdf_response(
        render_pdf(request, "documents/minutes.html", context), f"meeting-{meeting.pk}-minutes.pdf"
    )
