"""Explained matching (参加支援): for a person's profile, the places of the directory that fit,
each with the reasons it fits and what to check, ranked by a rule the page states; the places
that share their interests but are left out, each with why. No score stands unexplained.

Two passes, so that a directory of thousands costs little: the content words of every visible
entry (Resource.words, its kinds', its adaptations') are compared with the profile's in one
query; only the entries that share a word are read whole and weighed."""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.participation.choices import TIME_SPANS, DeclineReason, Stage
from tsunagu.participation.models import Adaptation, Decline, Participation, Profile
from tsunagu.resources.choices import ResourceStatus
from tsunagu.resources.models import Kind, Resource
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
class Match:
    listing: Listing
    shared: list[str]
    reasons: list[Reason] = field(default_factory=list)
    concerns: list[Reason] = field(default_factory=list)
    adaptation: Adaptation | None = None
    nearness: int = 2  # 0 in the person's district, 1 reachable or with a lift, 2 unknown
    kept_going: int = 0

    @property
    def resource(self) -> Resource:
        return self.listing.resource

    def order(self) -> tuple[int, int, int, int, str, int]:
        r = self.resource
        return (
            -len(self.shared),
            len(self.concerns),
            self.nearness,
            -self.kept_going,
            r.name_kana or r.name,
            r.pk,
        )


@dataclass
class LeftOut:
    listing: Listing
    shared: list[str]
    why: list[Reason]


@dataclass
class Matches:
    profile: Profile
    ranked: list[Match]
    left_out: list[LeftOut]
    #: Entries of the directory that share no word with the person's interests (not listed).
    unrelated: int
    searched: int
    #: What the matching read of the person besides the profile (属性: their district, age).
    used_family: bool = False
    order_rule: str = ""


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


def _fitting_hours(resource: Resource, profile: Profile) -> list[str]:
    """The opening hours (火 10:00–12:00) that meet the days and times that suit the person."""
    wanted = _spans(profile.days, profile.times)
    fits = []
    for s in resource.schedules.all():
        opens = s.opens_at.hour + s.opens_at.minute / 60
        closes = s.closes_at.hour + s.closes_at.minute / 60
        if any(s.weekday == d and opens < end and closes > start for d, start, end in wanted):
            fits.append(f"{DAYS[s.weekday]} {s.opens_at:%H:%M}–{s.closes_at:%H:%M}")
    return fits


def _adaptation_fits_time(adaptation: Adaptation, profile: Profile) -> bool:
    days = set(adaptation.days or "0123456")
    wanted = set(profile.days or "0123456")
    times = set(adaptation.times.split() or TIME_SPANS)
    wanted_times = set(profile.times.split() or TIME_SPANS)
    return bool(days & wanted) and bool(times & wanted_times)


def _cost(resource: Resource) -> int | None:
    """The cost per visit in yen as written (1回300円 → 300), 0 when free, None when unknown."""
    if resource.free:
        return 0
    found = _YEN.search(resource.fees or "")
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
        today: dt.date,
    ) -> None:
        self.profile = profile
        self.districts = districts
        self.home = home_district
        self.age = age
        self.history = history
        self.declines = declines
        self.own = own
        self.today = today
        self.dislikes = _words(profile.dislike_words)

    def weigh(
        self, listing: Listing, shared: list[str], adaptation: Adaptation | None
    ) -> Match | LeftOut:
        p, r = self.profile, listing.resource
        match = Match(listing, shared, adaptation=adaptation)
        out: list[Reason] = list(self.own.get(r.pk, []))
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
        places = listing.places
        lift = r.pickup or (adaptation is not None and adaptation.pickup)
        # Where.
        place_districts = {pl.district.pk: pl.district.name for pl in places if pl.district}
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
            hours = _fitting_hours(r, p)
            if adaptation is not None and _adaptation_fits_time(adaptation, p):
                hours = hours or [_("as the adaptation says")]
            if hours:
                match.reasons.append(
                    Reason(
                        _("Open when it suits them: %(hours)s") % {"hours": "、".join(hours[:3])}
                    )
                )
            elif not r.schedules.all():
                match.concerns.append(Reason(_("No opening hours are recorded")))
            else:
                out.append(Reason(_("Not open on the days and at the times that suit them")))
        # Cost.
        cost = _cost(r)
        if p.max_cost is not None:
            if cost is None:
                match.concerns.append(
                    Reason(
                        _("The cost is not clear: %(fees)s") % {"fees": r.fees or _("not recorded")}
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
        step_free = any(pl.step_free or pl.wheelchair for pl in places)
        if p.needs_wheelchair:
            if any(pl.wheelchair for pl in places):
                match.reasons.append(Reason(_("Wheelchair accessible")))
            else:
                out.append(Reason(_("Not recorded as wheelchair accessible")))
        elif p.needs_step_free:
            if step_free or (adaptation is not None and adaptation.step_free):
                match.reasons.append(Reason(_("Step-free")))
            else:
                out.append(Reason(_("Not recorded as step-free")))
        if p.needs_quiet:
            if any(pl.quiet_space for pl in places) or (
                adaptation is not None and adaptation.quiet
            ):
                match.reasons.append(Reason(_("A quiet place")))
            else:
                match.concerns.append(Reason(_("No quiet place is recorded")))
        # Room.
        capacities = list(r.capacities.all())
        if capacities:
            free = sum(c.available for c in capacities)
            if free > 0:
                c = capacities[0]
                match.reasons.append(
                    Reason(
                        _("Room for %(count)s more (%(unit)s)") % {"count": free, "unit": c.unit},
                        c.updated_at.date(),
                    )
                )
            elif adaptation is None:
                c = capacities[0]
                out.append(
                    Reason(
                        _("Full (%(unit)s: 0 of %(maximum)s)")
                        % {"unit": c.unit, "maximum": c.maximum or "—"},
                        c.updated_at.date(),
                    )
                )
        # Who it is for.
        if self.age is not None and (
            (r.minimum_age is not None and self.age < r.minimum_age)
            or (r.maximum_age is not None and self.age > r.maximum_age)
        ):
            out.append(
                Reason(
                    _("For ages %(low)s to %(high)s")
                    % {"low": r.minimum_age or 0, "high": r.maximum_age or "—"}
                )
            )
        # What they do not want.
        disliked = sorted(self.dislikes & _words(r.words))
        if disliked:
            match.concerns.append(
                Reason(
                    _("Mentions what they do not want: %(words)s") % {"words": "、".join(disliked)}
                )
            )
        # How it went for others.
        went = self.history.get(r.pk, Counter())
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
        for reason, count in self.declines.get(r.pk, Counter()).most_common():
            need = _NEEDS.get(DeclineReason(reason))
            if need is None or getattr(p, need):
                match.concerns.append(
                    Reason(
                        _("%(count)s people said no: %(reason)s")
                        % {"count": count, "reason": DeclineReason(reason).label}
                    )
                )
        if out:
            return LeftOut(listing, shared, out)
        return match


def match_profile(
    profile: Profile, reader: Reader, *, family: bool = False, today: dt.date | None = None
) -> Matches:
    """The directory's places for the person of `profile`, as the reader may see them. With
    `family` (the reader sees 属性・家族関係), the person's home district and age count too."""
    today = today or timezone.localdate()
    case = profile.case
    wanted = _words(profile.words)
    visible = directory(reader).filter(status=ResourceStatus.ACTIVE)
    rows = list(visible.prefetch_related(None).values_list("pk", "words"))
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
    shared_of: dict[int, list[str]] = {}
    for pk, words in rows:
        own = _words(words) | kinds_of.get(pk, set())
        for adaptation in adaptations.get(pk, []):
            own |= _words(adaptation.words)
        shared = sorted(wanted & own)
        if shared or not wanted:
            shared_of[pk] = shared
    person = case.person if family else None
    home = person.district_id if person is not None else None
    if not wanted:
        # Nothing of their interests is written yet: the places where they can go.
        reach = districts | ({home} if home else set())
        if reach:
            near = set(visible.filter(locations__district__in=reach).values_list("pk", flat=True))
            shared_of = {pk: [] for pk in shared_of if pk in near}
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
        today,
    )
    ranked: list[Match] = []
    left_out: list[LeftOut] = []
    for resource in directory(reader).filter(pk__in=list(shared_of)):
        listing = Listing(resource, reader)
        options: list[Match | LeftOut] = [
            weigher.weigh(listing, shared_of[resource.pk], a)
            for a in [None, *adaptations.get(resource.pk, [])]
        ]
        fitting = [o for o in options if isinstance(o, Match)]
        if fitting:
            ranked.append(min(fitting, key=lambda m: (len(m.concerns), -len(m.reasons))))
        else:
            best = options[0]
            assert isinstance(best, LeftOut)  # noqa: S101
            left_out.append(best)
    ranked.sort(key=Match.order)
    left_out.sort(
        key=lambda o: (-len(o.shared), o.listing.resource.name_kana, o.listing.resource.pk)
    )
    return Matches(
        profile=profile,
        ranked=ranked,
        left_out=left_out,
        unrelated=len(rows) - len(shared_of),
        searched=len(rows),
        used_family=person is not None,
        order_rule=str(ORDER_RULE),
    )


def _history(resources: Iterable[int], case_id: int) -> dict[int, Counter[str]]:
    """How it went for others at each place: how many kept going, how many stopped after a
    visit or a trial (counts only: no one is named)."""
    went: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Participation.objects.filter(resource__in=list(resources))
        .exclude(case_id=case_id)
        .values_list("resource_id", "stage", "continuing_since")
    )
    for resource_id, stage, since in rows:
        if stage == Stage.CONTINUING or (stage == Stage.ENDED and since is not None):
            went[resource_id][Stage.CONTINUING] += 1
        elif stage == Stage.ENDED:
            went[resource_id]["stopped"] += 1
    return went


def _declines(resources: Iterable[int], case_id: int) -> dict[int, Counter[str]]:
    said_no: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Decline.objects.filter(resource__in=list(resources))
        .exclude(case_id=case_id)
        .values_list("resource_id", "reason")
    )
    for resource_id, reason in rows:
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
