"""Request-wide plumbing that every app relies on."""

import contextlib
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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


#: Characters no field or query of Tsunagu takes: the C0 controls but tab, newline and carriage
#: return, DEL, and lone surrogates. PostgreSQL refuses NUL in text outright; the others come in
#: with text pasted from elsewhere and would be stored invisibly.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class BadInputMiddleware:
    """A query, a form or a JSON body with a control character (NUL …) is answered 400 with a
    message that says what to fix, before any view sees it: never a 500, never the 503 that
    says the database is down."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_control_characters(request):
            message = _(
                "The input holds a control character (such as NUL) that cannot be saved or "
                "searched: it often comes with text copied from elsewhere. Remove it (retype "
                "the text) and try again."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_control_characters(request: HttpRequest) -> bool:
        texts: list[str] = [request.path]
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                texts.append(key)
                texts.extend(v for v in values if isinstance(v, str))
        if request.content_type == "application/json" and request.body:
            with contextlib.suppress(ValueError):  # not JSON: the API answers that itself
                texts.extend(_strings(json.loads(request.body)))
        return any(_CONTROL.search(text) for text in texts)
