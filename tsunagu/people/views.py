"""本人・世帯 pages: register with duplicate candidates first, one screen per household."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import READERS, WRITERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_listing
from tsunagu.core.forms import show_errors
from tsunagu.core.views import correction_page
from tsunagu.people import selectors, services
from tsunagu.people.forms import (
    CandidateSearchForm,
    HouseholdCorrectionForm,
    HouseholdForm,
    HouseholdSearchForm,
    MemberCorrectionForm,
    MemberForm,
    PeopleSearchForm,
    PersonCorrectionForm,
    PersonForm,
)
from tsunagu.people.models import Household
from tsunagu.people.sections import household_page, person_page

PERSON_KEYS = ("name", "name_kana", "birth_date", "phone")


PEOPLE = gettext_lazy("People (list)")
HOUSEHOLDS = gettext_lazy("Households (list)")


@role_required(*READERS)
def person_list(request: AuthedRequest) -> HttpResponse:
    """本人一覧: everyone the user's organizations recorded, found by name, birth date, phone or
    address; each page of the list is one audit row naming whom it showed."""
    form = PeopleSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.find_people(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    record_listing(actor=request.user, rows=page, what=PEOPLE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "people/person_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@role_required(*READERS)
def household_list(request: AuthedRequest) -> HttpResponse:
    """世帯一覧, by the household's or a member's name."""
    form = HouseholdSearchForm(request.GET or None)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    page = Paginator(selectors.find_households(request.user, name), 50).get_page(
        request.GET.get("page")
    )
    record_listing(actor=request.user, rows=page, what=HOUSEHOLDS)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/household_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@role_required(*WRITERS)
def candidates(request: AuthedRequest) -> HttpResponse:
    """重複候補 as the consultant types (htmx), or as a page."""
    form = CandidateSearchForm(request.GET)
    found = []
    if form.is_valid() and any(form.cleaned_data.get(k) for k in PERSON_KEYS):
        found = selectors.duplicate_candidates(user=request.user, **form.cleaned_data)
    context = {
        "candidates": found,
        "form": form,
        "searched": form.is_valid(),
        "consultation": request.GET.get("consultation", ""),
    }
    return render(request, "people/includes/candidates.html", context)


@role_required(*WRITERS)
def person_new(request: AuthedRequest) -> HttpResponse:
    """本人を登録する: candidates are shown beside the form before anything is saved."""
    form = PersonForm(request.POST or None, initial=request.GET.dict())
    consultation = request.GET.get("consultation") or request.POST.get("consultation")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = services.register_person(actor=request.user, **data)
            if consultation:
                from tsunagu.intake.selectors import get_consultation_for_user
                from tsunagu.intake.services import identify_person

                identify_person(
                    actor=request.user,
                    person=person,
                    consultation=get_consultation_for_user(request.user, int(consultation)),
                )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": person.name})
            if consultation:
                return redirect("intake:consultation-detail", int(consultation))
            return redirect("people:person-detail", person.pk)
    found = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = selectors.duplicate_candidates(
            user=request.user,
            name=data["name"],
            name_kana=data["name_kana"],
            birth_date=data["birth_date"],
            phone=data["phone"],
        )
    return render(
        request,
        "people/person_form.html",
        {"form": form, "candidates": found, "consultation": consultation},
    )


@role_required(*READERS)
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    from tsunagu.intake.selectors import consultations_visible_to

    person = selectors.get_person_for_user(request.user, pk)
    context = {
        "person": person,
        "corrections": selectors.corrections_of(person, request.user.date_style),
        "household": selectors.current_household(person),
        "consultations": consultations_visible_to(request.user)
        .filter(person=person)
        .order_by("-received_at")[:20],
    } | person_page.context(request.user, person)
    return render(request, "people/person_detail.html", context)


@role_required(*READERS)
def person_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """本人情報の訂正 (a move, a wrong birth date …); the earlier version is kept."""
    person = selectors.find_person(request.user, pk)
    require_casework(request.user, within=selectors.knowing_organization_ids(person))
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}

    def page() -> dict[str, Any]:
        shown = selectors.get_person_for_user(request.user, pk)  # the form shows them: a read
        return {
            "heading": _("Correct the person's details"),
            "intro": _(
                "A move, a new phone number, a name spelt wrong: the earlier details are kept "
                "as the person's history."
            ),
            "back_url": reverse("people:person-detail", args=[pk]),
            "back_label": _("Back"),
            "corrections": selectors.corrections_of(shown, request.user.date_style),
        }

    return correction_page(
        request,
        form=PersonCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.update_person(actor=request.user, person=person, **data),
        page=page,
        done=reverse("people:person-detail", args=[pk]),
    )


@role_required(*WRITERS)
def household_new(request: AuthedRequest) -> HttpResponse:
    """世帯を作る around a person the user already knows."""
    person = selectors.get_person_for_user(request.user, int(request.GET.get("person", 0)))
    form = HouseholdForm(
        request.POST or None,
        initial={
            "name": _("%(family)s household") % {"family": person.name.split(" ")[0]},
            "address": person.address,
            "district": person.district,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        relationship = data.pop("relationship")
        try:
            household = services.create_household(actor=request.user, **data)
            services.add_household_member(
                actor=request.user, household=household, person=person, relationship=relationship
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return redirect("people:household-detail", household.pk)
    return render(request, "people/household_form.html", {"form": form, "person": person})


@role_required(*READERS)
def household_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """世帯の全体像: every member with their open cases, issues and risk flags, on one screen."""
    household = selectors.get_household_for_user(request.user, pk)
    return _household_page(request, household, None)


def _household_page(
    request: AuthedRequest,
    household: Household,
    member_form: MemberForm | None,
    status: int = 200,
) -> HttpResponse:
    """The household on one screen; the form to add a member is fetched when it is opened."""
    context = {
        "household": household,
        "member_form": member_form,
        "corrections": selectors.corrections_of(household, request.user.date_style),
    } | household_page.context(request.user, household)
    return render(request, "people/household_detail.html", context, status=status)


@role_required(*READERS)
def household_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """世帯情報の訂正 (a move of the whole household, a wrong name); the earlier version is kept."""
    household = selectors.find_household(request.user, pk)
    require_casework(request.user, within=selectors.knowing_organization_ids(household))
    initial = {f: getattr(household, f) for f in services.HOUSEHOLD_FIELDS}

    def page() -> dict[str, Any]:
        shown = selectors.get_household_for_user(request.user, pk)  # the form shows it: a read
        return {
            "heading": _("Correct the household's details"),
            "intro": _(
                "A move of the whole household, a wrong name or address: the earlier details "
                "are kept as the household's history."
            ),
            "back_url": reverse("people:household-detail", args=[pk]),
            "back_label": _("Back to the household"),
            "corrections": selectors.corrections_of(shown, request.user.date_style),
        }

    return correction_page(
        request,
        form=HouseholdCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_household(
            actor=request.user, household=household, **data
        ),
        page=page,
        done=reverse("people:household-detail", args=[pk]),
    )


@role_required(*READERS)
def member_correct(request: AuthedRequest, pk: int, person_id: int) -> HttpResponse:
    """世帯員の訂正: a member the user's organization knows — 続柄, since when, moved out."""
    household = selectors.find_household(request.user, pk)
    require_casework(request.user, within=selectors.knowing_organization_ids(household))
    member = selectors.membership_of(household, selectors.find_person(request.user, person_id))
    initial = {f: getattr(member, f) for f in services.MEMBER_FIELDS}

    def page() -> dict[str, Any]:
        selectors.get_household_for_user(request.user, pk)  # the form shows it: a read
        return {
            "heading": _("Correct %(name)s's membership") % {"name": member.person.name},
            "intro": _(
                "The relationship to the head and the days of living here. A member who moved "
                "out stays in the household's history."
            ),
            "back_url": reverse("people:household-detail", args=[pk]),
            "back_label": _("Back to the household"),
            "corrections": selectors.corrections_of(member, request.user.date_style),
        }

    return correction_page(
        request,
        form=MemberCorrectionForm(request.POST or None, initial=initial),
        save=lambda data: services.correct_membership(actor=request.user, member=member, **data),
        page=page,
        done=reverse("people:household-detail", args=[pk]),
    )


@role_required(*READERS)
def household_add_member(request: AuthedRequest, pk: int) -> HttpResponse:
    household = selectors.find_household(request.user, pk)
    require_casework(request.user, within=selectors.knowing_organization_ids(household))
    if request.method == "GET":  # the form shows the household: a read
        household = selectors.get_household_for_user(request.user, pk)
    form = MemberForm(request.POST or None)
    existing = request.POST.get("person")
    if request.method == "POST" and existing:
        person = selectors.find_person(request.user, existing)
        form = MemberForm(
            {
                "name": person.name,
                "relationship": request.POST.get("relationship"),
                "started_on": request.POST.get("started_on", ""),
            }
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        relationship, started_on = data.pop("relationship"), data.pop("started_on")
        try:
            if not existing:
                person = services.register_person(actor=request.user, **data)
            services.add_household_member(
                actor=request.user,
                household=household,
                person=person,
                relationship=relationship,
                started_on=started_on,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is added to the household.") % {"name": person.name}
            )
            return redirect("people:household-detail", pk)
    if request.htmx and request.method == "GET":
        context = {"household": household, "member_form": form}
        return render(request, "people/includes/member_form.html", context)
    if request.method == "POST":  # the form comes back on the whole household: a read
        household = selectors.get_household_for_user(request.user, pk)
    return _household_page(request, household, form, 400 if request.method == "POST" else 200)
