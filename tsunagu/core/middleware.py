"""Request-wide plumbing that every app relies on."""

import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tsunagu.core.context import RequestMeta, reset_request_meta, set_request_meta

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind a reverse proxy, the proxy sets REMOTE_ADDR correctly
    (e.g. nginx's real_ip module); X-Forwarded-For is not trusted here on purpose."""
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    """Gives each request an id (or keeps a well-formed X-Request-ID from the proxy), returns it
    in the response, and makes it available to audit rows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_meta(RequestMeta(request_id=request_id, ip_address=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            reset_request_meta(token)
        response["X-Request-ID"] = request_id
        return response


class IdleSessionMiddleware:
    """Keeps a signed-in session alive while it is used, and lets it end after
    SESSION_COOKIE_AGE seconds without activity.

    Saving the session on every request would cost a database write (and a commit) per page;
    renewing it at most once a minute ends an idle session at most a minute early.
    """

    RENEW_AFTER_SECONDS = 60
    KEY = "_tsunagu_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.RENEW_AFTER_SECONDS:
                session[self.KEY] = now  # modified: saved with a fresh expiry
        return self.get_response(request)
