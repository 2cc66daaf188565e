"""Pages that belong to no domain: the home page frame, the correction page every kind of
record shares, health, and error pages."""

import logging
import sys
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tsunagu.core import panels
from tsunagu.core.forms import show_errors
from tsunagu.core.health import health

logger = logging.getLogger(__name__)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """ホーム: what needs this user today, one panel per concern of their roles."""
    roles = request.user.role_codes()  # type: ignore[union-attr]
    context = {"panels": panels.panels_for(request, roles), "today": timezone.localdate()}
    return render(request, "core/home.html", context)


def correction_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    page: Callable[[], Mapping[str, Any]],
    done: str,
) -> HttpResponse:
    """記録の訂正, as every kind of record has it: a valid form is saved by `save` (the
    domain's correction service) and the user goes back to `done`; otherwise the form is shown
    with `page()` (heading, intro, back_url, back_label, corrections): called only to show the
    record, so that the read it audits happens only then."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The correction is saved; the earlier version is kept."))
            return redirect(done)
    context = {"form": form, **page()}
    return render(request, "core/correct.html", context, status=400 if form.is_bound else 200)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: the database, the worker's queue lag and the free
    disk (core/health.py); 503 only when the database does not answer."""
    found = health()
    return JsonResponse(found.as_json(), status=503 if found.status == "unavailable" else 200)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database is down. Rendered without context processors, since the
    database may be what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = loader.get_template("503.html").render()
        return HttpResponse(body, status=503, headers={"Retry-After": "60"})
    return HttpResponse(loader.get_template("500.html").render(), status=500)
