"""The API root: django-ninja at /api/v1/, OpenAPI at /api/v1/openapi.json."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from tsunagu.accounts.api import AUTH
from tsunagu.accounts.api import router as accounts_router

api = NinjaAPI(
    title="Tsunagu API",
    version="1",
    description="つなぐ: 包括的な支援体制のための API. Authenticate with a personal token "
    "(`Authorization: Bearer …`, from `tsunagu issue_token EMAIL`) or a browser session.",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": _(
                "Not signed in, or the API token is unknown, revoked or expired. "
                "Issue a new token with `tsunagu issue_token EMAIL`."
            )
        },
        status=401,
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: Any = exc.errors
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": errors}, status=422
    )


api.add_router("/", accounts_router)
