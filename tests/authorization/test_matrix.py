"""The authorization matrix (issue 10, item 5): every route of the resolver and every operation
of the OpenAPI document, against every persona, in one world (world.py). For each request: the
status, that no marker the persona may not see is in what they got, the audit and disclosure
rows it added (exactly), the rows a write changed; and where the persona may not know an id, that
the answer is the one a missing id gets."""

import json
import re
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.authorization import markers as M
from tests.authorization.rules import Expect, Row
from tests.authorization.table import NOT_OURS, ROWS
from tests.authorization.world import PERSONAS, World
from tests.fixtures import sign_in
from tsunagu.audit.models import AuditEvent
from tsunagu.sharing.choices import category_labels
from tsunagu.sharing.models import Disclosure

# -- The table covers the surface ------------------------------------------------------------------


def _routes(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    """(the full pattern, the namespace) of every URL pattern, the included ones too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace


def _operation_path(pattern: str) -> str:
    """api/v1/cases/<case_id> → /api/v1/cases/{case_id}, as the OpenAPI document writes it."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern)


API_PAGES = {"api/v1/openapi.json", "api/v1/docs", "api/v1/"}


def test_every_route_has_a_row() -> None:
    rows = {row.route for row in ROWS}
    operations = {row.route.split(" ", 1)[1] for row in ROWS if " " in row.route}
    missing = []
    for pattern, namespace in _routes(get_resolver().url_patterns):
        if pattern in NOT_OURS:
            continue
        if namespace == "api" and pattern not in API_PAGES:
            if _operation_path(pattern) not in operations:
                missing.append(f"the API operation at {_operation_path(pattern)}")
        elif pattern not in rows:
            missing.append(f"the route {pattern!r}")
    assert not missing, "\n".join(
        f"add a row to tests/authorization/table.py for {what}" for what in missing
    )


def test_every_api_operation_has_a_row() -> None:
    from tsunagu.config.api import api

    rows = {row.route for row in ROWS}
    schema = api.get_openapi_schema()
    missing = [
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
        if f"{method.upper()} {path}" not in rows
    ]
    assert not missing, "\n".join(
        f"add a row to tests/authorization/table.py for {operation}" for operation in missing
    )


def test_every_row_is_a_route_of_today() -> None:
    """A row for a route that is gone is a row nobody reads: remove it."""
    from tsunagu.config.api import api

    patterns = {pattern for pattern, _ns in _routes(get_resolver().url_patterns)}
    schema = api.get_openapi_schema()
    operations = {f"{m.upper()} {p}" for p, methods in schema["paths"].items() for m in methods}
    stale = sorted({row.route for row in ROWS} - patterns - operations)
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_each_request_has_one_row() -> None:
    keys = [row.key for row in ROWS]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


# -- One request, one persona ------------------------------------------------------------------------


def _client(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        sign_in(client, world.users[persona])
    return client


def _send(client: Client, row: Row, ids: SimpleNamespace) -> tuple[str, HttpResponseBase]:
    path = row.path.format(**vars(ids))
    data = row.data(ids) if row.data else {}
    if row.method == "GET":
        return path, client.get(path)
    if row.is_api:
        body = json.dumps(data)
        return path, client.generic(row.method, path, body, content_type="application/json")
    return path, client.post(path, data)


def _full_text(response: HttpResponseBase) -> str:
    """The page's source (HTML), or what a person reads in a file."""
    if "html" in response.get("Content-Type", ""):
        return M.raw_text(response)
    return M.readable_text(response)


def _categories(mask: int) -> str:
    return "・".join(category_labels(mask)) or "none"


def _check(row: Row, persona: str, expect: Expect, world: World) -> list[str]:
    """Send the request and say everything that is not as the table says."""
    ids = world.ids
    client = _client(world, persona)
    audit_before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    disclosure_before = Disclosure.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    changes_before = row.counts(ids) if row.counts else 0
    path, response = _send(client, row, ids)
    problems = []
    if response.status_code != expect.status:
        problems.append(f"status {response.status_code}, expected {expect.status}")
    redirected = response.status_code in (301, 302)
    if expect.location and redirected and not response["Location"].startswith(expect.location):
        problems.append(f"redirects to {response['Location']}, expected {expect.location}…")
    text = M.readable_text(response)
    seen = M.shown(text, M.MARKERS) | M.shown(_full_text(response), {"case_link": M.case_link(ids)})
    allowed = M.ALLOWED[persona] | expect.allows | row.neutral
    forbidden = (seen & set(M.MARKERS)) - allowed
    if forbidden:
        problems.append(f"shows {', '.join(sorted(forbidden))}")
    if hidden := seen & expect.hides:
        problems.append(f"shows {', '.join(sorted(hidden))} (must not, here)")
    if absent := expect.shows - seen:
        problems.append(f"does not show {', '.join(sorted(absent))}")
    # A page the table calls quiet shows no personal data at all, even to whom may see it all:
    # what it shows would be a read without its audit row.
    unrecorded = (seen & set(M.MARKERS)) - expect.shows - forbidden - row.neutral
    if expect.audit == 0 and response.status_code == 200 and unrecorded:
        problems.append(f"shows {', '.join(sorted(unrecorded))} and writes no audit row")
    audit = AuditEvent.objects.filter(pk__gt=audit_before)
    if expect.audit is not None and audit.count() != expect.audit:
        actions = ", ".join(audit.order_by("pk").values_list("action", flat=True))
        problems.append(f"audit +{audit.count()} ({actions}), expected {expect.audit}")
    disclosures = list(Disclosure.objects.filter(pk__gt=disclosure_before).order_by("pk"))
    if len(disclosures) != expect.disclosures:
        problems.append(
            f"disclosures +{len(disclosures)} "
            f"({'; '.join(_categories(d.categories) for d in disclosures)}), "
            f"expected {expect.disclosures}"
            + (f" ({_categories(expect.disclosed)})" if expect.disclosed else "")
        )
    elif disclosures and disclosures[0].categories != expect.disclosed:
        problems.append(
            f"the disclosure names {_categories(disclosures[0].categories)}, "
            f"expected {_categories(expect.disclosed)} (what was shown)"
        )
    if row.counts and expect.changes is not None:
        changed = row.counts(ids) - changes_before
        if changed != expect.changes:
            problems.append(f"changed {changed} row(s), expected {expect.changes}")
    if (expect.status == 404 or expect.uniform) and row.id_keys():
        problems += _uniform(row, persona, world, path, response)
    return problems


_PER_RESPONSE = re.compile(r'nonce="[^"]*"|\b[A-Za-z0-9]{64}\b')


def _shape(text: str, path: str) -> str:
    """A body as it would read for any id: the request's path (in any spelling) taken out, and
    what differs in every response (the CSP nonce, the CSRF token)."""
    from urllib.parse import quote

    for spelling in (path, quote(path, safe="/?=&"), path.split("?")[0]):
        text = text.replace(spelling, "<path>")
    return _PER_RESPONSE.sub("<token>", text)


def _uniform(
    row: Row, persona: str, world: World, path: str, forbidden: HttpResponseBase
) -> list[str]:
    """Uniform 404: the same request for an id that exists nowhere answers alike."""
    ids = world.missing(row.id_keys())
    audit_before = AuditEvent.objects.count()
    disclosures_before = Disclosure.objects.count()
    missing_path, response = _send(_client(world, persona), row, ids)
    problems = []
    if response.status_code != forbidden.status_code:
        problems.append(
            f"not uniform: {response.status_code} for a missing id, "
            f"{forbidden.status_code} for this one"
        )
    elif _shape(_full_text(response), missing_path) != _shape(_full_text(forbidden), path):
        problems.append("not uniform: the body differs from a missing id's")
    if (
        AuditEvent.objects.count() != audit_before
        or Disclosure.objects.count() != disclosures_before
    ):
        problems.append("a missing id wrote audit or disclosure rows")
    return problems


CELLS = [(row, persona) for row in ROWS for persona in PERSONAS]


@pytest.mark.parametrize(
    ("row", "persona"), CELLS, ids=[f"{row.key}|{persona}" for row, persona in CELLS]
)
def test_cell(world: World, db: None, row: Row, persona: str) -> None:
    problems = _check(row, persona, row.expect[persona], world)
    assert not problems, f"{row.key} as {persona}: " + "; ".join(problems)


def test_a_role_the_administrator_gives_himself_opens_nothing(world: World, db: None) -> None:
    """Issue 10, item 7: nobody grants themselves case access. The administrator adds a
    consultant's role at the lead agency to his own account on the administration site."""
    from tests.authorization.table import _roles
    from tsunagu.accounts.models import Membership

    ids = world.ids
    data = _roles("admin_user", "admin_membership", "info_org", "admin")(ids)
    response = _client(world, "admin").post(f"/admin/accounts/user/{ids.admin_user}/change/", data)
    # Saved for confirmation, or refused with a reason: either way, not silently ignored.
    assert response.status_code == 302 or "errornote" in response.content.decode()
    assert not Membership.objects.filter(
        user=world.users["admin"], role="consultant", is_active=True
    ).exists()
    assert _client(world, "admin").get(f"/cases/{ids.case}/").status_code == 404
