"""The API root: django-ninja at /api/v1/, OpenAPI at /api/v1/openapi.json."""

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from tsunagu.accounts.api import AUTH
from tsunagu.accounts.api import router as accounts_router
from tsunagu.cases import record_api  # noqa: F401 - adds the case record's reads to cases_router
from tsunagu.cases.api import router as cases_router
from tsunagu.cases.sharing_api import router as sharing_router
from tsunagu.community.api import router as community_router
from tsunagu.insights.api import router as insights_router
from tsunagu.insights.policy_api import router as policy_router
from tsunagu.intake.api import router as intake_router
from tsunagu.meetings.api import router as meetings_router
from tsunagu.notifications.api import router as notifications_router
from tsunagu.outreach.api import router as outreach_router
from tsunagu.participation.api import router as participation_router
from tsunagu.people.api import router as people_router
from tsunagu.referrals.api import router as referrals_router
from tsunagu.search.api import router as search_router
from tsunagu.sharing.access import NoLawfulPath


class JapaneseJSONEncoder(NinjaJSONEncoder):
    """Times in Japan's own offset (2026-12-02T13:05:00+09:00), as the pages show them."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


class JapaneseJSONRenderer(JSONRenderer):
    """UTF-8 JSON: 相談 stays 相談, not \\u76f8\\u8ac7."""

    encoder_class = JapaneseJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


class SignedInSwagger(Swagger):
    """The API's docs page: Swagger UI from the installation's own static files (ninja is an
    installed app), for signed-in users only; its stylesheet sets inline styles, which the page
    alone allows."""

    STYLES: ClassVar[dict[str, Any]] = {
        **settings.SECURE_CSP,
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = super().render_page(request, api, **kwargs)
        response._csp_config = self.STYLES  # type: ignore[attr-defined]
        return response


class TsunaguAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """An operation's id is its function's name in camelCase (createConsultation), so
        that a generated client reads naturally."""
        first, *rest = str(operation.view_func.__name__).split("_")
        return first + "".join(word.capitalize() for word in rest)


api = TsunaguAPI(
    renderer=JapaneseJSONRenderer(),
    title="Tsunagu API",
    version="1",
    description="つなぐ: 包括的な支援体制のための API. Authenticate with a personal token "
    "(`Authorization: Bearer …`, from `tsunagu issue_token EMAIL`) or a browser session.",
    auth=AUTH,
    urls_namespace="api",
    docs=SignedInSwagger(),
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
    """The request does not fit the schema: per field (its path, e.g. "actions.0.due_on"),
    what is wrong, in the one error shape of every refusal (detail, errors)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "received_at") → received_at; ("query", "limit") → limit
        location = where[2:] if where[:1] == ["body"] else where[1:]
        location = location or ["__all__"]
        errors.setdefault(".".join(location), []).append(str(error.get("msg", "")))
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Missing and not yours to see answer alike (an existence oracle otherwise)."""
    return api.create_response(
        request,
        {"detail": _("Not found, or there is no lawful path for you to see it.")},
        status=404,
    )


@api.exception_handler(DjangoValidationError)
def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service refused the input: say what to fix, field by field; nothing was saved."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request,
        {"detail": _("Nothing was saved. Fix the fields below."), "errors": errors},
        status=422,
    )


@api.exception_handler(NoLawfulPath)
def no_lawful_path(request: HttpRequest, exc: NoLawfulPath) -> HttpResponse:
    """Refused for want of a lawful path: 409, with what is missing (nothing was saved)."""
    return api.create_response(
        request, {"detail": " ".join(exc.messages), "missing": "lawful_path"}, status=409
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or _("Your role can read this but not change it.")}, status=403
    )


api.add_router("/", accounts_router)
api.add_router("/", people_router)
api.add_router("/", intake_router)
api.add_router("/", cases_router)
api.add_router("/", search_router)
api.add_router("/", sharing_router)
api.add_router("/", referrals_router)
api.add_router("/", meetings_router)
api.add_router("/", insights_router)
api.add_router("/", policy_router)
api.add_router("/", outreach_router)
api.add_router("/", participation_router)
api.add_router("/", community_router)
api.add_router("/", notifications_router)
