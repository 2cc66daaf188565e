"""Access functions for accounts: who may open which page. Missing and forbidden are both 404,
so that a page's existence tells an outsider nothing."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import Membership, Organization, User
from tsunagu.core.http import HtmxHttpRequest

#: Who writes in cases (and everything around them), and who may also read them: a manager
#: reads what their agency works, but writes nothing (require_casework).
WRITERS = tuple(CASE_ROLES)
READERS = (*CASE_ROLES, Role.MANAGER)


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Signed-in users holding one of `roles` pass; anyone else signed in gets 404."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.has_role(*roles):  # type: ignore[union-attr]
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_casework(user: User, *, within: Iterable[int] | None = None) -> None:
    """403 for a write by someone who may see what it is about but works no cases (a manager):
    the STYLE rule "read-only → 403 on write", after the lookup has answered 404 to outsiders.
    `within`: the organizations the record belongs to or is known by; the user's case role must
    be in one of them (a manager here who is a consultant elsewhere writes nothing here)."""
    from django.core.exceptions import PermissionDenied

    working = {m.organization_id for m in user.casework_memberships}
    if not working or (within is not None and working.isdisjoint(within)):
        raise PermissionDenied


def acting_organization(user: User, among: Iterable[int] | None = None) -> Organization:
    """The agency a write of `user` belongs to: one where they work cases — among `among` (the
    agencies the record it is about belongs to or is known by) when given, so that a person,
    a consultation or a case of one agency never lands in another. 403 when there is none (a
    manager of the agency who is a consultant elsewhere writes nothing there)."""
    from django.core.exceptions import PermissionDenied

    memberships = user.casework_memberships
    if among is not None:
        wanted = set(among)
        memberships = [m for m in memberships if m.organization_id in wanted]
    if not memberships:
        raise PermissionDenied
    return memberships[0].organization


class AuthedRequest(HtmxHttpRequest):
    """A request that passed `role_required`: the user is signed in (and verified)."""

    user: User


def reading_organization_ids(user: User) -> list[int]:
    """Organizations through which this user may read personal records: those where they work
    cases or manage. An account administrator, an auditor or a reporter reads none."""
    return sorted({m.organization_id for m in user.active_memberships if m.role in READERS})


def may_decide_membership(user: User, membership: Membership) -> bool:
    """May confirm or refuse a role given in an agency (役割の確認): a manager of that agency
    who is neither the person the role is given to nor the one who gave it, so that nobody
    opens anything to themselves without a second person."""
    if user.pk in {membership.user_id, membership.granted_by_id}:
        return False
    return any(
        m.role == Role.MANAGER and m.organization_id == membership.organization_id
        for m in user.active_memberships
    )
