"""地域づくり reads for staff. Everyone who works in the field (and a manager) reads the town's
places, gatherings and network: they hold no client. They do hold partners' names — a
gatekeeper's, a person named in the network with their agreement — so a page that shows them
writes an audit row, as any read of personal data does (a list of members: one row naming
the ids shown)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import READERS
from tsunagu.accounts.models import User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event, record_listing
from tsunagu.community import encounters, network
from tsunagu.community.choices import ActorKind, Field, SuggestionStatus
from tsunagu.community.models import (
    Actor,
    FollowUp,
    Gatekeeper,
    Gathering,
    Idea,
    PassedWorry,
    Place,
    Suggestion,
    Tie,
    Visit,
)
from tsunagu.core.calendar import add_months
from tsunagu.core.revisions import described_history

#: A place not visited for this many months is listed as one to drop in at (the list's
#: default; the page asks for any number).
VISIT_EVERY_MONTHS = 3


def require_reader(user: User) -> None:
    """404 for anyone who does not work in the field or manage (as for a missing record)."""
    if not user.has_role(*READERS):
        raise Http404


def places(user: User) -> QuerySet[Place]:
    """The town's places, with when each was last visited."""
    require_reader(user)
    return Place.objects.select_related("district").annotate(
        last_visit=Max("visits__visited_on"),
        gatekeeper_count=Count(
            "gatekeepers", filter=Q(gatekeepers__ended_on__isnull=True), distinct=True
        ),
    )


def not_visited(user: User, months: int = VISIT_EVERY_MONTHS) -> QuerySet[Place]:
    """Open places nobody has dropped in at for `months` months (or ever), longest first."""
    since = add_months(timezone.localdate(), -months)
    return (
        places(user)
        .filter(closed_on__isnull=True)
        .filter(Q(last_visit__isnull=True) | Q(last_visit__lt=since))  # type: ignore[misc]
        .order_by("last_visit", "name_kana", "pk")
    )


@dataclass
class PlacePage:
    place: Place
    gatekeepers: list[Gatekeeper]
    visits: list[Visit]
    worries: list[PassedWorry]
    gatherings: list[Gathering]


def read_place(user: User, place_id: int) -> PlacePage:
    """One place with its gatekeepers (names: an audited read), visits and gatherings, and
    the worries passed on there — each only as "received" on a date."""
    place = get_object_or_404(places(user), pk=place_id)
    gatekeepers = list(place.gatekeepers.select_related("member"))
    page = PlacePage(
        place=place,
        gatekeepers=gatekeepers,
        visits=list(place.visits.select_related("recorded_by").prefetch_related("visitors")[:20]),
        worries=list(
            PassedWorry.objects.filter(gatekeeper__place=place).select_related("gatekeeper")[:20]
        ),
        gatherings=list(place.gatherings.select_related("type")[:10]),
    )
    record_event(
        actor=user,
        action=Action.VIEW,
        obj=place,
        detail={"gatekeepers": [g.pk for g in gatekeepers]},
    )
    return page


def find_place(user: User, place_id: int) -> Place:
    """For a write about a place (no read of anyone's name)."""
    return get_object_or_404(places(user), pk=place_id)


def find_gatekeeper(user: User, gatekeeper_id: int) -> Gatekeeper:
    require_reader(user)
    return get_object_or_404(Gatekeeper.objects.select_related("place"), pk=gatekeeper_id)


def find_visit(user: User, visit_id: int) -> Visit:
    require_reader(user)
    return get_object_or_404(Visit.objects.select_related("place"), pk=visit_id)


def gatherings(user: User) -> QuerySet[Gathering]:
    require_reader(user)
    return (
        Gathering.objects.select_related("type", "place", "district")
        .annotate(people=Sum("attendance__count"))
        .order_by("-held_on", "-pk")
    )


def find_gathering(user: User, gathering_id: int) -> Gathering:
    require_reader(user)
    return get_object_or_404(Gathering.objects.select_related("type", "place"), pk=gathering_id)


@dataclass
class GatheringPage:
    gathering: Gathering
    attendance: list[tuple[str, str, int]]  # field, label, count
    total: int
    organizers: list[Actor]
    named: list[Actor]
    ideas: list[Idea]
    follow_ups: list[FollowUp]
    ties: list[Tie]


def read_gathering(user: User, gathering_id: int) -> GatheringPage:
    """One gathering: field mix, organizers, who is named (an audited read), what came out,
    the ties it made and its follow-ups."""
    gathering = find_gathering(user, gathering_id)
    counts = {a.field: a.count for a in gathering.attendance.all()}
    page = GatheringPage(
        gathering=gathering,
        attendance=[(f, str(label), counts[f]) for f, label in Field.choices if f in counts],
        total=sum(counts.values()),
        organizers=list(gathering.organizers.all()),
        named=[n.actor for n in gathering.named.select_related("actor")],
        ideas=list(gathering.ideas.select_related("resource")),
        follow_ups=list(gathering.follow_ups.select_related("assignee")),
        ties=list(gathering.ties.select_related("a", "b")),
    )
    # The page names who came, the ties' members, and (in its tie form) every person.
    record_event(actor=user, action=Action.VIEW, obj=gathering, detail={"people": _offered()})
    return page


def gathering_history(gathering: Gathering, date_style: str) -> list[Any]:
    """A gathering's corrections as a person reads them: who came by field in words, the
    organizers and those named by name (the history keeps their ids)."""
    labels = dict(Field.choices)

    def counts(value: Any) -> str:
        return "、".join(f"{labels.get(f, f)} {n}" for f, n in (value or {}).items())

    def names(value: Any) -> str:
        found = dict(Actor.objects.filter(pk__in=value or []).values_list("pk", "name"))
        return "、".join(found.get(pk, str(pk)) for pk in value or [])

    return described_history(
        gathering,
        date_style,
        labels={
            "attendance": _("Who came, by field"),
            "named": _("Named with their agreement"),
        },
        formats={"attendance": counts, "organizers": names, "named": names},
    )


def members(user: User) -> QuerySet[Actor]:
    require_reader(user)
    return Actor.objects.select_related("district", "member_of")


def list_members(user: User, rows: list[Actor]) -> list[Actor]:
    """A page of members as shown: the people among them are an audited listing."""
    record_listing(
        actor=user, rows=[a for a in rows if a.kind == ActorKind.PERSON], what="network members"
    )
    return rows


def find_member(user: User, member_id: int) -> Actor:
    return get_object_or_404(members(user), pk=member_id)


@dataclass
class MemberPage:
    member: Actor
    ties: list[tuple[Tie, Actor]]
    gatherings: list[Gathering]
    suggestions: list[Suggestion]


def read_member(user: User, member_id: int) -> MemberPage:
    member = find_member(user, member_id)
    ties = [
        (tie, tie.b if tie.a_id == member.pk else tie.a)
        for tie in Tie.objects.filter(Q(a=member) | Q(b=member)).select_related("a", "b")
    ]
    page = MemberPage(
        member=member,
        ties=ties,
        gatherings=list(
            Gathering.objects.filter(Q(organizers=member) | Q(named__actor=member))
            .select_related("type")
            .distinct()[:20]
        ),
        suggestions=list(member.suggestions.prefetch_related("members")[:10]),
    )
    # A person's page, or an organization's that names the people it is tied to (and offers
    # every member in its tie form): a read of partners' names either way.
    record_event(actor=user, action=Action.VIEW, obj=member, detail={"people": _offered()})
    return page


def field_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Field.choices}


@dataclass
class NetworkPage:
    where: network.Filter
    graph: nx.Graph
    figures: network.Figures
    picture: network.Picture
    rows: list[dict[str, Any]]  # the table: each member with its ties


def read_network(user: User, where: network.Filter) -> NetworkPage:
    """The network on a day, filtered: its figures, its picture and the same as a table (the
    people named in it are an audited listing)."""
    require_reader(user)
    graph = network.build_graph(where)
    figures = network.network_figures(graph, where.on)
    labels = field_labels()
    nodes = graph.nodes
    rows = sorted(
        (
            {
                "pk": n,
                **d,
                "field_label": labels[d["field"]],
                "ties": sorted(nodes[m]["name"] for m in graph.neighbors(n)),
                "across": sum(1 for m in graph.neighbors(n) if nodes[m]["field"] != d["field"]),
            }
            for n, d in graph.nodes(data=True)
            if d["chosen"]
        ),
        key=lambda r: (r["field"], r["name"]),
    )
    # The table and the picture name the chosen members and everyone tied to them.
    _people_shown(user, list(graph.nodes), "network")
    return NetworkPage(
        where=where,
        graph=graph,
        figures=figures,
        picture=network.picture(graph, labels),
        rows=rows,
    )


def member_words(graph: nx.Graph) -> dict[int, str]:
    return dict(Actor.objects.filter(pk__in=list(graph.nodes)).values_list("pk", "words"))


def _offered() -> list[int]:
    """The people of the network a page's forms offer by name (every one still in it)."""
    return list(
        Actor.objects.filter(kind=ActorKind.PERSON, left_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _people_shown(user: User, ids: Iterable[int], what: str) -> None:
    """One audit row naming the people of the network a page or answer shows by name."""
    people = sorted(
        set(
            Actor.objects.filter(pk__in=set(ids), kind=ActorKind.PERSON).values_list(
                "pk", flat=True
            )
        )
    )
    if people:
        record_event(
            actor=user,
            action=Action.VIEW,
            object_type="community.actor",
            legal_basis="own_organization",
            detail={"what": what, "ids": people},
        )


def suggested_encounters(
    user: User, shown: Iterable[Suggestion] = ()
) -> list[encounters.Encounter]:
    """計画的偶発性: who should meet, over the whole network as it stands today (and the
    arranged encounters `shown` beside them): the people they name are an audited read."""
    require_reader(user)
    graph = network.build_graph(network.Filter(on=timezone.localdate()))
    found = encounters.suggest_encounters(graph, member_words(graph), field_labels())
    ids = [m for e in found for m in e.members]
    ids += [m.pk for s in shown for m in s.members.all()]
    _people_shown(user, ids, "encounters")
    return found


def guests_for(user: User, gathering: Gathering) -> list[encounters.Guest]:
    """The suggested guest list of a gathering to come: by its topics, many fields."""
    require_reader(user)
    graph = network.build_graph(network.Filter(on=timezone.localdate()))
    already = {*gathering.organizers.values_list("pk", flat=True)}
    already |= set(gathering.named.values_list("actor_id", flat=True))
    guests = encounters.guest_list(
        graph,
        member_words(graph),
        " ".join((gathering.title, gathering.topics)),
        field_labels(),
        already=already,
    )
    _people_shown(user, [g.member for g in guests], "guests")
    return guests


@dataclass
class SuggestionRate:
    kept: int
    became_ties: int
    not_now: int

    @property
    def rate(self) -> int | None:
        decided = self.kept
        return round(100 * self.became_ties / decided) if decided else None


def kept_suggestions(user: User) -> QuerySet[Suggestion]:
    require_reader(user)
    return Suggestion.objects.prefetch_related(
        Prefetch("members", queryset=Actor.objects.order_by("name_kana", "name"))
    ).select_related("gathering", "suggested_by")


def suggestion_rate(user: User) -> SuggestionRate:
    """How many of the encounters arranged became a tie."""
    counts = dict(kept_suggestions(user).order_by().values_list("status").annotate(n=Count("pk")))
    return SuggestionRate(
        kept=sum(counts.values()),
        became_ties=counts.get(SuggestionStatus.TIE, 0),
        not_now=counts.get(SuggestionStatus.NOT_NOW, 0),
    )


def find_suggestion(user: User, suggestion_id: int) -> Suggestion:
    return get_object_or_404(kept_suggestions(user), pk=suggestion_id)


def find_idea(user: User, idea_id: int) -> Idea:
    require_reader(user)
    return get_object_or_404(Idea.objects.select_related("gathering"), pk=idea_id)


def find_tie(user: User, tie_id: int) -> Tie:
    require_reader(user)
    return get_object_or_404(Tie.objects.select_related("a", "b"), pk=tie_id)


def find_follow_up(user: User, follow_up_id: int) -> FollowUp:
    require_reader(user)
    return get_object_or_404(FollowUp.objects.select_related("gathering"), pk=follow_up_id)


def my_follow_ups(user: User, today: dt.date | None = None) -> QuerySet[FollowUp]:
    """The follow-ups of gatherings this user is to do, the overdue first."""
    return (
        FollowUp.objects.filter(assignee=user, done_on__isnull=True)
        .select_related("gathering")
        .order_by("due_on", "pk")
    )
