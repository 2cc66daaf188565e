"""API: 参加支援 — a case's profile, explained matches, participations with their steps,
declines and 資源化 — read and written as the pages do (one access: participation.selectors;
one set of rules: participation.services)."""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tsunagu.accounts.access import READERS
from tsunagu.accounts.models import District, User
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of
from tsunagu.core.forms import fiscal_period
from tsunagu.participation import selectors, services
from tsunagu.participation.choices import (
    DeclineReason,
    EndReason,
    Loneliness,
    Stage,
    StepKind,
    TimeOfDay,
    UclaAnswer,
    WellbeingPoint,
)
from tsunagu.participation.figures import participation_figures
from tsunagu.participation.matching import Reason
from tsunagu.participation.models import Adaptation, Decline, Participation, Profile, Step

router = Router(tags=["participation"])


class ProfileIn(Schema):
    interests: str = ""
    strengths: str = ""
    wishes: str = ""
    dislikes: str = ""
    days: list[int] = []  # 0 Monday … 6 Sunday
    times: list[Annotated[str, Code(TimeOfDay)]] = []
    district_ids: list[int] = []
    needs_pickup: bool = False
    needs_step_free: bool = False
    needs_wheelchair: bool = False
    needs_quiet: bool = False
    max_cost: int | None = None
    health: str = ""
    other_limits: str = ""
    #: Why it is corrected (required once a profile exists).
    reason: str = ""


class ProfileOut(Schema):
    interests: str
    strengths: str
    wishes: str
    dislikes: str
    days: list[int]
    times: list[Annotated[str, Code(TimeOfDay)]]
    district_ids: list[int]
    needs_pickup: bool
    needs_step_free: bool
    needs_wheelchair: bool
    needs_quiet: bool
    max_cost: int | None
    health: str
    other_limits: str
    updated_at: dt.datetime


class StepOut(Schema):
    id: int
    kind: Annotated[str, Code(StepKind)]
    planned_on: dt.date | None
    happened_on: dt.date | None
    accompanied_by: str
    note: str


class ParticipationOut(Schema):
    id: int
    case_id: int
    resource_id: int
    resource: str
    adaptation_id: int | None
    stage: Annotated[str, Code(Stage)]
    introduced_on: dt.date
    continuing_since: dt.date | None
    ended_on: dt.date | None
    end_reason: Annotated[str, Code(EndReason)] | None
    host_contact: str
    host_name: str
    host_note: str
    outcome: str
    steps: list[StepOut]


class DeclineOut(Schema):
    id: int
    resource_id: int
    reason: Annotated[str, Code(DeclineReason)]
    note: str
    declined_on: dt.date


def _scale(choices: Any) -> str:
    """An answer scale as the document describes it: 1 決してない, 2 ほとんどない …"""
    with translation.override("ja"):
        return "、".join(f"{value} {label}" for value, label in choices.choices)


class WellbeingOut(Schema):
    id: int
    point: Annotated[str, Code(WellbeingPoint)]
    measured_on: dt.date
    loneliness: Annotated[int, Field(ge=1, le=5, description=_scale(Loneliness))]
    companionship: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]
    left_out: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]
    isolated: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]
    ucla: int


class WellbeingIn(Schema):
    point: Annotated[str, Code(WellbeingPoint)]
    measured_on: JapaneseDate = None
    loneliness: Annotated[int, Field(ge=1, le=5, description=_scale(Loneliness))]
    companionship: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]
    left_out: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]
    isolated: Annotated[int, Field(ge=1, le=4, description=_scale(UclaAnswer))]


class CaseParticipationOut(Schema):
    case_id: int
    profile: ProfileOut | None
    participations: list[ParticipationOut]
    declines: list[DeclineOut]
    wellbeing: list[WellbeingOut]


class DistrictFiguresOut(Schema):
    district: str
    people: int
    by_stage: dict[str, int]
    days_to_first_visit: float | None
    kept_3_months: int
    began_3_months_before: int
    kept_6_months: int
    began_6_months_before: int


class WellbeingFiguresOut(Schema):
    point: Annotated[str, Code(WellbeingPoint)]
    answered: int
    ucla_mean: float | None
    #: The share (%) of each answer to the direct question, by its code (1–5).
    loneliness: dict[int, float]


class FiguresOut(Schema):
    since: dt.date
    until: dt.date
    districts: list[DistrictFiguresOut]
    hosts: int
    adaptations_made: int
    adaptations_reused: int
    wellbeing: list[WellbeingFiguresOut]
    #: 令和4年 人々のつながりに関する基礎調査: the national shares (%) by answer code.
    national_loneliness: dict[int, float]


class PeriodIn(Schema):
    since: JapaneseDate = None
    until: JapaneseDate = None


class ReasonOut(Schema):
    text: str
    on: dt.date | None


class MatchOut(Schema):
    resource_id: int
    name: str
    shared_words: list[str]
    reasons: list[ReasonOut]
    concerns: list[ReasonOut]
    adaptation_id: int | None


class LeftOutOut(Schema):
    resource_id: int
    name: str
    shared_words: list[str]
    why: list[ReasonOut]


class MatchesOut(Schema):
    order: str
    searched: int
    unrelated: int
    matches: list[MatchOut]
    left_out: list[LeftOutOut]


class IntroduceIn(Schema):
    resource_id: int
    adaptation_id: int | None = None
    host_contact: str = ""
    #: What the host may know, as the person agreed (the host's page shows only these).
    host_name: str = ""
    host_note: str = ""
    introduced_on: JapaneseDate = None


class DeclineIn(Schema):
    resource_id: int
    reason: Annotated[str, Code(DeclineReason)]
    note: str = ""
    declined_on: JapaneseDate = None


class StepIn(Schema):
    kind: Annotated[str, Code(StepKind)] | None = None
    #: A plan: the day it is planned for. A record: the day it happened (with the planned
    #: step's id, when it was planned).
    planned_on: JapaneseDate = None
    happened_on: JapaneseDate = None
    step_id: int | None = None
    accompanied_by_id: int | None = None
    note: str = ""


class EndIn(Schema):
    reason: Annotated[str, Code(EndReason)]
    ended_on: JapaneseDate = None
    note: str = ""
    outcome: str = ""


class ParticipationCorrectionIn(Schema):
    host_contact: str | None = None
    host_name: str | None = None
    host_note: str | None = None
    outcome: str | None = None
    introduced_on: JapaneseDate = None
    reason: str


class AdaptationIn(Schema):
    what: str
    days: list[int] = []
    times: list[Annotated[str, Code(TimeOfDay)]] = []
    capacity: int = 1
    valid_until: JapaneseDate = None
    quiet: bool = False
    step_free: bool = False
    pickup: bool = False
    host_contact: str = ""


class AdaptationOut(Schema):
    id: int
    resource_id: int
    resource: str
    what: str
    days: list[int]
    times: list[Annotated[str, Code(TimeOfDay)]]
    capacity: int
    valid_until: dt.date | None
    quiet: bool
    step_free: bool
    pickup: bool
    negotiated_on: dt.date


class CreatedOut(Schema):
    id: int


class ParticipationFilters(PageFilters):
    stage: Annotated[str, Code(Stage)] | None = None


def _profile(profile: Profile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        **{name: getattr(profile, name) for name in services.PROFILE_FIELDS},
        "days": [int(d) for d in profile.days],
        "times": profile.times.split(),
        "district_ids": [d.pk for d in profile.districts.all()],
        "updated_at": profile.updated_at,
    }


def _step(step: Step) -> dict[str, Any]:
    return {
        "id": step.pk,
        "kind": step.kind,
        "planned_on": step.planned_on,
        "happened_on": step.happened_on,
        "accompanied_by": step.accompanied_by.display_name if step.accompanied_by else "",
        "note": step.note,
    }


def _participation(p: Participation) -> dict[str, Any]:
    return {
        "id": p.pk,
        "case_id": p.case_id,
        "resource_id": p.resource_id,
        "resource": p.resource.name,
        "adaptation_id": p.adaptation_id,
        "stage": p.stage,
        "introduced_on": p.introduced_on,
        "continuing_since": p.continuing_since,
        "ended_on": p.ended_on,
        "end_reason": p.end_reason or None,
        "host_contact": p.host_contact,
        "host_name": p.host_name,
        "host_note": p.host_note,
        "outcome": p.outcome,
        "steps": [_step(s) for s in p.steps.all()],
    }


def _decline(d: Decline) -> dict[str, Any]:
    return {
        "id": d.pk,
        "resource_id": d.resource_id,
        "reason": d.reason,
        "note": d.note,
        "declined_on": d.declined_on,
    }


def _reasons(reasons: list[Reason]) -> list[dict[str, Any]]:
    return [{"text": r.text, "on": r.on} for r in reasons]


def _adaptation(a: Adaptation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "resource_id": a.resource_id,
        "resource": a.resource.name,
        "what": a.what,
        "days": [int(d) for d in a.days],
        "times": a.times.split(),
        "capacity": a.capacity,
        "valid_until": a.valid_until,
        "quiet": a.quiet,
        "step_free": a.step_free,
        "pickup": a.pickup,
        "negotiated_on": a.negotiated_on,
    }


@router.get(
    "/cases/{case_id}/participation",
    response=CaseParticipationOut,
    summary="A case's 参加支援: the profile (参加・つながり), participations and declines",
)
def get_case_participation(request: HttpRequest, case_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    seen = selectors.read_case_participation(user, case_id, only_open=True)
    return {
        "case_id": case_id,
        "profile": _profile(seen.profile),
        "participations": [_participation(p) for p in seen.participations],
        "declines": [_decline(d) for d in seen.declines],
        "wellbeing": [
            {
                "id": w.pk,
                "point": w.point,
                "measured_on": w.measured_on,
                "loneliness": w.loneliness,
                "companionship": w.companionship,
                "left_out": w.left_out,
                "isolated": w.isolated,
                "ucla": w.ucla,
            }
            for w in seen.wellbeing
        ],
    }


@router.post(
    "/cases/{case_id}/participation/wellbeing",
    response={201: CreatedOut},
    summary="Record the loneliness questions (with the person's agreement), once per point",
)
def post_wellbeing(
    request: HttpRequest, case_id: int, payload: WellbeingIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    access = selectors.open_access(user, case_id)
    wellbeing = services.record_wellbeing(actor=user, access=access, **payload.model_dump())
    return Status(201, {"id": wellbeing.pk})


@router.get(
    "/participation/figures",
    response=FiguresOut,
    summary="参加支援の実績 for a period (this fiscal year by default): counts only",
)
def get_figures(request: HttpRequest, period: Query[PeriodIn]) -> dict[str, Any]:
    user = caller(request, *READERS)
    _form, since, until = fiscal_period(
        {k: v.isoformat() for k, v in period.model_dump().items() if v}
    )
    found = participation_figures(user, since, until)
    return {
        "since": found.since,
        "until": found.until,
        "districts": [
            {
                "district": r.district,
                "people": r.people,
                "by_stage": r.by_stage,
                "days_to_first_visit": r.days_to_first_visit,
                "kept_3_months": r.kept_3[0],
                "began_3_months_before": r.kept_3[1],
                "kept_6_months": r.kept_6[0],
                "began_6_months_before": r.kept_6[1],
            }
            for r in found.rows
        ],
        "hosts": found.hosts,
        "adaptations_made": found.adaptations_made,
        "adaptations_reused": found.adaptations_reused,
        "wellbeing": [
            {
                "point": w.point,
                "answered": w.answered,
                "ucla_mean": w.ucla_mean,
                "loneliness": w.loneliness,
            }
            for w in found.wellbeing
        ],
        "national_loneliness": {int(k): v for k, v in found.national.items()},
    }


@router.put(
    "/cases/{case_id}/participation/profile",
    response=ProfileOut,
    summary="Write the profile in the person's words, or correct it (with the reason)",
)
def put_profile(request: HttpRequest, case_id: int, payload: ProfileIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    access = selectors.open_access(user, case_id)
    data = payload.model_dump()
    districts = list(District.objects.filter(pk__in=data.pop("district_ids")))
    profile = services.record_profile(
        actor=user, access=access, districts=districts, reason=data.pop("reason"), **data
    )
    return _profile(profile)  # type: ignore[return-value]


@router.get(
    "/cases/{case_id}/participation/matches",
    response=MatchesOut,
    summary="Explained matches: places that fit with their reasons, and those left out with why",
)
def get_matches(request: HttpRequest, case_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    _seen, found = selectors.read_matches(user, case_id)
    if found is None:
        raise Http404
    return {
        "order": found.order_rule,
        "searched": found.searched,
        "unrelated": found.unrelated,
        "matches": [
            {
                "resource_id": m.resource.pk,
                "name": m.resource.name,
                "shared_words": m.shared,
                "reasons": _reasons(m.reasons),
                "concerns": _reasons(m.concerns),
                "adaptation_id": m.adaptation.pk if m.adaptation else None,
            }
            for m in found.ranked
        ],
        "left_out": [
            {
                "resource_id": o.resource.pk,
                "name": o.resource.name,
                "shared_words": o.shared,
                "why": _reasons(o.why),
            }
            for o in found.left_out
        ],
    }


@router.post(
    "/cases/{case_id}/participation/participations",
    response={201: CreatedOut},
    summary="Introduce the person to a place (紹介)",
)
def post_introduction(
    request: HttpRequest, case_id: int, payload: IntroduceIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    access = selectors.open_access(user, case_id)
    adaptation = None
    if payload.adaptation_id is not None:
        adaptation = selectors.visible_adaptations(user).filter(pk=payload.adaptation_id).first()
        if adaptation is None:
            raise Http404
    participation = services.introduce(
        actor=user,
        access=access,
        resource_id=payload.resource_id,
        adaptation=adaptation,
        host_contact=payload.host_contact,
        host_name=payload.host_name,
        host_note=payload.host_note,
        introduced_on=payload.introduced_on,
    )
    return Status(201, {"id": participation.pk})


@router.post(
    "/cases/{case_id}/participation/declines",
    response={201: CreatedOut},
    summary="The person said no to a place, and why (it informs later matches)",
)
def post_decline(request: HttpRequest, case_id: int, payload: DeclineIn) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    access = selectors.open_access(user, case_id)
    decline = services.record_decline(actor=user, access=access, **payload.model_dump())
    return Status(201, {"id": decline.pk})


@router.get(
    "/participations",
    response=Page[ParticipationOut],
    summary="The participations of the cases whose 参加・つながり the caller may read",
)
def list_participations(
    request: HttpRequest, filters: Query[ParticipationFilters]
) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows = selectors.visible_participations(user)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    shown, page = page_of(rows, filters)
    selectors.record_participations(user, shown)
    return {**page, "items": [_participation(p) for p in shown]}


@router.get(
    "/participations/{participation_id}",
    response=ParticipationOut,
    summary="One participation with its steps",
)
def get_participation(request: HttpRequest, participation_id: int) -> dict[str, Any]:
    user = caller(request, *READERS)
    _seen, participation = selectors.participation_for(user, participation_id)
    return _participation(participation)


#: The writes take READERS, so that a manager who may read the case is refused with 403 (by the
#: services' writing_organization), not told 404.


def _companion(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    companion = User.objects.filter(pk=user_id, is_active=True).first()
    if companion is None:
        raise Http404
    return companion


@router.post(
    "/participations/{participation_id}/steps",
    response={201: CreatedOut},
    summary="Plan a step (planned_on, with who goes along) or record one (happened_on)",
)
def post_step(
    request: HttpRequest, participation_id: int, payload: StepIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    access, participation = selectors.find_participation(user, participation_id)
    companion = _companion(payload.accompanied_by_id)
    if payload.happened_on is not None:
        planned = None
        if payload.step_id is not None:
            planned = participation.steps.filter(pk=payload.step_id).first()
            if planned is None:
                raise Http404
        step = services.record_step(
            actor=user,
            access=access,
            participation=participation,
            kind=payload.kind or "",
            happened_on=payload.happened_on,
            accompanied_by=companion,
            note=payload.note,
            step=planned,
        )
    elif payload.planned_on is not None:
        step = services.plan_step(
            actor=user,
            access=access,
            participation=participation,
            kind=payload.kind or "",
            planned_on=payload.planned_on,
            accompanied_by=companion,
            note=payload.note,
        )
    else:
        raise ValidationError(
            {"planned_on": "Give planned_on to plan a step, or happened_on to record one."}
        )
    return Status(201, {"id": step.pk})


@router.post(
    "/participations/{participation_id}/end",
    response=ParticipationOut,
    summary="End a participation, with why and what changed for the person",
)
def post_end(request: HttpRequest, participation_id: int, payload: EndIn) -> dict[str, Any]:
    user = caller(request, *READERS)
    access, participation = selectors.find_participation(user, participation_id)
    services.end_participation(
        actor=user, access=access, participation=participation, **payload.model_dump()
    )
    return _participation(selectors.participation_for(user, participation_id)[1])


@router.patch(
    "/participations/{participation_id}",
    response=ParticipationOut,
    summary="Correct a participation (the host's contact, what changed; the earlier version is kept)",
)
def patch_participation(
    request: HttpRequest, participation_id: int, payload: ParticipationCorrectionIn
) -> dict[str, Any]:
    user = caller(request, *READERS)
    access, participation = selectors.find_participation(user, participation_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    services.correct_participation(
        actor=user, access=access, participation=participation, reason=payload.reason, **changes
    )
    return _participation(selectors.participation_for(user, participation_id)[1])


@router.post(
    "/participations/{participation_id}/adaptations",
    response={201: CreatedOut},
    summary="Record what the host agreed to change (資源化): offered to later matches",
)
def post_adaptation(
    request: HttpRequest, participation_id: int, payload: AdaptationIn
) -> Status[dict[str, Any]]:
    user = caller(request, *READERS)
    access, participation = selectors.find_participation(user, participation_id)
    adaptation = services.record_adaptation(
        actor=user,
        access=access,
        participation=participation,
        resource_id=participation.resource_id,
        **payload.model_dump(),
    )
    return Status(201, {"id": adaptation.pk})


@router.get(
    "/adaptations",
    response=Page[AdaptationOut],
    summary="資源化: what hosts agreed to change, as offers (they name no one)",
)
def list_adaptations(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    user = caller(request, *READERS)
    rows, page = page_of(selectors.visible_adaptations(user), filters)
    return {**page, "items": [_adaptation(a) for a in rows]}
