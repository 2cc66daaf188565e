"""社会資源: the directory's pages for the agencies' staff (the public's are under /public/)."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import READERS, AuthedRequest, require_casework, role_required
from tsunagu.audit.services import record_event
from tsunagu.core.documents import xlsx_response
from tsunagu.core.forms import show_errors
from tsunagu.resources import opendata, selectors, services
from tsunagu.resources.forms import ConfirmForm, DirectorySearchForm, ImportForm
from tsunagu.resources.models import ImportRun

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
        "may_import": request.user.has_role(*services.DIRECTORY_KEEPERS),
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


@role_required(*services.DIRECTORY_KEEPERS)
def imports(request: AuthedRequest) -> HttpResponse:
    """オープンデータの取込: a file is imported in the background; each run keeps its report."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.request_import(
                actor=request.user,
                upload=form.cleaned_data["file"],
                dataset=form.cleaned_data["dataset"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The file is taken; its import runs in the background. The report appears here."),
            )
            return redirect("resources:import-detail", run.pk)
    context = {"form": form, "runs": ImportRun.objects.select_related("requested_by")[:30]}
    return render(request, "resources/imports.html", context, status=400 if form.is_bound else 200)


@role_required(*services.DIRECTORY_KEEPERS)
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    run = ImportRun.objects.filter(pk=pk).select_related("requested_by").first()
    if run is None:
        raise Http404
    return render(request, "resources/import_detail.html", {"run": run})


@role_required(*READERS)
def export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """公共施設一覧 (自治体標準 正式版) of the public directory: what anyone may see, as CSV or
    Excel."""
    rows = list(
        opendata.facility_rows(selectors.listings(selectors.PUBLIC), "", settings.MUNICIPALITY_NAME)
    )
    record_event(actor=request.user, action="export", object_type="resources.resource")
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "xlsx":
        return xlsx_response(
            _("Public facilities"), rows[0], iter(rows[1:]), f"public_facility_{stamp}.xlsx"
        )
    stream = io.StringIO()
    opendata.write_csv(rows, stream)
    return HttpResponse(
        stream.getvalue().encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="public_facility_{stamp}.csv"'},
    )
