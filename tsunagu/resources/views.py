"""社会資源: the directory's pages for the agencies' staff (the public's are under /public/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.accounts.access import READERS, AuthedRequest, require_casework, role_required
from tsunagu.resources import selectors, services
from tsunagu.resources.forms import ConfirmForm, DirectorySearchForm

PAGE_SIZE = 30


@role_required(*READERS)
def resource_list(request: AuthedRequest) -> HttpResponse:
    """社会資源を探す."""
    form = DirectorySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    reader = selectors.reader_of(request.user)
    found = selectors.find_resources(reader, filters)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "listings": selectors.listings(reader, page),
        "query": query.urlencode(),
    }
    return render(request, "resources/resource_list.html", context)


@role_required(*READERS)
def resource_stale(request: AuthedRequest) -> HttpResponse:
    """確認が必要な社会資源: entries nobody confirmed for six months, the stalest first."""
    reader = selectors.reader_of(request.user)
    page = Paginator(selectors.unconfirmed(reader), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "listings": selectors.listings(reader, page), "query": ""}
    return render(request, "resources/resource_stale.html", context)


@role_required(*READERS)
def resource_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing(selectors.reader_of(request.user), pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        require_casework(request.user)
        if form.is_valid():
            services.confirm_entry(
                actor=request.user, resource=listing.resource, **form.cleaned_data
            )
            messages.success(request, _("Thank you: the entry is confirmed as of today."))
            return redirect("resources:resource-detail", pk)
    context = {
        "listing": listing,
        "resource": listing.resource,
        "form": form,
        "may_confirm": request.user.works_cases,
    }
    return render(
        request, "resources/resource_detail.html", context, status=400 if form.is_bound else 200
    )
