"""API of the accounts app, and the authentication every endpoint shares."""

from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import APIKeyCookie, HttpBearer

from tsunagu.accounts import selectors, services
from tsunagu.accounts.choices import DateStyle, OrganizationKind, Role
from tsunagu.core.api import Code
from tsunagu.core.http import is_verified


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer tsu_…`: a personal token, stored hashed. Refused (401, as an
    unknown one) when revoked or expired, or when its user is inactive or no longer has the
    second factor their role requires."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user, row, refusal = selectors.user_for_api_token(token)
        if user is None:
            services.note_api_auth_failure(raw=token, token=row, reason=refusal)
            return None
        if row is not None and row.read_only and request.method not in ("GET", "HEAD", "OPTIONS"):
            raise PermissionDenied(
                _("This token is read-only: it reads (GET) and changes nothing.")
            )
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session (CSRF-checked), once the second factor has been passed."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if settings.REQUIRE_TWO_FACTOR and user.requires_two_factor and not is_verified(user):
            return None
        return user


AUTH = [ApiTokenAuth(), SessionAuth()]
router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organization_id: int
    organization: str
    role: Annotated[str, Code(Role)]
    title: str


class OrganizationOut(Schema):
    id: int
    name: str
    kind: Annotated[str, Code(OrganizationKind)]


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    date_style: Annotated[str, Code(DateStyle)]
    organization: OrganizationOut | None
    roles: list[str]
    memberships: list[MembershipOut]
    two_factor_required: bool


@router.get("/me", response=MeOut, summary="The signed-in user, organization and roles")
def me(request: HttpRequest) -> dict[str, Any]:
    return selectors.describe_user(request.auth)  # type: ignore[attr-defined]
