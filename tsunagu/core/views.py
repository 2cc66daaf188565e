"""Pages that belong to no domain: the home page frame, health, and error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tsunagu.core import panels

logger = logging.getLogger(__name__)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """ホーム: what needs this user today, one panel per concern of their roles."""
    roles = request.user.role_codes()  # type: ignore[union-attr]
    context = {"panels": panels.panels_for(request, roles), "today": timezone.localdate()}
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database is down. Rendered without context processors, since the
    database may be what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = loader.get_template("503.html").render()
        return HttpResponse(body, status=503, headers={"Retry-After": "60"})
    return HttpResponse(loader.get_template("500.html").render(), status=500)
