"""Two-factor enforcement for every page, once, rather than on each view."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tsunagu.core.http import is_verified

# The pages of signing in itself; the other /accounts/ pages (a manager confirming roles)
# need the second factor like any other.
EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/verify/",
    "/accounts/two-factor/",
    "/static/",
    "/healthz",
    "/public/",  # the town's public pages: no account, and no session read (cached for all)
    "/i18n/",
    "/api/",
)


class TwoFactorMiddleware:
    """A signed-in user whose roles read case data must have passed a second factor
    (TOTP) in this session; until then every page leads to enrolment or the code prompt.
    The API checks the same in its own authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_TWO_FACTOR and request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)  # (before request.user: no session is read)
        user = request.user
        if (
            settings.REQUIRE_TWO_FACTOR
            and user.is_authenticated
            and user.requires_two_factor
            and not is_verified(user)
        ):
            return redirect(reverse("accounts:two-factor-setup"))
        return self.get_response(request)
