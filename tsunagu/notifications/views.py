"""お知らせ: the user's own notifications, newest first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tsunagu.accounts.access import AuthedRequest
from tsunagu.notifications import selectors, services


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page, "query": ""})


@require_POST
@login_required
def notification_open(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one read and follow its link (the page there checks access again)."""
    note = selectors.notifications_of(request.user).filter(pk=pk).first()
    if note is None:
        return redirect("notifications:notification-list")
    services.mark_read(user=request.user, ids=[note.pk])
    return redirect(note.url or "notifications:notification-list")


@require_POST
@login_required
def notification_read_all(request: AuthedRequest) -> HttpResponse:
    services.mark_read(user=request.user)
    return redirect("notifications:notification-list")
