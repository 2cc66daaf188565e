"""地域づくり pages for staff: the desk, places with their gatekeepers and visits, gatherings
with their field mix and what came out, the network (picture, table, 点から面へ), the
suggested encounters, and the figures of the 実施計画."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_event
from tsunagu.community import figures as community_figures
from tsunagu.community import network, selectors, services
from tsunagu.community.choices import Field, HowMet, SuggestionStatus
from tsunagu.community.forms import (
    ActorCorrectionForm,
    ActorForm,
    EndForm,
    FollowUpForm,
    GatekeeperForm,
    GatheringCorrectionForm,
    GatheringFilterForm,
    GatheringForm,
    GatheringTieForm,
    IdeaForm,
    IdeaSettleForm,
    KeepSuggestionForm,
    NetworkFilterForm,
    PlaceCorrectionForm,
    PlaceFilterForm,
    PlaceForm,
    SuggestionTieForm,
    TieForm,
    VisitCorrectionForm,
    VisitForm,
    WorryForm,
    attendance_field_name,
)
from tsunagu.core.documents import xlsx_response
from tsunagu.core.forms import fiscal_period, show_errors
from tsunagu.core.revisions import described_history
from tsunagu.core.views import correction_page

PAGE_SIZE = 50


def _query(request: AuthedRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _refused(request: AuthedRequest, problem: Any) -> None:
    """For a form posted from a page it does not redraw: what to fix, as messages on the page
    it goes back to (a form's errors, or a service's ValidationError)."""
    if isinstance(problem, ValidationError):
        for message in problem.messages:
            messages.error(request, message)
        return
    for field, errors in problem.errors.items():
        label = problem.fields[field].label if field in problem.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def _submitted(
    request: AuthedRequest,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
    message: str,
) -> HttpResponse | None:
    """A posted form saved by `save` (its service): the way back to `done` with `message`;
    None when the form or the service refused it (the form then says what to fix)."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return _done(request, done, message)
    return None


def _submitted_back(
    request: AuthedRequest,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    url: str,
    message: str,
) -> HttpResponse:
    """For a small form posted from a page it does not redraw (an ending, an outcome): saved,
    or refused with what to fix as messages; back to `url` either way."""
    saved = _submitted(request, form, save, url, message)
    if saved is None:
        _refused(request, form)
    return saved or redirect(url)


def _done(request: AuthedRequest, url: str, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(url)


@role_required(*READERS)
def desk(request: AuthedRequest) -> HttpResponse:
    """地域づくり: what is coming, where to drop in, the network in figures."""
    user = request.user
    _graph, figures = network.network_today()
    today = timezone.localdate()
    context = {
        "coming": selectors.gatherings(user).filter(held_on__gte=today).order_by("held_on")[:8],
        "recent": selectors.gatherings(user).filter(held_on__lt=today)[:5],
        "not_visited": selectors.not_visited(user)[:8],
        "months": selectors.VISIT_EVERY_MONTHS,
        "follow_ups": selectors.my_follow_ups(user)[:8],
        "figures": figures,
        "rate": selectors.suggestion_rate(user),
        "may_write": services.may_write(user),
    }
    return render(request, "community/desk.html", context)


# 場 ----------------------------------------------------------------------------------------


@role_required(*READERS)
def places(request: AuthedRequest) -> HttpResponse:
    form = PlaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    months = filters.get("not_visited_months")
    rows = (
        selectors.not_visited(request.user, months)
        if months
        else selectors.places(request.user).order_by("name_kana", "name", "pk")
    )
    if filters.get("district"):
        rows = rows.filter(district=filters["district"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query(request),
        "may_write": services.may_write(request.user),
    }
    return render(request, "community/place_list.html", context)


@role_required(*READERS)
def place_new(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        require_casework(request.user)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.record_place(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return _done(request, reverse("community:place-detail", args=[place.pk]), _("Saved."))
    return render(
        request,
        "community/form.html",
        {"form": form, "heading": _("A new place"), "back_url": reverse("community:places")},
        status=400 if form.is_bound else 200,
    )


def _place_page(
    request: AuthedRequest, place_id: int, status: int = 200, **forms: Any
) -> HttpResponse:
    seen = selectors.read_place(request.user, place_id)
    may_write = services.may_write(request.user)
    context = {
        "seen": seen,
        "place": seen.place,
        "may_write": may_write,
        "gatekeeper_form": forms.get("gatekeeper_form") or GatekeeperForm(prefix="gatekeeper"),
        "visit_form": forms.get("visit_form")
        or VisitForm(prefix="visit", initial={"visited_on": timezone.localdate()}),
        "worry_forms": {
            g.pk: (forms.get("worry_form") if forms.get("worry_for") == g.pk else None)
            or WorryForm(prefix=f"worry-{g.pk}")
            for g in seen.gatekeepers
        },
        "end_form": EndForm(prefix="end", initial={"ended_on": timezone.localdate()}),
        "corrections": described_history(seen.place, request.user.date_style),
        "days": dict(PlaceForm.base_fields["days"].choices),  # type: ignore[attr-defined]
    }
    return render(request, "community/place_detail.html", context, status=status)


@role_required(*READERS)
def place_detail(request: AuthedRequest, place_id: int) -> HttpResponse:
    return _place_page(request, place_id)


@role_required(*READERS)
def place_correct(request: AuthedRequest, place_id: int) -> HttpResponse:
    place = selectors.find_place(request.user, place_id)
    if request.method == "POST":
        require_casework(request.user)
    initial = {f: getattr(place, f) for f in services.PLACE_FIELDS if f != "days"}
    initial |= {"days": list(place.days), "closed_on": place.closed_on}
    form = PlaceCorrectionForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> None:
        reason = data.pop("reason")
        services.correct_place(actor=request.user, place=place, changes=data, reason=reason)

    def page() -> dict[str, Any]:
        return {
            "heading": _("Correct the place %(name)s") % {"name": place.name},
            "back_url": reverse("community:place-detail", args=[place.pk]),
            "back_label": _("Back to the place"),
            "corrections": described_history(place, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("community:place-detail", args=[place.pk]),
    )


@require_POST
@role_required(*READERS)
def gatekeeper_add(request: AuthedRequest, place_id: int) -> HttpResponse:
    place = selectors.find_place(request.user, place_id)
    require_casework(request.user)
    form = GatekeeperForm(request.POST, prefix="gatekeeper")
    saved = _submitted(
        request,
        form,
        lambda data: services.record_gatekeeper(actor=request.user, place=place, **data),
        reverse("community:place-detail", args=[place.pk]),
        _("Saved."),
    )
    return saved or _place_page(request, place_id, status=400, gatekeeper_form=form)


@require_POST
@role_required(*READERS)
def gatekeeper_end(request: AuthedRequest, gatekeeper_id: int) -> HttpResponse:
    gatekeeper = selectors.find_gatekeeper(request.user, gatekeeper_id)
    require_casework(request.user)
    form = EndForm(request.POST, prefix="end")
    url = reverse("community:place-detail", args=[gatekeeper.place_id])
    return _submitted_back(
        request,
        form,
        lambda data: services.end_gatekeeper(
            actor=request.user, gatekeeper=gatekeeper, ended_on=data["ended_on"]
        ),
        url,
        _("Recorded as ended."),
    )


@require_POST
@role_required(*READERS)
def worry_pass(request: AuthedRequest, gatekeeper_id: int) -> HttpResponse:
    """つないでもらう: the gatekeeper's worry, to the outreach team."""
    gatekeeper = selectors.find_gatekeeper(request.user, gatekeeper_id)
    require_casework(request.user)
    form = WorryForm(request.POST, prefix=f"worry-{gatekeeper.pk}")
    saved = _submitted(
        request,
        form,
        lambda data: services.pass_worry(actor=request.user, gatekeeper=gatekeeper, **data),
        reverse("community:place-detail", args=[gatekeeper.place_id]),
        _("Passed to the outreach team. Tell %(name)s only that it was received.")
        % {"name": gatekeeper.name},
    )
    return saved or _place_page(
        request, gatekeeper.place_id, status=400, worry_form=form, worry_for=gatekeeper.pk
    )


@require_POST
@role_required(*READERS)
def visit_add(request: AuthedRequest, place_id: int) -> HttpResponse:
    place = selectors.find_place(request.user, place_id)
    require_casework(request.user)
    form = VisitForm(request.POST, prefix="visit")
    saved = _submitted(
        request,
        form,
        lambda data: services.record_visit(actor=request.user, place=place, **data),
        reverse("community:place-detail", args=[place.pk]),
        _("Visit recorded."),
    )
    return saved or _place_page(request, place_id, status=400, visit_form=form)


@role_required(*READERS)
def visit_correct(request: AuthedRequest, visit_id: int) -> HttpResponse:
    visit = selectors.find_visit(request.user, visit_id)
    if request.method == "POST":
        require_casework(request.user)
    form = VisitCorrectionForm(
        request.POST or None, initial={"visited_on": visit.visited_on, "topics": visit.topics}
    )

    def save(data: dict[str, Any]) -> None:
        reason, checked = data.pop("reason"), data.pop("names_checked")
        services.correct_visit(
            actor=request.user, visit=visit, changes=data, reason=reason, names_checked=checked
        )

    def page() -> dict[str, Any]:
        return {
            "heading": _("Correct the visit to %(name)s") % {"name": visit.place.name},
            "back_url": reverse("community:place-detail", args=[visit.place_id]),
            "back_label": _("Back to the place"),
            "corrections": described_history(visit, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("community:place-detail", args=[visit.place_id]),
    )


# 集まり ------------------------------------------------------------------------------------


@role_required(*READERS)
def gatherings(request: AuthedRequest) -> HttpResponse:
    form = GatheringFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.gatherings(request.user)
    if filters.get("type"):
        rows = rows.filter(type=filters["type"])
    if filters.get("district"):
        rows = rows.filter(district=filters["district"])
    if filters.get("since"):
        rows = rows.filter(held_on__gte=filters["since"])
    if filters.get("until"):
        rows = rows.filter(held_on__lte=filters["until"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query(request),
        "may_write": services.may_write(request.user),
    }
    return render(request, "community/gathering_list.html", context)


@role_required(*READERS)
def gathering_new(request: AuthedRequest) -> HttpResponse:
    """A gathering held (with its field mix) or announced; from an idea, its own gathering."""
    idea = None
    if request.GET.get("idea", "").isdigit():
        idea = selectors.find_idea(request.user, int(request.GET["idea"]))
    if request.method == "POST":
        require_casework(request.user)
    initial = {"title": idea.text[:200], "topics": idea.text} if idea else {}
    form = GatheringForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, attendance, organizers, named = form.split()
        try:
            gathering = services.record_gathering(
                actor=request.user,
                attendance=attendance,
                organizers=organizers,
                named=named,
                from_idea=idea,
                **data,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return _done(
                request, reverse("community:gathering-detail", args=[gathering.pk]), _("Saved.")
            )
    # The form offers the people of the network by name (who came, who organized).
    selectors.list_members(request.user, form.people_offered())
    return render(
        request,
        "community/gathering_form.html",
        {
            "form": form,
            "idea": idea,
            "heading": _("Record a gathering"),
            "back_url": reverse("community:gatherings"),
        },
        status=400 if form.is_bound else 200,
    )


def _gathering_page(
    request: AuthedRequest, gathering_id: int, status: int = 200, **forms: Any
) -> HttpResponse:
    seen = selectors.read_gathering(request.user, gathering_id)
    gathering = seen.gathering
    today = timezone.localdate()
    context = {
        "seen": seen,
        "gathering": gathering,
        "may_write": services.may_write(request.user),
        "tie_form": forms.get("tie_form") or GatheringTieForm(prefix="tie"),
        "idea_form": forms.get("idea_form") or IdeaForm(prefix="idea"),
        "settle_form": IdeaSettleForm(prefix="settle"),
        "follow_up_form": forms.get("follow_up_form")
        or FollowUpForm(prefix="follow-up", initial={"assignee": request.user.pk}),
        "upcoming": gathering.held_on >= today,
        "corrections": selectors.gathering_history(gathering, request.user.date_style),
    }
    return render(request, "community/gathering_detail.html", context, status=status)


@role_required(*READERS)
def gathering_detail(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    return _gathering_page(request, gathering_id)


@role_required(*READERS)
def gathering_guests(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    """次の車座の招待候補: many fields at one table, by the gathering's topics."""
    gathering = selectors.find_gathering(request.user, gathering_id)
    guests = selectors.guests_for(request.user, gathering)
    labels = selectors.field_labels()
    context = {
        "gathering": gathering,
        "guests": [(g, labels[g.field]) for g in guests],
        "fields": len({g.field for g in guests}),
    }
    return render(request, "community/gathering_guests.html", context)


@role_required(*READERS)
def gathering_correct(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    gathering = selectors.find_gathering(request.user, gathering_id)
    if request.method == "POST":
        require_casework(request.user)
    initial: dict[str, Any] = {f: getattr(gathering, f) for f in services.GATHERING_FIELDS}
    initial |= {attendance_field_name(a.field): a.count for a in gathering.attendance.all()}
    initial |= {
        "organizers": list(gathering.organizers.values_list("pk", flat=True)),
        "named": list(gathering.named.values_list("actor_id", flat=True)),
    }
    form = GatheringCorrectionForm(request.POST or None, initial=initial)

    def save(_data: dict[str, Any]) -> None:
        data, attendance, organizers, named = form.split()
        reason = data.pop("reason")
        services.correct_gathering(
            actor=request.user,
            gathering=gathering,
            changes=data,
            attendance=attendance,
            organizers=organizers,
            named=named,
            reason=reason,
        )

    def page() -> dict[str, Any]:
        selectors.read_gathering(request.user, gathering.pk)  # the read, audited
        return {
            "heading": _("Correct the gathering %(title)s") % {"title": gathering.title},
            "back_url": reverse("community:gathering-detail", args=[gathering.pk]),
            "back_label": _("Back to the gathering"),
            "corrections": selectors.gathering_history(gathering, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("community:gathering-detail", args=[gathering.pk]),
    )


@require_POST
@role_required(*READERS)
def gathering_tie(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    """A tie the gathering made."""
    gathering = selectors.find_gathering(request.user, gathering_id)
    require_casework(request.user)
    form = GatheringTieForm(request.POST, prefix="tie")
    saved = _submitted(
        request,
        form,
        lambda data: services.record_tie(
            actor=request.user,
            a=data["a"],
            b=data["b"],
            since=min(gathering.held_on, timezone.localdate()),
            how=HowMet.GATHERING,
            gathering=gathering,
            note=data["note"],
        ),
        reverse("community:gathering-detail", args=[gathering.pk]),
        _("The tie is recorded."),
    )
    return saved or _gathering_page(request, gathering_id, status=400, tie_form=form)


@require_POST
@role_required(*READERS)
def idea_add(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    gathering = selectors.find_gathering(request.user, gathering_id)
    require_casework(request.user)
    form = IdeaForm(request.POST, prefix="idea")
    saved = _submitted(
        request,
        form,
        lambda data: services.record_idea(actor=request.user, gathering=gathering, **data),
        reverse("community:gathering-detail", args=[gathering.pk]),
        _("Saved."),
    )
    return saved or _gathering_page(request, gathering_id, status=400, idea_form=form)


@require_POST
@role_required(*READERS)
def idea_settle(request: AuthedRequest, idea_id: int) -> HttpResponse:
    idea = selectors.find_idea(request.user, idea_id)
    require_casework(request.user)
    form = IdeaSettleForm(request.POST, prefix="settle")
    url = reverse("community:gathering-detail", args=[idea.gathering_id])
    return _submitted_back(
        request,
        form,
        lambda data: services.settle_idea(actor=request.user, idea=idea, **data),
        url,
        _("Saved."),
    )


@require_POST
@role_required(*READERS)
def follow_up_add(request: AuthedRequest, gathering_id: int) -> HttpResponse:
    gathering = selectors.find_gathering(request.user, gathering_id)
    require_casework(request.user)
    form = FollowUpForm(request.POST, prefix="follow-up")
    saved = _submitted(
        request,
        form,
        lambda data: services.add_follow_up(actor=request.user, gathering=gathering, **data),
        reverse("community:gathering-detail", args=[gathering.pk]),
        _("Saved."),
    )
    return saved or _gathering_page(request, gathering_id, status=400, follow_up_form=form)


@require_POST
@role_required(*READERS)
def follow_up_done(request: AuthedRequest, follow_up_id: int) -> HttpResponse:
    follow_up = selectors.find_follow_up(request.user, follow_up_id)
    require_casework(request.user)
    services.finish_follow_up(actor=request.user, follow_up=follow_up)
    return _done(
        request,
        reverse("community:gathering-detail", args=[follow_up.gathering_id]),
        _("Marked as done."),
    )


# ネットワーク --------------------------------------------------------------------------------


@role_required(*READERS)
def members(request: AuthedRequest) -> HttpResponse:
    rows = selectors.members(request.user)
    field = request.GET.get("field", "")
    if field in Field.values:
        rows = rows.filter(field=field)
    words = request.GET.get("q", "").strip()[:100]
    if words:
        rows = rows.filter(name__contains=words) | rows.filter(interests__contains=words)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.list_members(request.user, list(page))
    context = {
        "page": page,
        "query": _query(request),
        "fields": Field.choices,
        "field": field,
        "q": words,
        "may_write": services.may_write(request.user),
    }
    return render(request, "community/member_list.html", context)


@role_required(*READERS)
def member_new(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        require_casework(request.user)
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.record_actor(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return _done(request, reverse("community:member-detail", args=[member.pk]), _("Saved."))
    return render(
        request,
        "community/form.html",
        {
            "form": form,
            "heading": _("Add to the network"),
            "intro": _(
                "Organizations, and people in their roles with their agreement — never a client."
            ),
            "back_url": reverse("community:members"),
        },
        status=400 if form.is_bound else 200,
    )


def _member_page(
    request: AuthedRequest, member_id: int, status: int = 200, **forms: Any
) -> HttpResponse:
    seen = selectors.read_member(request.user, member_id)
    context = {
        "seen": seen,
        "member": seen.member,
        "may_write": services.may_write(request.user),
        "tie_form": forms.get("tie_form")
        or TieForm(prefix="tie", initial={"since": timezone.localdate()}),
        "end_form": EndForm(prefix="end", initial={"ended_on": timezone.localdate()}),
        "corrections": described_history(seen.member, request.user.date_style),
    }
    return render(request, "community/member_detail.html", context, status=status)


@role_required(*READERS)
def member_detail(request: AuthedRequest, member_id: int) -> HttpResponse:
    return _member_page(request, member_id)


@role_required(*READERS)
def member_correct(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = selectors.find_member(request.user, member_id)
    if request.method == "POST":
        require_casework(request.user)
    initial = {f: getattr(member, f) for f in services.ACTOR_FIELDS}
    initial["left_on"] = member.left_on
    form = ActorCorrectionForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> None:
        reason = data.pop("reason")
        services.correct_actor(actor=request.user, member=member, changes=data, reason=reason)

    def page() -> dict[str, Any]:
        selectors.read_member(request.user, member.pk)  # the read, audited
        return {
            "heading": _("Correct %(name)s") % {"name": member.name},
            "back_url": reverse("community:member-detail", args=[member.pk]),
            "back_label": _("Back"),
            "corrections": described_history(member, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("community:member-detail", args=[member.pk]),
    )


@require_POST
@role_required(*READERS)
def member_tie(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = selectors.find_member(request.user, member_id)
    require_casework(request.user)
    form = TieForm(request.POST, prefix="tie")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_tie(
                actor=request.user,
                a=member,
                b=data["other"],
                since=data["since"],
                how=data["how"],
                note=data["note"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return _done(
                request,
                reverse("community:member-detail", args=[member.pk]),
                _("The tie is recorded."),
            )
    return _member_page(request, member_id, status=400, tie_form=form)


@require_POST
@role_required(*READERS)
def tie_end(request: AuthedRequest, tie_id: int) -> HttpResponse:
    tie = selectors.find_tie(request.user, tie_id)
    require_casework(request.user)
    form = EndForm(request.POST, prefix="end")
    back = request.POST.get("back", "")
    url = reverse("community:member-detail", args=[int(back) if back.isdigit() else tie.a_id])
    return _submitted_back(
        request,
        form,
        lambda data: services.end_tie(actor=request.user, tie=tie, ended_on=data["ended_on"]),
        url,
        _("Recorded as ended."),
    )


@role_required(*READERS)
def network_page(request: AuthedRequest) -> HttpResponse:
    """点から面へ: the network as a picture, a table and figures, on a day, by district and field."""
    form = NetworkFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    district = filters.get("district")
    where = network.Filter(
        on=filters.get("on") or timezone.localdate(),
        district_id=district.pk if district else None,
        field=filters.get("field") or "",
    )
    seen = selectors.read_network(request.user, where)
    labels = selectors.field_labels()
    context = {
        "form": form,
        "seen": seen,
        "figures": seen.figures,
        "picture": seen.picture,
        "labels": labels,
        "legend": [(labels[f], network.COLOURS[f]) for f, _m, _t in seen.figures.by_field],
    }
    return render(request, "community/network.html", context)


@role_required(*READERS)
def encounters(request: AuthedRequest) -> HttpResponse:
    """計画的偶発性: who should meet, and what became of the encounters arranged."""
    labels = selectors.field_labels()
    kept = Paginator(selectors.kept_suggestions(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    suggested = selectors.suggested_encounters(request.user, shown=list(kept))
    context = {
        "suggested": [(e, [labels[f] for f in e.fields]) for e in suggested],
        "page": kept,
        "query": _query(request),
        "rate": selectors.suggestion_rate(request.user),
        "may_write": services.may_write(request.user),
        "today": timezone.localdate(),
        "open": SuggestionStatus.OPEN,
    }
    return render(request, "community/encounters.html", context)


@require_POST
@role_required(*READERS)
def encounter_keep(request: AuthedRequest) -> HttpResponse:
    require_casework(request.user)
    form = KeepSuggestionForm(request.POST)
    return _submitted_back(
        request,
        form,
        lambda data: services.keep_suggestion(actor=request.user, **data),
        reverse("community:encounters"),
        _("Kept: arrange the encounter, then record the tie."),
    )


@require_POST
@role_required(*READERS)
def encounter_tie(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    """The encounter happened and they are tied now."""
    suggestion = selectors.find_suggestion(request.user, suggestion_id)
    require_casework(request.user)
    form = SuggestionTieForm(
        request.POST, prefix=f"s{suggestion.pk}", members=suggestion.members.all()
    )
    return _submitted_back(
        request,
        form,
        lambda data: services.record_tie(
            actor=request.user, how=HowMet.SUGGESTION, suggestion=suggestion, **data
        ),
        reverse("community:encounters"),
        _("The tie is recorded."),
    )


@require_POST
@role_required(*READERS)
def encounter_decide(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = selectors.find_suggestion(request.user, suggestion_id)
    require_casework(request.user)
    try:
        services.decide_suggestion(
            actor=request.user, suggestion=suggestion, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("community:encounters")


@role_required(*READERS)
def figures(request: AuthedRequest) -> HttpResponse:
    """地域づくりの実績 (for the 実施計画): by district and fiscal year; Excel."""
    form, since, until = fiscal_period(request.GET)
    counted = community_figures.community_figures(request.user, since, until)
    if request.GET.get("format") == "xlsx":
        record_event(actor=request.user, action="export", object_type="community.figures")
        return xlsx_response(
            _("Community building figures"),
            *community_figures.figures_sheet(counted),
            f"community-figures-{since:%Y%m%d}-{until:%Y%m%d}.xlsx",
            date_style=request.user.date_style,
        )
    query = request.GET.copy()
    query.pop("format", None)
    context = {"form": form, "figures": counted, "query": query.urlencode()}
    return render(request, "community/figures.html", context)
