"""点から面へ: the town's network on a given day, as a graph (networkx) of its members and their
ties, the figures that say whether single ties are becoming a web across fields, and a picture
of it drawn on the server (SVG: readable without JavaScript, printed as it is shown).

Members and ties are read as plain values in two queries; the analysis runs in networkx. A
town of 2,000 organizations is well under a second (`make bench`)."""

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.community.choices import ActorKind, Field
from tsunagu.community.models import Actor, Tie
from tsunagu.core.calendar import add_months

#: Beyond this many members the picture shows the fields and the ties between them, not each
#: member (a picture of 2,000 dots says nothing; the table still lists everyone).
PICTURE_MEMBERS = 150
#: Up to this many members each is named on the picture (beyond, by its tooltip and the table).
LABELLED = 60
#: Colours of the fields (the Okabe–Ito palette and its darker companions, for colour-blind
#: readers); every field is also named on the picture, so colour never carries meaning alone.
COLOURS: dict[str, str] = {
    Field.WELFARE: "#0072B2",
    Field.MACHIZUKURI: "#D55E00",
    Field.SHOPS: "#CC79A7",
    Field.AGRICULTURE: "#009E73",
    Field.TRANSPORT: "#8C6D1F",
    Field.EDUCATION: "#56B4E9",
    Field.MEDICAL: "#E69F00",
    Field.GOVERNMENT: "#4D4D4D",
    Field.PEER: "#7B3294",
    Field.RESIDENTS: "#1B7837",
    Field.BUSINESS: "#B2182B",
    Field.ACADEMIA: "#2166AC",
    Field.CULTURE: "#A6611A",
    Field.OTHER: "#737373",
}


@dataclass(frozen=True)
class Filter:
    """Which part of the network: members of a district or a field (and the ties they have,
    with the members at the other end), as it stood on a day."""

    on: dt.date
    district_id: int | None = None
    field: str = ""

    def member_q(self) -> Q:
        return Q(joined_on__lte=self.on) & (Q(left_on__isnull=True) | Q(left_on__gt=self.on))

    def chosen(self, member: Mapping[str, Any]) -> bool:
        return (self.district_id is None or member["district_id"] == self.district_id) and (
            not self.field or member["field"] == self.field
        )


def check_day(on: dt.date) -> dt.date:
    """A day the network can be shown for: from 1950 to a year ahead (a typo like 9999-12-31
    is refused with what to write, not computed)."""
    if not dt.date(1950, 1, 1) <= on <= add_months(timezone.localdate(), 12):
        raise ValidationError({"on": _("Give a day from 1950 to a year from now.")})
    return on


def build_graph(where: Filter) -> nx.Graph:
    """The network on `where.on`: a node per member (with its name, kind, field, district and
    whether the filter chose it), an edge per tie (since, across fields or not). With a filter,
    the chosen members and everyone tied to them."""
    members = {
        m["pk"]: m
        for m in Actor.objects.filter(where.member_q()).values(
            "pk", "name", "kind", "field", "district_id", "role_title", "member_of_id"
        )
    }
    graph = nx.Graph()
    for pk, member in members.items():
        if where.chosen(member):
            graph.add_node(pk, chosen=True, **member)
    graph.graph["begun"] = []
    for pk, a, b, since, how, ended in Tie.objects.filter(since__lte=where.on).values_list(
        "pk", "a_id", "b_id", "since", "how", "ended_on"
    ):
        if a not in members or b not in members:
            continue
        if where.chosen(members[a]) or where.chosen(members[b]):
            across = members[a]["field"] != members[b]["field"]
            graph.graph["begun"].append({"since": since, "across": across})
        if ended is not None and ended <= where.on:
            continue
        if a not in graph and b not in graph:
            continue
        for end in (a, b):
            if end not in graph:
                graph.add_node(end, chosen=False, **members[end])
        graph.add_edge(
            a, b, pk=pk, since=since, how=how, across=members[a]["field"] != members[b]["field"]
        )
    return graph


@dataclass
class Figures:
    """点から面へ, as the 地域づくり 実施計画 reports it."""

    on: dt.date
    members: int = 0
    organizations: int = 0
    ties: int = 0
    ties_across: int = 0
    organizations_reaching_out: int = 0  # with at least one tie outside their field
    isolated: list[dict[str, Any]] = field(default_factory=list)
    groups: int = 0  # connected parts of the network
    largest_group: int = 0
    by_quarter: list[tuple[int, int, int, int]] = field(default_factory=list)  # FY, Q, new, across
    field_pairs: list[tuple[str, str, int]] = field(default_factory=list)
    by_field: list[tuple[str, int, int]] = field(default_factory=list)  # field, members, ties

    @property
    def share_across(self) -> int | None:
        return round(100 * self.ties_across / self.ties) if self.ties else None

    @property
    def share_reaching_out(self) -> int | None:
        if not self.organizations:
            return None
        return round(100 * self.organizations_reaching_out / self.organizations)

    @property
    def share_largest(self) -> int | None:
        return round(100 * self.largest_group / self.members) if self.members else None


def _quarter_start(day: dt.date) -> dt.date:
    """The first day of the fiscal quarter (四半期: 4–6月 is the first) that holds `day`."""
    month = (3 + 3 * (((day.month - 4) % 12) // 3)) % 12 + 1
    return dt.date(day.year if month <= day.month else day.year - 1, month, 1)


def _quarters(until: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` fiscal quarters up to `until`, oldest first: (first day, last day)."""
    start = _quarter_start(until)
    spans = []
    for back in range(count - 1, -1, -1):
        first = add_months(start, -3 * back)
        spans.append((first, add_months(first, 3) - dt.timedelta(days=1)))
    return spans


def fiscal_quarter(start: dt.date) -> tuple[int, int]:
    """(年度, 四半期) of a quarter's first day: 2026-10-01 is (2026, 3)."""
    return (start.year if start.month >= 4 else start.year - 1, (start.month - 4) % 12 // 3 + 1)


def network_figures(graph: nx.Graph, on: dt.date, quarters: int = 4) -> Figures:
    """点から面へ: ties across fields and their share, the organizations with a tie outside
    their field, the isolated ones, the connected parts, new ties by quarter, and which fields
    meet which — of the chosen members (and their ties)."""
    chosen = [n for n, d in graph.nodes(data=True) if d["chosen"]]
    figures = Figures(on=on, members=len(chosen))
    nodes = graph.nodes
    edges = [
        (a, b, d) for a, b, d in graph.edges(data=True) if nodes[a]["chosen"] or nodes[b]["chosen"]
    ]
    figures.ties = len(edges)
    figures.ties_across = sum(1 for *_ends, d in edges if d["across"])
    organizations = [n for n in chosen if nodes[n]["kind"] == ActorKind.ORGANIZATION]
    figures.organizations = len(organizations)
    figures.organizations_reaching_out = sum(
        1
        for n in organizations
        if any(nodes[m]["field"] != nodes[n]["field"] for m in graph.neighbors(n))
    )
    figures.isolated = sorted(
        (nodes[n] for n in chosen if graph.degree(n) == 0), key=lambda m: m["name"]
    )
    # The connected parts among the chosen (one member alone is a part of its own).
    parts = list(nx.connected_components(graph.subgraph(chosen)))
    figures.groups = len(parts)
    figures.largest_group = max((len(p) for p in parts), default=0)
    # New ties of each quarter: all begun then, also those that have ended since.
    begun = graph.graph.get("begun", [])
    for start, end in _quarters(on, quarters):
        new = [d for d in begun if start <= d["since"] <= end]
        figures.by_quarter.append(
            (*fiscal_quarter(start), len(new), sum(1 for d in new if d["across"]))
        )
    pairs: Counter[tuple[str, str]] = Counter()
    for a, b, d in edges:
        if d["across"]:
            fields = sorted((nodes[a]["field"], nodes[b]["field"]))
            pairs[(fields[0], fields[1])] += 1
    figures.field_pairs = [(f, g, n) for (f, g), n in pairs.most_common()]
    members_by_field = Counter(nodes[n]["field"] for n in chosen)
    ties_by_field: Counter[str] = Counter()
    for a, b, _d in edges:
        for end in {nodes[a]["field"], nodes[b]["field"]}:
            ties_by_field[end] += 1
    figures.by_field = [
        (f, members_by_field[f], ties_by_field[f]) for f in Field.values if members_by_field[f]
    ]
    return figures


def network_today(where: Filter | None = None) -> tuple[nx.Graph, Figures]:
    where = where or Filter(on=timezone.localdate())
    graph = build_graph(where)
    return graph, network_figures(graph, where.on)


# The picture --------------------------------------------------------------------------------

#: The picture's width and height: room beside the circle for the members' names, less above
#: and below it (names there run sideways from the rim).
SIZE = 720
HEIGHT = 520
_RADIUS = 200
_CX, _CY = SIZE / 2, HEIGHT / 2


@dataclass
class Dot:
    x: float
    y: float
    r: float
    colour: str
    label: str
    title: str
    anchor: str
    label_x: float
    label_y: float
    faded: bool


@dataclass
class Line:
    path: str
    across: bool
    width: float
    title: str


@dataclass
class Picture:
    """What the SVG template draws: fields around a circle (each with its arc and name), a dot
    per member (or per field, for a large town), a curve per tie bending through the middle."""

    dots: list[Dot]
    lines: list[Line]
    arcs: list[tuple[str, str, str, float, float]]  # path, colour, label, x, y
    by_field: bool
    size: int = SIZE
    height: int = HEIGHT


def _point(angle: float, radius: float) -> tuple[float, float]:
    return _CX + radius * math.cos(angle), _CY + radius * math.sin(angle)


def _curve(p: tuple[float, float], q: tuple[float, float]) -> str:
    # A quadratic curve through a point between the chord's middle and the centre: ties across
    # the circle bend through the middle, neighbours' ties stay near the rim.
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    cx, cy = (mx + _CX) / 2, (my + _CY) / 2
    return f"M{p[0]:.1f},{p[1]:.1f} Q{cx:.1f},{cy:.1f} {q[0]:.1f},{q[1]:.1f}"


def _arc(start: float, end: float, radius: float) -> str:
    p, q = _point(start, radius), _point(end, radius)
    large = 1 if end - start > math.pi else 0
    return f"M{p[0]:.1f},{p[1]:.1f} A{radius:.1f},{radius:.1f} 0 {large} 1 {q[0]:.1f},{q[1]:.1f}"


def _label_at(angle: float, radius: float) -> tuple[float, float, str]:
    x, y = _point(angle, radius)
    anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
    return x, y, anchor


def picture(graph: nx.Graph, field_labels: dict[str, str]) -> Picture:
    """Lay the network out around a circle by field (a field's members side by side, the most
    tied first): ties across fields cross the circle, so a web of them is seen at a glance."""
    nodes = graph.nodes
    present = [f for f in Field.values if any(d["field"] == f for _n, d in graph.nodes(data=True))]
    if graph.number_of_nodes() > PICTURE_MEMBERS:
        return _field_picture(graph, present, field_labels)
    gap = 0.08 if len(present) > 1 else 0.0
    total = graph.number_of_nodes() or 1
    span = 2 * math.pi - gap * len(present)
    angle = -math.pi / 2
    where: dict[int, float] = {}
    arcs = []
    for f in present:
        members = sorted(
            (n for n, d in graph.nodes(data=True) if d["field"] == f),
            key=lambda n: (-graph.degree(n), nodes[n]["name"]),
        )
        width = span * len(members) / total
        step = width / len(members)
        for i, n in enumerate(members):
            where[n] = angle + step * (i + 0.5)
        # The field's name inside the ring, by its arc (the members' names are outside).
        x, y, _anchor = _label_at(angle + width / 2, _RADIUS - 26)
        arcs.append((_arc(angle, angle + width, _RADIUS + 8), COLOURS[f], field_labels[f], x, y))
        angle += width + gap
    dots = []
    for n, angle_ in where.items():
        d = nodes[n]
        x, y = _point(angle_, _RADIUS)
        lx, ly, anchor = _label_at(angle_, _RADIUS + 16)
        dots.append(
            Dot(
                x=x,
                y=y,
                r=min(4 + graph.degree(n), 10),
                colour=COLOURS[d["field"]],
                label=d["name"][:12] if total <= LABELLED else "",
                title=f"{d['name']}（{field_labels[d['field']]}）",
                anchor=anchor,
                label_x=lx,
                label_y=ly,
                faded=not d["chosen"],
            )
        )
    lines = [
        Line(
            path=_curve(_point(where[a], _RADIUS), _point(where[b], _RADIUS)),
            across=d["across"],
            width=1.5,
            title=f"{nodes[a]['name']} – {nodes[b]['name']}",
        )
        for a, b, d in graph.edges(data=True)
    ]
    return Picture(dots=dots, lines=lines, arcs=arcs, by_field=False)


def _field_picture(graph: nx.Graph, present: list[str], labels: dict[str, str]) -> Picture:
    nodes = graph.nodes
    counts = Counter(d["field"] for _n, d in graph.nodes(data=True))
    pairs: Counter[tuple[str, str]] = Counter()
    for a, b in graph.edges():
        fa, fb = sorted((nodes[a]["field"], nodes[b]["field"]))
        pairs[(fa, fb)] += 1
    step = 2 * math.pi / max(len(present), 1)
    where = {f: -math.pi / 2 + step * i for i, f in enumerate(present)}
    most = max(counts.values(), default=1)
    dots = []
    for f, angle in where.items():
        x, y = _point(angle, _RADIUS)
        lx, ly, anchor = _label_at(angle, _RADIUS + 34)
        dots.append(
            Dot(
                x=x,
                y=y,
                r=8 + 22 * math.sqrt(counts[f] / most),
                colour=COLOURS[f],
                label=f"{labels[f]} {counts[f]}",
                title=f"{labels[f]}: {counts[f]}",
                anchor=anchor,
                label_x=lx,
                label_y=ly,
                faded=False,
            )
        )
    heaviest = max((n for (fa, fb), n in pairs.items() if fa != fb), default=1)
    lines = [
        Line(
            path=_curve(_point(where[fa], _RADIUS), _point(where[fb], _RADIUS)),
            across=True,
            width=1 + 9 * n / heaviest,
            title=f"{labels[fa]} – {labels[fb]}: {n}",
        )
        for (fa, fb), n in pairs.items()
        if fa != fb
    ]
    return Picture(dots=dots, lines=lines, arcs=[], by_field=True)
