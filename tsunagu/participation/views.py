"""参加支援 pages: the coordinator's desk, a case's 参加支援 (profile, participations,
declines), the explained matches, and one participation with its steps, ending and 資源化."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import READERS, AuthedRequest, require_casework, role_required
from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.accounts.models import User
from tsunagu.audit.services import record_event
from tsunagu.core.documents import xlsx_response
from tsunagu.core.forms import fiscal_period, show_errors
from tsunagu.core.revisions import described_history
from tsunagu.core.views import correction_page
from tsunagu.participation import selectors, services
from tsunagu.participation.choices import NATIONAL_SOURCE, Loneliness, Stage
from tsunagu.participation.figures import figures_sheet, participation_figures
from tsunagu.participation.forms import (
    AdaptationForm,
    DeclineForm,
    EndForm,
    HostAccountForm,
    HostUpdateForm,
    IntroduceForm,
    ParticipationCorrectionForm,
    PlanStepForm,
    ProfileCorrectionForm,
    ProfileForm,
    RecordStepForm,
    WellbeingForm,
)
from tsunagu.participation.models import HostAccount, Participation, Profile
from tsunagu.participation.services import PROFILE_FIELDS


@role_required(*READERS)
def desk(request: AuthedRequest) -> HttpResponse:
    """参加支援: who is at which stage, and what comes next."""
    context = {"desk": selectors.read_desk(request.user), "stages": Stage.choices}
    return render(request, "participation/desk.html", context)


def _case_page(
    request: AuthedRequest, case_id: int, status: int = 200, **extra: Any
) -> HttpResponse:
    seen = selectors.read_case_participation(request.user, case_id)
    context = {
        "seen": seen,
        "case": seen.access.case,
        "access": seen.access,
        "may_write": seen.open and services.may_write(request.user, seen.access),
        **extra,
    }
    return render(request, "participation/case.html", context, status=status)


@role_required(*READERS)
def case_participation(request: AuthedRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


@require_POST
@role_required(*READERS)
def wellbeing(request: AuthedRequest, case_id: int) -> HttpResponse:
    """孤独感の尺度 (with the person's agreement)."""
    access = selectors.open_access(request.user, case_id)
    require_casework(request.user)
    form = WellbeingForm(request.POST, prefix="wellbeing")
    if form.is_valid():
        try:
            services.record_wellbeing(actor=request.user, access=access, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("participation:case", case_id)
    return _case_page(request, case_id, status=400, wellbeing_form=form)


@role_required(*READERS)
def figures(request: AuthedRequest) -> HttpResponse:
    """参加支援の実績 (this fiscal year unless asked), by district, and Excel."""
    form, since, until = fiscal_period(request.GET)
    found = participation_figures(request.user, since, until)
    if request.GET.get("format") == "xlsx":
        record_event(actor=request.user, action="export", object_type="participation.figures")
        return xlsx_response(
            _("Participation support"),
            *figures_sheet(found),
            f"participation-{since:%Y}.xlsx",
            date_style=request.user.date_style,
        )
    context = {
        "figures": found,
        "form": form,
        "stages": Stage.choices,
        "answers": Loneliness.choices,
        "source": NATIONAL_SOURCE,
        "query": urlencode([(k, str(v)) for k, v in request.GET.items() if k != "format"]),
    }
    return render(request, "participation/figures.html", context)


def _profile_initial(profile: Any) -> dict[str, Any]:
    if profile is None:
        return {}
    initial = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    initial["days"] = list(profile.days)
    initial["times"] = profile.times.split()
    initial["districts"] = list(profile.districts.all())
    return initial


@role_required(*READERS)
def profile_edit(request: AuthedRequest, case_id: int) -> HttpResponse:
    """参加・つながりを記録する (or correct it, with the reason)."""
    form: ProfileForm | None = None
    if request.method == "POST":
        access = selectors.open_access(request.user, case_id)
        require_casework(request.user)
        profile = Profile.objects.filter(case=access.case).first()
        form = (ProfileCorrectionForm if profile is not None else ProfileForm)(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.record_profile(
                    actor=request.user,
                    access=access,
                    districts=list(data.pop("districts")),
                    reason=data.pop("reason", ""),
                    **data,
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("Saved. The matches now follow what is written."))
                return redirect("participation:matches", case_id)
    seen = selectors.read_case_participation(request.user, case_id, only_open=True)
    if form is None:
        form_class = ProfileCorrectionForm if seen.profile is not None else ProfileForm
        form = form_class(initial=_profile_initial(seen.profile))
    history = (
        described_history(seen.profile, request.user.date_style) if seen.profile is not None else []
    )
    context = {"seen": seen, "case": seen.access.case, "form": form, "corrections": history}
    return render(
        request, "participation/profile_form.html", context, status=400 if form.is_bound else 200
    )


@role_required(*READERS)
def matches(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Explained matches: the places that fit, each with why, and those left out with why."""
    seen, found = selectors.read_matches(request.user, case_id)
    if found is None:
        return redirect("participation:profile", case_id)
    context = {
        "seen": seen,
        "case": seen.access.case,
        "matches": found,
        "may_write": services.may_write(request.user, seen.access),
        "decline_form": DeclineForm(),
    }
    return render(request, "participation/matches.html", context)


@require_POST
@role_required(*READERS)
def introduce(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = selectors.open_access(request.user, case_id)
    require_casework(request.user)
    form = IntroduceForm(request.POST)
    if form.is_valid():
        adaptation = None
        if form.cleaned_data.get("adaptation"):
            adaptation = (
                selectors.visible_adaptations(request.user)
                .filter(pk=form.cleaned_data["adaptation"])
                .first()
            )
            if adaptation is None:
                raise Http404
        try:
            participation = services.introduce(
                actor=request.user,
                access=access,
                resource_id=form.cleaned_data["resource"],
                adaptation=adaptation,
                host_contact=form.cleaned_data["host_contact"],
                host_name=form.cleaned_data["host_name"],
                host_note=form.cleaned_data["host_note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("participation:matches", case_id)
        messages.success(request, _("Introduced. Plan the first visit and who goes along."))
        return redirect("participation:participation-detail", participation.pk)
    messages.error(request, _("Choose a place to introduce."))
    return redirect("participation:matches", case_id)


@require_POST
@role_required(*READERS)
def decline(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = selectors.open_access(request.user, case_id)
    require_casework(request.user)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why they said no."))
        return redirect("participation:matches", case_id)
    try:
        services.record_decline(
            actor=request.user,
            access=access,
            resource_id=form.cleaned_data["resource"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded: that place is left out of their matches."))
    return redirect("participation:matches", case_id)


def _workers(participation: Participation) -> Any:
    return (
        User.objects.filter(
            memberships__organization=participation.organization,
            memberships__role__in=CASE_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("display_name")
    )


def _detail(
    request: AuthedRequest, participation_id: int, status: int = 200, **forms: Any
) -> HttpResponse:
    seen, participation = selectors.participation_for(request.user, participation_id)
    workers = _workers(participation)
    planned = [s for s in participation.steps.all() if s.happened_on is None]
    context = {
        "seen": seen,
        "case": seen.access.case,
        "participation": participation,
        "planned": planned,
        "may_write": services.may_write(request.user, seen.access),
        "plan_form": forms.get("plan_form") or PlanStepForm(workers=workers, prefix="plan"),
        "record_form": forms.get("record_form") or RecordStepForm(workers=workers, prefix="record"),
        "end_form": forms.get("end_form") or EndForm(prefix="end"),
        "adaptation_form": forms.get("adaptation_form") or AdaptationForm(prefix="adaptation"),
        "corrections": described_history(participation, request.user.date_style),
    }
    return render(request, "participation/participation_detail.html", context, status=status)


@role_required(*READERS)
def participation_detail(request: AuthedRequest, participation_id: int) -> HttpResponse:
    return _detail(request, participation_id)


def _post(
    request: AuthedRequest,
    participation_id: int,
    form_class: Any,
    name: str,
    save: Any,
    done: str,
) -> HttpResponse:
    access, participation = selectors.find_participation(request.user, participation_id)
    require_casework(request.user)
    kwargs = (
        {"workers": _workers(participation)} if form_class in (PlanStepForm, RecordStepForm) else {}
    )
    form = form_class(request.POST, prefix=name.removesuffix("_form"), **kwargs)
    if form.is_valid():
        try:
            save(access, participation, dict(form.cleaned_data))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("participation:participation-detail", participation_id)
    return _detail(request, participation_id, status=400, **{name: form})


@require_POST
@role_required(*READERS)
def plan_step(request: AuthedRequest, participation_id: int) -> HttpResponse:
    def save(access: Any, participation: Participation, data: dict[str, Any]) -> None:
        services.plan_step(actor=request.user, access=access, participation=participation, **data)

    return _post(
        request,
        participation_id,
        PlanStepForm,
        "plan_form",
        save,
        _("Planned; the task is on the worker's list."),
    )


@require_POST
@role_required(*READERS)
def record_step(request: AuthedRequest, participation_id: int) -> HttpResponse:
    def save(access: Any, participation: Participation, data: dict[str, Any]) -> None:
        step_id = data.pop("step", None)
        step = None
        if step_id:
            step = participation.steps.filter(pk=step_id).first()
            if step is None:
                raise Http404
        services.record_step(
            actor=request.user, access=access, participation=participation, step=step, **data
        )

    return _post(request, participation_id, RecordStepForm, "record_form", save, _("Recorded."))


@require_POST
@role_required(*READERS)
def end(request: AuthedRequest, participation_id: int) -> HttpResponse:
    def save(access: Any, participation: Participation, data: dict[str, Any]) -> None:
        services.end_participation(
            actor=request.user, access=access, participation=participation, **data
        )

    return _post(request, participation_id, EndForm, "end_form", save, _("Recorded as ended."))


@require_POST
@role_required(*READERS)
def adaptation(request: AuthedRequest, participation_id: int) -> HttpResponse:
    def save(access: Any, participation: Participation, data: dict[str, Any]) -> None:
        services.record_adaptation(
            actor=request.user,
            access=access,
            participation=participation,
            resource_id=participation.resource_id,
            **data,
        )

    return _post(
        request,
        participation_id,
        AdaptationForm,
        "adaptation_form",
        save,
        _("Saved: the adaptation is now offered to others in their matches."),
    )


@role_required(*READERS)
def participation_correct(request: AuthedRequest, participation_id: int) -> HttpResponse:
    access, participation = selectors.find_participation(request.user, participation_id)
    if request.method == "POST":
        require_casework(request.user)
    form = ParticipationCorrectionForm(
        request.POST or None,
        initial={
            "host_contact": participation.host_contact,
            "host_name": participation.host_name,
            "host_note": participation.host_note,
            "outcome": participation.outcome,
        },
    )

    def save(data: dict[str, Any]) -> None:
        services.correct_participation(
            actor=request.user, access=access, participation=participation, **data
        )

    def page() -> dict[str, Any]:
        selectors.participation_for(request.user, participation_id)  # the read, audited
        return {
            "heading": _("Correct the participation at %(place)s")
            % {"place": participation.resource.name},
            "back_url": reverse("participation:participation-detail", args=[participation.pk]),
            "back_label": _("Back to the participation"),
            "corrections": described_history(participation, request.user.date_style),
        }

    return correction_page(
        request,
        form=form,
        save=save,
        page=page,
        done=reverse("participation:participation-detail", args=[participation.pk]),
    )


@login_required
def host_desk(request: AuthedRequest) -> HttpResponse:
    """受け入れ先の画面: the host confirms its entries and room, and sees whom to expect."""
    form = HostUpdateForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.host_update(
                    actor=request.user,
                    resource_id=form.cleaned_data["resource"],
                    available=form.cleaned_data["available"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Thank you: it is recorded as confirmed today."))
                return redirect("participation:host")
        else:
            messages.error(request, _("Write the places free as a number, 0 or more."))
    context = {"view": selectors.read_host_view(request.user)}
    return render(request, "participation/host.html", context, status=400 if form.is_bound else 200)


@role_required(*services.HOST_KEEPERS)
def hosts(request: AuthedRequest) -> HttpResponse:
    """協力事業者のログイン: made and ended by the coordinators; a first password shown once."""
    form = HostAccountForm(request.POST or None, providers=selectors.host_providers(request.user))
    password = ""
    if request.method == "POST" and form.is_valid():
        try:
            _host, password = services.create_host_account(
                actor=request.user,
                provider_id=form.cleaned_data["provider"].pk,
                display_name=form.cleaned_data["display_name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            form = HostAccountForm(providers=selectors.host_providers(request.user))
    context = {
        "form": form,
        "password": password,
        "accounts": HostAccount.objects.select_related("provider", "user", "created_by"),
    }
    status = 400 if form.is_bound and not password else 200
    return render(request, "participation/hosts.html", context, status=status)


@require_POST
@role_required(*services.HOST_KEEPERS)
def host_end(request: AuthedRequest, host_id: int) -> HttpResponse:
    host = HostAccount.objects.filter(pk=host_id).select_related("user").first()
    if host is None:
        raise Http404
    services.end_host_account(actor=request.user, host=host)
    messages.success(request, _("The login is ended: it can no longer sign in."))
    return redirect("participation:hosts")
