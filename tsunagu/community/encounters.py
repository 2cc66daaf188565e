"""計画的偶発性 (encounters by design): who in the network should meet — two or three members
from different fields who care about the same things and have no tie yet — each with the
reason in words, and a guest list for the next 車座 that brings many fields to one table.

The reasons are what the coordinator tells the people: "both work on 空き家; 福祉 and
まちづくり; 山本さん knows you both". Words shared by most of the town (地域, 活動) say
nothing, so a word counts for less the more members share it."""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from django.utils.translation import gettext as _

from tsunagu.community.choices import SuggestionStatus
from tsunagu.community.models import Suggestion
from tsunagu.core.japanese import content_words

#: How many suggestions a page offers (the best first).
SHOWN = 12
#: A word shared by more than this share of the members (or more than COMMON_MEMBERS of them)
#: is not a reason to meet: it tells nothing, and the pairs it makes grow as its square.
COMMON_SHARE = 0.25
COMMON_MEMBERS = 60
#: The best pairs by shared words alone that are then weighed for introductions (a mutual
#: acquaintance) and for members with no tie outside their field.
WEIGHED = 200


@dataclass(frozen=True)
class Encounter:
    """A suggested encounter: the members (node ids), the words they share, the fields they
    bring together, and what makes it worth arranging."""

    members: tuple[int, ...]
    names: tuple[str, ...]
    fields: tuple[str, ...]
    shared: tuple[str, ...]
    mutual: tuple[str, ...]  # who already knows them all (an introduction)
    score: float
    reason: str


def _words_of(graph: nx.Graph, words: dict[int, str]) -> dict[int, frozenset[str]]:
    return {n: frozenset(words.get(n, "").split()) for n in graph.nodes}


def _weights(words: dict[int, frozenset[str]]) -> dict[str, float]:
    counts = Counter(w for ws in words.values() for w in ws)
    limit = max(3, min(COMMON_SHARE * len(words), COMMON_MEMBERS))
    return {w: math.log(1 + len(words) / n) for w, n in counts.items() if 2 <= n <= limit}


def _reason(
    shared: Iterable[str],
    fields: Iterable[str],
    mutual: Iterable[str],
    field_labels: dict[str, str],
    *,
    reaching_out: bool,
) -> str:
    parts = [
        _("Both care about %(words)s.") % {"words": "、".join(f"「{w}」" for w in shared)},
        _("It brings %(fields)s together.")
        % {"fields": _(" and ").join(str(field_labels[f]) for f in fields)},
    ]
    mutual = list(mutual)
    if mutual:
        parts.append(
            _("%(names)s knows them and can introduce them.") % {"names": "、".join(mutual)}
        )
    if reaching_out:
        parts.append(_("One of them has no tie outside their field yet."))
    return " ".join(parts)


def _kept(graph: nx.Graph) -> set[frozenset[int]]:
    """The groups already suggested and still open or not wanted now: not offered again."""
    kept: dict[int, set[int]] = defaultdict(set)
    for pk, member in Suggestion.objects.exclude(status=SuggestionStatus.TIE).values_list(
        "pk", "members"
    ):
        kept[pk].add(member)
    return {frozenset(m) for m in kept.values()}


def suggest_encounters(
    graph: nx.Graph,
    words: dict[int, str],
    field_labels: dict[str, str],
    *,
    shown: int = SHOWN,
) -> list[Encounter]:
    """Pairs from different fields with no tie who share topics, ranked by how telling the
    shared words are, with a bonus for a mutual acquaintance (who can introduce them) and for a
    member with no tie outside their field; then the best pairs joined by a third member from
    a third field who shares their words, as a small table."""
    nodes = graph.nodes
    member_words = _words_of(graph, words)
    weights = _weights(member_words)
    by_word: dict[str, list[int]] = defaultdict(list)
    for n, theirs in member_words.items():
        for w in theirs:
            if w in weights:
                by_word[w].append(n)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for w, members in by_word.items():
        for a, b in combinations(sorted(members), 2):
            if nodes[a]["field"] != nodes[b]["field"] and not graph.has_edge(a, b):
                shared[(a, b)].append(w)

    def reaching_out(n: int) -> bool:
        return not any(nodes[m]["field"] != nodes[n]["field"] for m in graph.neighbors(n))

    kept = _kept(graph)
    by_words = sorted(
        (
            (sum(weights[w] for w in found), pair, found)
            for pair, found in shared.items()
            if frozenset(pair) not in kept
        ),
        key=lambda s: (-s[0], s[1]),
    )[:WEIGHED]
    scored: list[Encounter] = []
    for _score, (a, b), found in by_words:
        ws = sorted(found, key=lambda w: (-weights[w], w))
        mutual = sorted(nodes[m]["name"] for m in nx.common_neighbors(graph, a, b))
        lonely = reaching_out(a) or reaching_out(b)
        score = sum(weights[w] for w in ws) + 0.5 * bool(mutual) + 0.5 * lonely
        fields = (nodes[a]["field"], nodes[b]["field"])
        scored.append(
            Encounter(
                members=(a, b),
                names=(nodes[a]["name"], nodes[b]["name"]),
                fields=fields,
                shared=tuple(ws[:3]),
                mutual=tuple(mutual[:2]),
                score=round(score, 2),
                reason=_reason(ws[:3], fields, mutual[:2], field_labels, reaching_out=lonely),
            )
        )
    scored.sort(key=lambda e: (-e.score, e.names))
    best = scored[:shown]
    tables = []
    for pair in best[: max(1, shown // 4)]:
        a, b = pair.members
        common = set(pair.shared)
        third = max(
            (
                n
                for n in graph.nodes
                if nodes[n]["field"] not in pair.fields
                and n not in pair.members
                and common & member_words[n]
                and not graph.has_edge(a, n)
                and not graph.has_edge(b, n)
            ),
            key=lambda n: (sum(weights[w] for w in common & member_words[n]), -n),
            default=None,
        )
        if third is None or frozenset((a, b, third)) in kept:
            continue
        words3 = sorted(common & member_words[third], key=lambda w: -weights[w])
        fields = (*pair.fields, nodes[third]["field"])
        tables.append(
            Encounter(
                members=(a, b, third),
                names=(*pair.names, nodes[third]["name"]),
                fields=fields,
                shared=tuple(words3[:3]),
                mutual=(),
                score=pair.score,
                reason=_reason(words3[:3], fields, (), field_labels, reaching_out=False),
            )
        )
    return best + tables


@dataclass(frozen=True)
class Guest:
    member: int
    name: str
    field: str
    shared: tuple[str, ...]
    reason: str


def guest_list(
    graph: nx.Graph,
    words: dict[int, str],
    topics: str,
    field_labels: dict[str, str],
    *,
    size: int = 12,
    already: Iterable[int] = (),
) -> list[Guest]:
    """次の車座の招待候補: members who care about the gathering's topics, chosen so that as many
    fields as possible sit at the table (one from each before a second from any), and among
    equals those with the fewest ties outside their field (for whom the 車座 does most)."""
    nodes = graph.nodes
    wanted = content_words(topics)
    member_words = _words_of(graph, words)
    skip = set(already)
    candidates = []
    for n in graph.nodes:
        common = wanted & member_words[n]
        if n in skip or not common:
            continue
        outside = sum(1 for m in graph.neighbors(n) if nodes[m]["field"] != nodes[n]["field"])
        candidates.append((-len(common), outside, nodes[n]["name"], n, sorted(common)))
    candidates.sort()
    chosen: list[Guest] = []
    per_field: Counter[str] = Counter()
    for round_ in range(size):
        for _c, outside, name, n, liked in candidates:
            field = nodes[n]["field"]
            if len(chosen) >= size:
                break
            if per_field[field] != round_ or any(g.member == n for g in chosen):
                continue
            per_field[field] += 1
            reason = _("Cares about %(words)s.") % {
                "words": "、".join(f"「{w}」" for w in liked[:3])
            }
            if not outside:
                reason += " " + _("No tie outside their field yet.")
            chosen.append(Guest(n, name, field, tuple(liked[:3]), reason))
        if len(chosen) >= size or len(chosen) == len(candidates):
            break
    return chosen
