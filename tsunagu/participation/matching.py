"""Explained matching (参加支援): for a person's profile, the places of the directory that fit,
each with the reasons it fits and what to check, ranked by a rule the page states; the places
that share their interests but are left out, each with why. No score stands unexplained.

Two passes, so that a directory of thousands costs little: the content words of every visible
entry (Resource.words, its kinds', its adaptations') are compared with the profile's in one
query; only the entries that share a word are read whole and weighed."""

import datetime as dt
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy

from tsunagu.participation.choices import TIME_SPANS, DeclineReason, Stage
from tsunagu.participation.models import Adaptation, Decline, Participation, Profile
from tsunagu.resources.choices import ResourceStatus
from tsunagu.resources.models import Capacity, Kind, Resource, ResourceLocation, Schedule
from tsunagu.resources.selectors import Listing, Reader, directory

#: How the ranked places are ordered, as the page says it.
ORDER_RULE = gettext_lazy(
    "More words in common with the person's interests first; then fewer points to check; then "
    "nearer; then places where others kept going."
)
#: Short day names, Monday first, then public holidays.
DAYS = ("月", "火", "水", "木", "金", "土", "日", "祝")
_YEN = re.compile(r"(\d[\d,]*)\s*円")
#: Decline reasons that speak to a need of the profile: weighed only for someone who has it.
_NEEDS = {
    DeclineReason.CROWD: "needs_quiet",
    DeclineReason.FAR: "needs_pickup",
}


@dataclass(frozen=True)
class Reason:
    """One reason, said in a line; `on` a date the page writes in the reader's style."""

    text: str
    on: dt.date | None = None


@dataclass
class Facts:
    """What the matching weighs of one entry, read for every candidate in a few plain queries
    (the page reads the entries it shows whole, as Listings). Only entries the reader may see
    are read, and only what a Place shows of a confidential one (its district, its access)."""

    pk: int
    name: str
    name_kana: str
    words: set[str]
    free: bool
    fees: str
    pickup: bool
    minimum_age: int | None
    maximum_age: int | None
    #: (district id, district name, step-free, wheelchair, quiet)
    places: list[tuple[int | None, str, bool, bool, bool]] = field(default_factory=list)
    #: (weekday, opens, closes)
    hours: list[tuple[int, dt.time, dt.time]] = field(default_factory=list)
    #: (available, maximum, unit, updated)
    capacities: list[tuple[int, int | None, str, dt.datetime]] = field(default_factory=list)


@dataclass
class Match:
    facts: Facts
    shared: list[str]
    reasons: list[Reason] = field(default_factory=list)
    concerns: list[Reason] = field(default_factory=list)
    adaptation: Adaptation | None = None
    nearness: int = 2  # 0 in the person's district, 1 reachable or with a lift, 2 unknown
    kept_going: int = 0
    listing: Listing | None = None  # read for the matches shown

    @property
    def resource(self) -> Resource:
        assert self.listing is not None  # noqa: S101 - shown matches are read whole
        return self.listing.resource

    def order(self) -> tuple[int, int, int, int, str, int]:
        f = self.facts
        return (
            -len(self.shared),
            len(self.concerns),
            self.nearness,
            -self.kept_going,
            f.name_kana or f.name,
            f.pk,
        )


@dataclass
class LeftOut:
    facts: Facts
    shared: list[str]
    why: list[Reason]
    listing: Listing | None = None

    @property
    def resource(self) -> Resource:
        assert self.listing is not None  # noqa: S101
        return self.listing.resource


@dataclass
class Matches:
    profile: Profile
    #: The best SHOWN of the places that fit, and of those left out that share most words.
    ranked: list[Match]
    left_out: list[LeftOut]
    #: How many fit, and how many were left out, in all.
    fitting: int
    left_out_count: int
    #: Entries of the directory that share no word with the person's interests (not weighed).
    unrelated: int
    searched: int
    #: What the matching read of the person besides the profile (属性: their district, age).
    used_family: bool = False
    order_rule: str = ""


@lru_cache(maxsize=512)
def _translated(language: str | None, message: str) -> str:
    return gettext(message)


_language = threading.local()


def _(message: str) -> str:
    """gettext, kept per language: a match says the same few sentences hundreds of times (the
    language is looked up once per match_profile, in this thread)."""
    return _translated(getattr(_language, "code", None) or get_language(), message)


#: How many suggestions, and how many places left out, a page shows.
SHOWN = 20


@lru_cache(maxsize=256)
def _kind_words(kind_id: int, text: str) -> frozenset[str]:
    from tsunagu.core.japanese import content_words

    return content_words(text)


def _words(text: str) -> set[str]:
    return set(text.split())


def _spans(days: str, times: str) -> list[tuple[int, int, int]]:
    """(weekday, from, until) in hours for the days and times that suit; any day or time when
    none is given."""
    wanted_days = [int(d) for d in days] or list(range(7))
    spans = {str(time): hours for time, hours in TIME_SPANS.items()}
    wanted_times = [spans[t] for t in times.split() if t in spans] or [(0, 24)]
    return [(d, start, end) for d in wanted_days for start, end in wanted_times]


def _fitting_hours(facts: Facts, profile: Profile) -> list[str]:
    """The opening hours (火 10:00–12:00) that meet the days and times that suit the person."""
    wanted = _spans(profile.days, profile.times)
    fits = []
    for weekday, opens_at, closes_at in facts.hours:
        opens = opens_at.hour + opens_at.minute / 60
        closes = closes_at.hour + closes_at.minute / 60
        if any(weekday == d and opens < end and closes > start for d, start, end in wanted):
            fits.append(f"{DAYS[weekday]} {opens_at:%H:%M}–{closes_at:%H:%M}")
    return fits


def _adaptation_fits_time(adaptation: Adaptation, profile: Profile) -> bool:
    days = set(adaptation.days or "0123456")
    wanted = set(profile.days or "0123456")
    times = set(adaptation.times.split() or TIME_SPANS)
    wanted_times = set(profile.times.split() or TIME_SPANS)
    return bool(days & wanted) and bool(times & wanted_times)


def _cost(facts: Facts) -> int | None:
    """The cost per visit in yen as written (1回300円 → 300), 0 when free, None when unknown."""
    if facts.free:
        return 0
    found = _YEN.search(facts.fees or "")
    return int(found.group(1).replace(",", "")) if found else None


class _Weigher:
    """Weighs one entry for one profile (with one adaptation or none)."""

    def __init__(
        self,
        profile: Profile,
        districts: set[int],
        home_district: int | None,
        age: int | None,
        history: dict[int, Counter[str]],
        declines: dict[int, Counter[str]],
        own: dict[int, list[Reason]],
    ) -> None:
        self.profile = profile
        self.districts = districts
        self.home = home_district
        self.age = age
        self.history = history
        self.declines = declines
        self.own = own
        self.dislikes = _words(profile.dislike_words)

    def weigh(self, f: Facts, shared: list[str], adaptation: Adaptation | None) -> Match | LeftOut:
        p = self.profile
        match = Match(f, shared, adaptation=adaptation)
        out: list[Reason] = list(self.own.get(f.pk, []))
        if shared:
            match.reasons.append(
                Reason(
                    _("In common with their interests: %(words)s") % {"words": "、".join(shared)}
                )
            )
        if adaptation is not None:
            match.reasons.append(
                Reason(_("The host's adaptation: %(what)s") % {"what": adaptation.what})
            )
        lift = f.pickup or (adaptation is not None and adaptation.pickup)
        # Where.
        place_districts = {d: name for d, name, *_rest in f.places if d is not None}
        if self.home is not None and self.home in place_districts:
            match.nearness = 0
            match.reasons.append(
                Reason(
                    _("In their own district (%(district)s)")
                    % {"district": place_districts[self.home]}
                )
            )
        elif self.districts and set(place_districts) & self.districts:
            match.nearness = 1
            names = [place_districts[d] for d in place_districts if d in self.districts]
            match.reasons.append(
                Reason(
                    _("In a district they can get to (%(district)s)")
                    % {"district": "・".join(names)}
                )
            )
        elif self.districts and place_districts:
            if lift:
                match.nearness = 1
                match.reasons.append(
                    Reason(_("Outside the districts they can get to, with a lift"))
                )
            else:
                out.append(
                    Reason(
                        _("Outside the districts they can get to (%(district)s)")
                        % {"district": "・".join(place_districts.values())}
                    )
                )
        if p.needs_pickup:
            if lift:
                match.reasons.append(Reason(_("A lift is offered")))
            else:
                match.concerns.append(Reason(_("No lift: someone would need to go along")))
        # When.
        if p.days or p.times:
            hours = _fitting_hours(f, p)
            if adaptation is not None and _adaptation_fits_time(adaptation, p):
                hours = hours or [_("as the adaptation says")]
            if hours:
                match.reasons.append(
                    Reason(
                        _("Open when it suits them: %(hours)s") % {"hours": "、".join(hours[:3])}
                    )
                )
            elif not f.hours:
                match.concerns.append(Reason(_("No opening hours are recorded")))
            else:
                out.append(Reason(_("Not open on the days and at the times that suit them")))
        # Cost.
        cost = _cost(f)
        if p.max_cost is not None:
            if cost is None:
                match.concerns.append(
                    Reason(
                        _("The cost is not clear: %(fees)s") % {"fees": f.fees or _("not recorded")}
                    )
                )
            elif cost > p.max_cost:
                out.append(
                    Reason(
                        _("Costs %(cost)s yen a visit, more than they can pay (%(max)s yen)")
                        % {"cost": f"{cost:,}", "max": f"{p.max_cost:,}"}
                    )
                )
            elif cost == 0:
                match.reasons.append(Reason(_("Free of charge")))
            else:
                match.reasons.append(
                    Reason(
                        _("Costs %(cost)s yen a visit, within what they can pay")
                        % {"cost": f"{cost:,}"}
                    )
                )
        elif cost == 0:
            match.reasons.append(Reason(_("Free of charge")))
        # Access.
        if p.needs_wheelchair:
            if any(wheelchair for *_d, _step, wheelchair, _quiet in f.places):
                match.reasons.append(Reason(_("Wheelchair accessible")))
            else:
                out.append(Reason(_("Not recorded as wheelchair accessible")))
        elif p.needs_step_free:
            step_free = any(step or chair for *_d, step, chair, _quiet in f.places)
            if step_free or (adaptation is not None and adaptation.step_free):
                match.reasons.append(Reason(_("Step-free")))
            else:
                out.append(Reason(_("Not recorded as step-free")))
        if p.needs_quiet:
            quiet = any(q for *_rest, q in f.places)
            if quiet or (adaptation is not None and adaptation.quiet):
                match.reasons.append(Reason(_("A quiet place")))
            else:
                match.concerns.append(Reason(_("No quiet place is recorded")))
        # Room.
        if f.capacities:
            free = sum(available for available, *_rest in f.capacities)
            _available, maximum, unit, updated = f.capacities[0]
            if free > 0:
                match.reasons.append(
                    Reason(
                        _("Room for %(count)s more (%(unit)s)") % {"count": free, "unit": unit},
                        timezone.localdate(updated),
                    )
                )
            elif adaptation is None:
                out.append(
                    Reason(
                        _("Full (%(unit)s: 0 of %(maximum)s)")
                        % {"unit": unit, "maximum": maximum or "—"},
                        timezone.localdate(updated),
                    )
                )
        # Who it is for.
        if self.age is not None and (
            (f.minimum_age is not None and self.age < f.minimum_age)
            or (f.maximum_age is not None and self.age > f.maximum_age)
        ):
            out.append(
                Reason(
                    _("For ages %(low)s to %(high)s")
                    % {"low": f.minimum_age or 0, "high": f.maximum_age or "—"}
                )
            )
        # What they do not want.
        disliked = sorted(self.dislikes & f.words)
        if disliked:
            match.concerns.append(
                Reason(
                    _("Mentions what they do not want: %(words)s") % {"words": "、".join(disliked)}
                )
            )
        # How it went for others.
        went = self.history.get(f.pk, Counter())
        match.kept_going = went[Stage.CONTINUING]
        if went[Stage.CONTINUING]:
            match.reasons.append(
                Reason(
                    _("%(count)s people have kept going here") % {"count": went[Stage.CONTINUING]}
                )
            )
        if went["stopped"]:
            match.concerns.append(
                Reason(
                    _("%(count)s people stopped after a visit or a trial")
                    % {"count": went["stopped"]}
                )
            )
        for reason, count in self.declines.get(f.pk, Counter()).most_common():
            need = _NEEDS.get(DeclineReason(reason))
            if need is None or getattr(p, need):
                match.concerns.append(
                    Reason(
                        _("%(count)s people said no: %(reason)s")
                        % {"count": count, "reason": DeclineReason(reason).label}
                    )
                )
        if out:
            return LeftOut(f, shared, out)
        return match


def _entries(visible: QuerySet[Resource]) -> dict[int, Facts]:
    """Every visible entry's own facts (its words among them), in one query."""
    return {
        row[0]: Facts(row[0], row[1], row[2], _words(row[3]), *row[4:])
        for row in visible.prefetch_related(None)
        .order_by()
        .values_list(
            "pk",
            "name",
            "name_kana",
            "words",
            "free",
            "fees",
            "pickup",
            "minimum_age",
            "maximum_age",
        )
    }


def _add_details(visible: QuerySet[Resource], facts: dict[int, Facts]) -> None:
    """The places, hours and room of the entries in `facts`, in three queries (each over the
    visible entries, so that no query carries a list of ids)."""
    ids = visible.values("pk")
    for resource_id, district_id, district, step, chair, quiet in ResourceLocation.objects.filter(
        resource__in=ids
    ).values_list(
        "resource_id",
        "location__district_id",
        "location__district__name",
        "location__step_free",
        "location__wheelchair",
        "location__quiet_space",
    ):
        if resource_id in facts:
            facts[resource_id].places.append((district_id, district or "", step, chair, quiet))
    for resource_id, *hours in Schedule.objects.filter(resource__in=ids).values_list(
        "resource_id", "weekday", "opens_at", "closes_at"
    ):
        if resource_id in facts:
            facts[resource_id].hours.append(tuple(hours))  # type: ignore[arg-type]
    for resource_id, *room in Capacity.objects.filter(resource__in=ids).values_list(
        "resource_id", "available", "maximum", "unit", "updated_at"
    ):
        if resource_id in facts:
            facts[resource_id].capacities.append(tuple(room))  # type: ignore[arg-type]


def match_profile(
    profile: Profile, reader: Reader, *, family: bool = False, today: dt.date | None = None
) -> Matches:
    """The directory's places for the person of `profile`, as the reader may see them. With
    `family` (the reader sees 属性・家族関係), the person's home district and age count too."""
    today = today or timezone.localdate()
    _language.code = get_language()
    case = profile.case
    wanted = _words(profile.words)
    visible = directory(reader).filter(status=ResourceStatus.ACTIVE)
    entries = _entries(visible)
    kinds = {k.pk: _kind_words(k.pk, f"{k.name}\n{k.description}") for k in Kind.objects.all()}
    kinds_of: dict[int, set[str]] = defaultdict(set)
    for resource_id, kind_id in Resource.kinds.through.objects.filter(
        resource__in=visible.values("pk")
    ).values_list("resource_id", "kind_id"):
        kinds_of[resource_id] |= kinds.get(kind_id, frozenset())
    adaptations: dict[int, list[Adaptation]] = defaultdict(list)
    offers = (
        Adaptation.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .annotate(taken=Count("participations", filter=~Q(participations__stage=Stage.ENDED)))
        .order_by("pk")
    )
    for offer in offers:
        if offer.taken < offer.capacity:
            adaptations[offer.resource_id].append(offer)
    districts = set(profile.districts.values_list("pk", flat=True))
    person = case.person if family else None
    home = person.district_id if person is not None else None
    shared_of: dict[int, list[str]] = {}
    for pk, entry in entries.items():
        own = entry.words | kinds_of.get(pk, set())
        for adaptation in adaptations.get(pk, []):
            own |= _words(adaptation.words)
        shared = sorted(wanted & own)
        if shared:
            shared_of[pk] = shared
    if not wanted:
        # Nothing of their interests is written yet: the places where they can go.
        reach = districts | ({home} if home else set())
        near = visible.filter(locations__district__in=reach) if reach else visible.none()
        shared_of = {pk: [] for pk in near.values_list("pk", flat=True)}
    age = None
    if person is not None and person.birth_date:
        b = person.birth_date
        age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    weigher = _Weigher(
        profile,
        districts,
        home,
        age,
        _history(shared_of, case.pk),
        _declines(shared_of, case.pk),
        _own(case.pk),
    )
    facts = {pk: entries[pk] for pk in shared_of}
    _add_details(visible, facts)
    ranked: list[Match] = []
    left_out: list[LeftOut] = []
    for pk, f in facts.items():
        options = [weigher.weigh(f, shared_of[pk], a) for a in [None, *adaptations.get(pk, [])]]
        fitting = [o for o in options if isinstance(o, Match)]
        if fitting:
            ranked.append(min(fitting, key=lambda m: (len(m.concerns), -len(m.reasons))))
        else:
            best = options[0]
            assert isinstance(best, LeftOut)  # noqa: S101
            left_out.append(best)
    ranked.sort(key=Match.order)
    left_out.sort(key=lambda o: (-len(o.shared), o.facts.name_kana or o.facts.name, o.facts.pk))
    shown_ranked, shown_out = ranked[:SHOWN], left_out[:SHOWN]
    listings = {
        r.pk: Listing(r, reader)
        for r in directory(reader).filter(
            pk__in=[m.facts.pk for m in shown_ranked] + [o.facts.pk for o in shown_out]
        )
    }
    for match in shown_ranked:
        match.listing = listings[match.facts.pk]
    for out in shown_out:
        out.listing = listings[out.facts.pk]
    return Matches(
        profile=profile,
        ranked=shown_ranked,
        left_out=shown_out,
        fitting=len(ranked),
        left_out_count=len(left_out),
        unrelated=len(entries) - len(shared_of),
        searched=len(entries),
        used_family=person is not None,
        order_rule=str(ORDER_RULE),
    )


def _history(resources: Container[int], case_id: int) -> dict[int, Counter[str]]:
    """How it went for others at each place: how many kept going, how many stopped after a
    visit or a trial (counts only: no one is named)."""
    went: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Participation.objects.exclude(case_id=case_id)
        .order_by()
        .values_list("resource_id", "stage", "continuing_since")
    )
    for resource_id, stage, since in rows:
        if resource_id not in resources:
            continue
        if stage == Stage.CONTINUING or (stage == Stage.ENDED and since is not None):
            went[resource_id][Stage.CONTINUING] += 1
        elif stage == Stage.ENDED:
            went[resource_id]["stopped"] += 1
    return went


def _declines(resources: Container[int], case_id: int) -> dict[int, Counter[str]]:
    said_no: dict[int, Counter[str]] = defaultdict(Counter)
    rows = Decline.objects.exclude(case_id=case_id).order_by().values_list("resource_id", "reason")
    for resource_id, reason in rows:
        if resource_id not in resources:
            continue
        said_no[resource_id][reason] += 1
    return said_no


def _own(case_id: int) -> dict[int, list[Reason]]:
    """What this person already has with a place: a decline, or a participation."""
    own: dict[int, list[Reason]] = defaultdict(list)
    for d in Decline.objects.filter(case_id=case_id):
        own[d.resource_id].append(
            Reason(
                _("They said no: %(reason)s") % {"reason": d.get_reason_display()}, d.declined_on
            )
        )
    for p in Participation.objects.filter(case_id=case_id):
        own[p.resource_id].append(
            Reason(
                _("Already in their participations (%(stage)s)") % {"stage": p.get_stage_display()},
                p.introduced_on,
            )
        )
    return own
