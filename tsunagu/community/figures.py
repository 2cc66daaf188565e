"""地域づくりの実績, as the 重層的支援体制整備事業 実施計画 asks for it: 拠点数, 参加者数, 参加機関数,
gatherings by kind and by the fields of those who came, new ties across fields — by district
and for the town, over a period (a fiscal year by default). Counted in SQL."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tsunagu.accounts.models import District, User
from tsunagu.community import selectors
from tsunagu.community.choices import BASE_KINDS, ActorKind, Field
from tsunagu.community.models import (
    Attendance,
    Gatekeeper,
    Gathering,
    GatheringType,
    NamedAttendee,
    PassedWorry,
    Place,
    Tie,
    Visit,
)


@dataclass
class Row:
    district: str
    bases: int = 0  # 拠点数 (居場所・拠点・通いの場 open in the period)
    places: int = 0  # every place, ordinary ones included
    gatekeepers: int = 0
    visits: int = 0
    worries: int = 0
    gatherings: int = 0
    by_type: Counter[int] = field(default_factory=Counter)
    people: int = 0  # 参加者数 (延べ)
    by_field: Counter[str] = field(default_factory=Counter)
    organizations: int = 0  # 参加機関数
    ties: int = 0
    ties_across: int = 0

    @property
    def fields_per_gathering(self) -> float | None:
        return None if not self.gatherings else round(self.field_mix / self.gatherings, 1)

    field_mix: int = 0  # the sum over gatherings of how many fields came


@dataclass
class Figures:
    since: dt.date
    until: dt.date
    rows: list[Row]
    total: Row
    types: list[tuple[int, str]]
    fields: list[tuple[str, str]]


def community_figures(user: User, since: dt.date, until: dt.date) -> Figures:
    """The period's figures by district (a district's row counts what happened there; a tie
    counts in the district of either member, so the districts may add up to more than the
    town)."""
    selectors.require_reader(user)
    districts = {d.pk: d.name for d in District.objects.all()}
    rows: dict[int | None, Row] = defaultdict(lambda: Row(""))
    total = Row(_("Whole town"))
    open_then = Q(closed_on__isnull=True) | Q(closed_on__gte=since)

    def add(key: int | None, name: str, value: int, *, into: Row | None = None) -> None:
        for row in (rows[key], into or total):
            setattr(row, name, getattr(row, name) + value)

    for key, kind, n in (
        Place.objects.filter(open_then)
        .values_list("district_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        add(key, "places", n)
        if kind in BASE_KINDS:
            add(key, "bases", n)
    for key, n in (
        Gatekeeper.objects.filter(agreed_on__lte=until)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=since))
        .values_list("place__district_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        add(key, "gatekeepers", n)
    for key, n in (
        Visit.objects.filter(visited_on__range=(since, until))
        .values_list("place__district_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        add(key, "visits", n)
    for key, n in (
        PassedWorry.objects.filter(passed_on__range=(since, until))
        .values_list("gatekeeper__place__district_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        add(key, "worries", n)

    held = Gathering.objects.filter(held_on__range=(since, until)).annotate(
        area=Coalesce("district_id", "place__district_id")
    )
    for key, type_id, n in held.values_list("area", "type_id").annotate(n=Count("pk")).order_by():
        add(key, "gatherings", n)
        rows[key].by_type[type_id] += n
        total.by_type[type_id] += n
    for key, field_, n, mix in (
        Attendance.objects.filter(gathering__in=held.values("pk"))
        .annotate(area=Coalesce("gathering__district_id", "gathering__place__district_id"))
        .values_list("area", "field")
        .annotate(n=Sum("count"), mix=Count("gathering", distinct=True))
        .order_by()
    ):
        add(key, "people", n)
        add(key, "field_mix", mix)
        rows[key].by_field[field_] += n
        total.by_field[field_] += n
    organizations: dict[int | None, set[int]] = defaultdict(set)

    def took_part(key: int | None, actor: int | None, kind: str, member_of: int | None) -> None:
        # A person counts for the organization they belong to (参加機関数).
        organization = actor if kind == ActorKind.ORGANIZATION else member_of
        if organization is not None:
            organizations[key].add(organization)

    for key, actor, kind, member_of in held.values_list(
        "area", "organizers", "organizers__kind", "organizers__member_of_id"
    ):
        took_part(key, actor, kind, member_of)
    for key, actor, kind, member_of in (
        NamedAttendee.objects.filter(gathering__in=held.values("pk"))
        .annotate(area=Coalesce("gathering__district_id", "gathering__place__district_id"))
        .values_list("area", "actor_id", "actor__kind", "actor__member_of_id")
    ):
        took_part(key, actor, kind, member_of)
    every: set[int] = set()
    for key, found in organizations.items():
        rows[key].organizations = len(found)
        every |= found
    total.organizations = len(every)

    for a_district, b_district, a_field, b_field in Tie.objects.filter(
        since__range=(since, until)
    ).values_list("a__district_id", "b__district_id", "a__field", "b__field"):
        across = a_field != b_field
        total.ties += 1
        total.ties_across += across
        for key in {a_district, b_district}:
            rows[key].ties += 1
            rows[key].ties_across += across

    named_rows = []
    for key in sorted(rows, key=lambda k: (k is None, districts.get(k or 0, ""), k or 0)):
        row = rows[key]
        row.district = districts.get(key, "") if key is not None else _("District not given")
        named_rows.append(row)
    return Figures(
        since=since,
        until=until,
        rows=named_rows,
        total=total,
        types=list(GatheringType.objects.values_list("pk", "name")),
        fields=[(v, str(label)) for v, label in Field.choices],
    )


def figures_sheet(found: Figures) -> tuple[list[str], list[list[Any]]]:
    """The figures as one Excel sheet: a row per district, then the town."""
    header = [
        "地区",
        "拠点数",
        "場の数（身近な場を含む）",
        "つないでくれる人",
        "訪問",
        "つないでもらった心配",
        "集まりの回数",
        *[name for _pk, name in found.types],
        "参加者数（延べ）",
        *[f"参加者：{label}" for _v, label in found.fields],
        "1回あたりの分野数",
        "参加機関数",
        "新しいつながり",
        "うち分野を越えたつながり",
    ]

    def line(row: Row) -> list[Any]:
        return [
            row.district,
            row.bases,
            row.places,
            row.gatekeepers,
            row.visits,
            row.worries,
            row.gatherings,
            *[row.by_type[pk] for pk, _name in found.types],
            row.people,
            *[row.by_field[v] for v, _label in found.fields],
            row.fields_per_gathering,
            row.organizations,
            row.ties,
            row.ties_across,
        ]

    return header, [*[line(r) for r in found.rows], line(found.total)]
