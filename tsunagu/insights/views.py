"""あとちょっと: recorded from a case (its plan, evaluation or a meeting decision); the manager's
list counts them without personal data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.accounts.access import AuthedRequest, require_casework, role_required
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.cases.selectors import find_case
from tsunagu.community.selectors import find_idea
from tsunagu.core.calendar import fiscal_year_start
from tsunagu.core.forms import show_errors
from tsunagu.insights import selectors, services
from tsunagu.insights.forms import BarrierFilterForm, BarrierForm
from tsunagu.insights.models import Source


@role_required(*CASE_ROLES, Role.MANAGER)
def barrier_new(request: AuthedRequest, pk: int) -> HttpResponse:
    case = find_case(request.user, pk)
    if not services.may_record_barrier(request.user, case):
        raise PermissionDenied  # may know the case (a manager, a meeting's attendee)
    source = request.GET.get("source") or request.POST.get("source") or Source.CASE
    source_id = request.GET.get("source_id") or request.POST.get("source_id")
    form = BarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_barrier(
                actor=request.user,
                case=case,
                source=source,
                source_id=int(source_id)
                if source_id and source_id.isascii() and source_id.isdigit()
                else None,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Only the organizations on the case record its barriers."))
        else:
            messages.success(
                request, _("The barrier is recorded. Thank you: this is how policy learns.")
            )
            return redirect("cases:case-support", case.pk)
    context = {"case": case, "form": form, "source": source, "source_id": source_id or ""}
    return render(
        request, "insights/barrier_form.html", context, status=400 if form.is_bound else 200
    )


@role_required(*CASE_ROLES, Role.MANAGER)
def barrier_from_idea(request: AuthedRequest, idea_id: int) -> HttpResponse:
    """An idea of a gathering, taken to policy as a barrier (no case)."""
    idea = find_idea(request.user, idea_id)
    if request.method == "POST":
        require_casework(request.user)
    form = BarrierForm(request.POST or None, initial={"would_help": idea.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_from_idea(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The barrier is recorded. Thank you: this is how policy learns.")
            )
            return redirect("community:gathering-detail", idea.gathering_id)
    context = {"idea": idea, "form": form}
    return render(
        request, "insights/barrier_from_idea.html", context, status=400 if form.is_bound else 200
    )


@role_required(Role.MANAGER, Role.COORDINATOR)
def barrier_list(request: AuthedRequest) -> HttpResponse:
    """あとちょっと・制度の狭間: counts by what blocked, the programmes most named, the texts."""
    form = BarrierFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    since = fiscal_year_start() if request.GET.get("period") != "all" else None
    texts = selectors.barrier_texts(
        blocked_by=filters.get("blocked_by", ""),
        gaps_only=filters.get("gaps_only", False),
        since=since,
    )
    page = Paginator(texts, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "counts": selectors.barrier_counts(since),
        "programs": selectors.programs_most_named(since),
        "page": page,
        "since": since,
        "query": query.urlencode(),
    }
    return render(request, "insights/barrier_list.html", context)
