"""The one reusable access check (STYLE.md): anonymous → sign-in page, outsider → 404,
allowed → the page, and the audit row the allowed read leaves."""

import re
from collections.abc import Callable, Iterable

from django.test import Client

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditEvent


def assert_access(
    client_for: Callable[..., Client],
    url: str,
    *,
    allowed: Iterable[User],
    outsiders: Iterable[User],
    audit_action: str | None = None,
    contains: str = "",
) -> None:
    response = Client().get(url)
    assert response.status_code == 302, f"anonymous got {response.status_code} for {url}"
    assert response["Location"].startswith("/accounts/login/"), response["Location"]

    for user in outsiders:
        response = client_for(user).get(url)
        assert response.status_code == 404, f"{user.email} got {response.status_code} for {url}"

    for user in allowed:
        before = AuditEvent.objects.filter(actor=user).count()
        response = client_for(user).get(url)
        assert response.status_code == 200, f"{user.email} got {response.status_code} for {url}"
        if contains:
            assert contains in response.content.decode(), f"{contains!r} not on {url}"
        if audit_action:
            rows = AuditEvent.objects.filter(actor=user, action=audit_action)
            assert rows.count() > 0 and AuditEvent.objects.filter(actor=user).count() > before, (
                f"no {audit_action} audit row for {user.email} on {url}"
            )


def masked(page: str, number: int | None = None) -> str:
    """A page without what differs from one response to the next (the CSP nonce, the CSRF
    token) and, when given, without the id in the path: two 404s, or a refused id beside a
    missing one, must then read the same."""
    page = re.sub(r'nonce="[^"]+"|"X-CSRFToken": "[^"]+"|value="[A-Za-z0-9]{32,}"', "", page)
    if number is not None:
        page = page.replace(f"#{number}", "#N").replace(f"/{number}/", "/N/")
    return page
