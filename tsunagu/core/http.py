"""Types for requests as our middleware leaves them."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware: `request.htmx` is truthy for htmx calls."""

    htmx: HtmxDetails


def is_verified(user: object) -> bool:
    """Whether this session passed a second factor (django-otp adds `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False
