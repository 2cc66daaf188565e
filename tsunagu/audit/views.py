"""監査 (the auditor's pages): search the log, export it, check the chain."""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import role_required
from tsunagu.accounts.choices import Role
from tsunagu.audit import selectors
from tsunagu.audit.forms import AuditFilterForm
from tsunagu.audit.tasks import verify_audit_chain
from tsunagu.core.http import HtmxHttpRequest

PAGE_SIZE = 50


@role_required(Role.AUDITOR)
def event_list(request: HtmxHttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid() or not form.is_bound:
        filters = form.cleaned_data if form.is_bound else {}
        events = selectors.audit_events_for_auditor(actor=request.user, filters=filters)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "verification": selectors.latest_verification(),
    }
    template = "audit/includes/event_table.html" if request.htmx else "audit/event_list.html"
    return render(request, template, context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@role_required(Role.AUDITOR)
def event_export(request: HttpRequest) -> HttpResponseBase:
    """The log as CSV: objects by kind and number, the detail without its content (titles,
    reasons, typed text), as on the page."""
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Fix the filters before exporting."))
        return redirect("audit:event-list")
    filters = form.cleaned_data if form.is_bound else {}
    events = selectors.audit_events_for_auditor(
        actor=request.user, filters=filters, purpose="export"
    )
    writer = csv.writer(_Echo())
    header = [
        _("ID"),
        _("Time"),
        _("Actor"),
        _("Organization"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Legal basis"),
        _("Request id"),
        _("IP address"),
        _("Detail"),
        _("Hash"),
    ]

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel in Japan opens UTF-8 correctly
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    event.pk,
                    timezone.localtime(event.occurred_at).isoformat(),
                    event.actor_label,
                    event.organization_label,
                    event.action,
                    event.object_type,
                    event.object_id,
                    event.legal_basis,
                    event.request_id,
                    event.ip_address,
                    event.shown_detail_text,
                    event.hash or "",
                ]
            )

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return StreamingHttpResponse(
        rows(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'},
    )


@require_POST
@role_required(Role.AUDITOR)
def verify(request: HttpRequest) -> HttpResponse:
    verify_audit_chain.enqueue(requested_by_id=request.user.pk)
    messages.success(
        request, _("The check of the audit chain has started. Its result appears on this page.")
    )
    return redirect("audit:event-list")
