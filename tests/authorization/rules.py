"""The vocabulary of the authorization table: what one persona should get from one request.

The rules behind the expectations (issue 10):
- Anonymous: the sign-in page (HTML), 401 (API). The administration site sends everyone it does
  not open to its own sign-in.
- What an agency may know of a case without content access is that it exists, its number, the
  lead and whom to call. Risk flags and issues are 生活歴・課題 content, the name 属性・家族関係
  content; they follow the categories like any note.
- Whoever may not know an object gets exactly what an object that does not exist gets: 404, the
  same body (the matrix requests a missing id beside each forbidden one and compares).
- Who may see an object but not change it gets 403 on a write (a read-only role, another agency
  on the team); nothing changes. A page that a role has no use for at all answers 404.
- Audit: one row per request that reads personal data (the view, the list, the search, the
  print or the export: one row, whatever helpers ran), plus the row a disclosure writes for
  itself. Files (prints, exports) are always audited; screens only when they show personal
  data. A write that is allowed writes its service's rows (and the view of what it looked up);
  one that is refused writes nothing, and neither does a 404.
- Disclosure (情報提供記録): a read through a path other than the lead's that showed
  categorized content writes ONE row naming the categories actually shown (not one per grant
  that opened them, not every category the path would open), and that row writes one audit row
  of its own. A page that showed no categorized content writes none.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from tests.authorization.world import CAST, PERSONAS


@dataclass(frozen=True)
class Expect:
    """One cell: the status, the audit and disclosure rows the request adds, the table rows it
    changes, and the marker kinds it must show or must not show beyond the persona's rule."""

    status: int
    audit: int | None = 0  # None: not counted (a service whose rows the issue leaves open)
    disclosed: int = 0  # the categories of the one disclosure written (0: none written)
    changes: int | None = 0  # rows the request adds or changes in the row's table
    shows: frozenset[str] = frozenset()
    hides: frozenset[str] = frozenset()  # not shown here, though the persona may see it
    allows: frozenset[str] = frozenset()  # shown here, though the persona's rule forbids it
    location: str = ""  # where a redirect leads (a prefix)
    uniform: bool = False  # compare with a missing id even though it is no 404 (a form's 400)

    @property
    def disclosures(self) -> int:
        return 1 if self.disclosed else 0


LOGIN = Expect(302, location="/accounts/login/")
UNAUTHORIZED = Expect(401)
NOT_FOUND = Expect(404)
REFUSED = Expect(403)  # may see it, may not change it
NOT_ALLOWED = Expect(405)
ADMIN_LOGIN = Expect(302, location="/admin/login/")


def read(
    *shows: str,
    audit: int | None = None,
    via: int = 0,
    status: int = 200,
    hides: tuple[str, ...] = (),
    allows: tuple[str, ...] = (),
) -> Expect:
    """A read of personal data: one audit row; through another agency's path (`via` the
    categories shown), one disclosure and its audit row besides."""
    return Expect(
        status,
        audit=(2 if via else 1) if audit is None else audit,
        disclosed=via,
        shows=frozenset(shows),
        hides=frozenset(hides),
        allows=frozenset(allows),
    )


def quiet(*shows: str, status: int = 200, hides: tuple[str, ...] = ()) -> Expect:
    """A page that shows no personal data: nothing audited, nothing disclosed."""
    return Expect(status, shows=frozenset(shows), hides=frozenset(hides))


def wrote(status: int = 302, audit: int = 1, changes: int | None = 1, location: str = "") -> Expect:
    """A write that was allowed: its service's audit rows, its table's rows."""
    return Expect(status, audit=audit, changes=changes, location=location)


#: Groups of personas, for cells that several share (an individual persona's cell wins).
GROUPS: dict[str, tuple[str, ...]] = {
    "signed_in": tuple(CAST),
    # Hold a case role (相談支援員, コーディネーター …): take consultations, convene, report.
    "case_workers": ("writer", "partner", "team", "pledged", "unpledged", "outsider"),
    "managers": ("lead_manager", "manager"),
    # The lead agency: its case worker and its manager read alike (only the worker writes).
    "lead": ("writer", "lead_manager"),
    # May know that the main case exists (its lead, its team, a path in force) but not write.
    "knowers": ("lead_manager", "partner", "team", "pledged"),
    # Neither: the case is to them what a missing one is.
    "strangers": ("unpledged", "outsider", "manager", "auditor", "admin", "reporter"),
}


def cells(default: Expect, *, anonymous: Expect = LOGIN, **given: Expect) -> dict[str, Expect]:
    """Every persona's cell: `default`, then the groups named, then the personas named."""
    table = {persona: default for persona in PERSONAS}
    table["anonymous"] = anonymous
    for name, expect in given.items():
        if name in GROUPS:
            for persona in GROUPS[name]:
                table[persona] = expect
    for name, expect in given.items():
        if name not in GROUPS:
            assert name in table, f"unknown persona {name}"  # noqa: S101
            table[name] = expect
    return table


def api(default: Expect = NOT_FOUND, **given: Expect) -> dict[str, Expect]:
    """The same for an API operation: anonymous gets 401."""
    return cells(default, anonymous=UNAUTHORIZED, **given)


def case_write(done: Expect, *, api_: bool = False, **given: Expect) -> dict[str, Expect]:
    """A write in the main case: its writer may; whoever knows the case gets 403, everyone
    else 404."""
    build = api if api_ else cells
    return build(NOT_FOUND, knowers=REFUSED, writer=done, **given)


@dataclass(frozen=True)
class Row:
    """One request of the surface: the route it exercises (a URL pattern of the resolver, or
    "METHOD /path" of the OpenAPI document), how to build it from the world's ids, and every
    persona's cell."""

    route: str
    path: str
    expect: Mapping[str, Expect]
    method: str = "GET"
    data: Callable[[SimpleNamespace], dict[str, Any]] | None = None
    counts: Callable[[SimpleNamespace], int] | None = None  # the table a write changes
    keys: tuple[str, ...] | None = None  # ids swapped for a missing one (default: the path's)
    label: str = ""
    neutral: frozenset[str] = field(default_factory=frozenset)  # not content on this route

    def __post_init__(self) -> None:
        missing = set(PERSONAS) - set(self.expect)
        assert not missing, f"{self.key}: no cell for {sorted(missing)}"  # noqa: S101

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}" + (f" [{self.label}]" if self.label else "")

    @property
    def is_api(self) -> bool:
        return self.route.split(" ", 1)[-1].startswith("/api/")

    def id_keys(self) -> tuple[str, ...]:
        if self.keys is not None:
            return self.keys
        import string

        return tuple(
            name for _text, name, _spec, _conv in string.Formatter().parse(self.path) if name
        )
