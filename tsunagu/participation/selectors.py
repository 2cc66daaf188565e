"""参加支援's reads, always through the case's access (sharing.access): the profile,
participations and declines are 参加・つながり, read by the lead and by the agencies whose consent
covers that category; every read is audited, and what reached another agency is a disclosure."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.audit.services import record_listing
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import (
    CARD_RELATED,
    access_case,
    disclose,
    read_case,
    read_caseload,
)
from tsunagu.participation.choices import ACTIVE_STAGES
from tsunagu.participation.matching import Matches, match_profile
from tsunagu.participation.models import (
    Adaptation,
    Decline,
    HostAccount,
    Participation,
    Profile,
    Step,
    Wellbeing,
)
from tsunagu.resources.models import Provider, Resource
from tsunagu.resources.selectors import directory, reader_of
from tsunagu.sharing.access import CaseAccess, readable_condition
from tsunagu.sharing.choices import InfoCategory

PARTICIPATION_PAGE = _("participation support")
MATCHES_PAGE = _("participation support: matches")
PARTICIPATIONS = _("participation support: people taking part")
P = InfoCategory.PARTICIPATION


def _participations() -> QuerySet[Participation]:
    return Participation.objects.select_related(
        "resource", "adaptation", "coordinator", "organization"
    ).prefetch_related(
        Prefetch(
            "steps",
            queryset=Step.objects.select_related("accompanied_by", "recorded_by"),
        )
    )


@dataclass
class CaseParticipation:
    """What a reader sees of a case's 参加支援: nothing of it (only `access.missing()`) where
    参加・つながり is closed to them."""

    access: CaseAccess
    profile: Profile | None = None
    participations: list[Participation] = field(default_factory=list)
    declines: list[Decline] = field(default_factory=list)
    wellbeing: list[Wellbeing] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.access.sees(P)


def open_access(user: User, case_id: int) -> CaseAccess:
    """The user's access to a case whose 参加・つながり is open to them, or 404 (for a case
    they may not know, and for one whose 参加支援 is closed to them, alike). Not audited: for
    a write's lookup, and before a read that is."""
    access = access_case(user, case_id)
    if not access.sees(P):
        raise Http404
    return access


def find_participation(user: User, participation_id: int) -> tuple[CaseAccess, Participation]:
    """A participation and the access to its case, for a write (not audited), or 404."""
    found = Participation.objects.filter(pk=participation_id).select_related("resource").first()
    if found is None:
        raise Http404
    return open_access(user, found.case_id), found


def read_case_participation(
    user: User, case_id: int, *, what: object = PARTICIPATION_PAGE, only_open: bool = False
) -> CaseParticipation:
    """A case's 参加支援 (profile, participations with their steps, declines): audited, and a
    disclosure where another agency read it. `only_open`: 404 (unaudited) where 参加・つながり
    is closed to the reader."""
    if only_open:
        open_access(user, case_id)
    access = read_case(user, case_id, what=what)  # type: ignore[arg-type]
    seen = CaseParticipation(access)
    if not seen.open:
        disclose(user, access, what)  # type: ignore[arg-type]
        return seen
    seen.profile = Profile.objects.filter(case=access.case).prefetch_related("districts").first()
    seen.participations = list(_participations().filter(case=access.case))
    seen.declines = list(Decline.objects.filter(case=access.case).select_related("resource"))
    seen.wellbeing = list(Wellbeing.objects.filter(case=access.case))
    shown = P if (seen.profile or seen.participations or seen.declines or seen.wellbeing) else 0
    disclose(user, access, what, shown)  # type: ignore[arg-type]
    return seen


def read_matches(user: User, case_id: int) -> tuple[CaseParticipation, Matches | None]:
    """The explained matches for the person of a case (None without a profile, or where
    参加・つながり is closed). The person's district and age count where 属性・家族関係 is open
    to the reader, and the disclosure says so."""
    seen = read_case_participation(user, case_id, what=MATCHES_PAGE, only_open=True)
    if seen.profile is None:
        return seen, None
    matches = match_profile(seen.profile, reader_of(user), family=seen.access.sees_family)
    if matches.used_family:
        disclose(user, seen.access, MATCHES_PAGE, InfoCategory.FAMILY)
    return seen, matches


def participation_for(user: User, participation_id: int) -> tuple[CaseParticipation, Participation]:
    """One participation, read with its case (404 for one missing, and for one whose case's
    参加・つながり is closed to the reader, alike)."""
    case_id = (
        Participation.objects.filter(pk=participation_id).values_list("case_id", flat=True).first()
    )
    if case_id is None:
        raise Http404
    seen = read_case_participation(user, case_id, only_open=True)
    found = next((p for p in seen.participations if p.pk == participation_id), None)
    if found is None:
        raise Http404
    return seen, found


def participating_cases(user: User) -> QuerySet[Case]:
    """The cases whose 参加・つながり the user may read (their agencies' own, and those a
    consent opens to them)."""
    return Case.objects.filter(readable_condition(user, P))


@dataclass
class Desk:
    """参加支援コーディネーターの机: who is at which stage, the steps and follow-ups coming up."""

    by_stage: dict[str, list[Participation]]
    upcoming: list[Step]
    cards: dict[int, object]
    today: dt.date

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.by_stage.values())


def visible_participations(user: User) -> QuerySet[Participation]:
    """The participations of the cases whose 参加・つながり the user may read, oldest first."""
    return (
        _participations()
        .filter(case__in=participating_cases(user))
        .select_related(*(f"case__{r}" for r in CARD_RELATED))
        .order_by("introduced_on", "pk")
    )


def record_participations(user: User, rows: list[Participation]) -> dict[int, Any]:
    """A list of participations was shown: one audited listing, and for each case led elsewhere
    a disclosure of 参加・つながり (and of the name, where its card showed it). The cards."""
    cases = list({p.case_id: p.case for p in rows}.values())
    cards = read_caseload(user, cases, what=PARTICIPATIONS, audit=False)
    record_listing(actor=user, rows=rows, what=PARTICIPATIONS)
    for card in cards.values():
        disclose(user, card, PARTICIPATIONS, P)
    return dict(cards)


def read_desk(user: User, *, today: dt.date | None = None) -> Desk:
    """The participations in progress of the cases the user may read, by stage, and the steps
    planned from today on; one audited listing, and disclosures of the names shown."""
    today = today or timezone.localdate()
    rows = list(visible_participations(user).filter(stage__in=ACTIVE_STAGES))
    cards = record_participations(user, rows)
    by_stage: dict[str, list[Participation]] = {stage: [] for stage in ACTIVE_STAGES}
    for row in rows:
        by_stage[row.stage].append(row)
    upcoming = sorted(
        (s for p in rows for s in p.steps.all() if s.happened_on is None),
        key=lambda s: (s.planned_on or today, s.pk),
    )
    return Desk(by_stage, upcoming, cards, today)


def visible_adaptations(user: User) -> QuerySet[Adaptation]:
    """資源化 of the places the user may see in the directory (they name no one)."""
    return (
        Adaptation.objects.filter(resource__in=directory(reader_of(user)).values("pk"))
        .select_related("resource", "negotiated_by", "organization")
        .order_by("-negotiated_on", "-pk")
    )


HOST_PAGE = _("the host's page: whom to expect")


@dataclass
class HostView:
    """What a host sees: its places (with their room and when last confirmed) and whom to
    expect at each — the name and the line the person agreed the host may know, and the day
    of the next visit planned."""

    host: HostAccount
    resources: list[Resource]
    expected: list[tuple[Participation, dt.date | None]]


def read_host_view(user: User) -> HostView:
    """The host's page, or 404 for anyone who is not a host; the people it names are one
    audited listing (on their consent)."""
    host = (
        HostAccount.objects.filter(user=user, user__is_active=True)
        .select_related("provider")
        .first()
    )
    if host is None:
        raise Http404
    resources = list(
        Resource.objects.filter(provider=host.provider)
        .prefetch_related("capacities", "confirmations", "schedules")
        .order_by("name_kana", "pk")
    )
    shown = list(
        Participation.objects.filter(
            resource__in=resources, stage__in=ACTIVE_STAGES, case__closed_on__isnull=True
        )
        .exclude(host_name="")
        .select_related("resource")
        .prefetch_related("steps")
        .order_by("resource", "pk")
    )
    record_listing(actor=user, rows=shown, what=HOST_PAGE, legal_basis="consent")
    expected = []
    for p in shown:
        planned = [s.planned_on for s in p.steps.all() if s.happened_on is None and s.planned_on]
        expected.append((p, min(planned) if planned else None))
    return HostView(host, resources, expected)


def host_providers(user: User) -> QuerySet[Provider]:
    """The providers of the places the user may see: those a host login may be made for."""
    return Provider.objects.filter(resources__in=directory(reader_of(user))).distinct()
