"""API of 政策化, as its pages: barriers heard in dialogue and the programme that almost fits,
themes and their response, the 庁内事業 inventory, 支援者支援, ナラティブ, and the 地域福祉計画
with its indicators. The same services and selectors as the pages; nothing here names a person."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import District, Organization, User
from tsunagu.cases.selectors import get_case_for_writer
from tsunagu.core.api import Code, JapaneseDate, Page, PageFilters, caller, page_of, pick, picks
from tsunagu.core.calendar import fiscal_year_start
from tsunagu.insights import selectors, services, targets
from tsunagu.insights.choices import (
    BlockedBy,
    Decision,
    Direction,
    Function,
    Funding,
    IndicatorSource,
    Level,
    ResponseStatus,
    Source,
    TargetGroup,
    ToldBy,
)
from tsunagu.insights.models import LogicModel, Program, Theme, WelfarePlan

router = Router(tags=["policy"])
POLICY = services.POLICY_ROLES
STAFF = (*CASE_ROLES, Role.MANAGER)


class CreatedOut(Schema):
    id: int


# -- Barriers heard in dialogue, and the programme that almost fits ------------------------------


class DialogueBarrierIn(Schema):
    source: Annotated[str, Code(Source)]
    would_help: str
    blocked_by: Annotated[str, Code(BlockedBy)]
    occasion: str = ""
    noticed_on: JapaneseDate = None
    detail: str = ""
    program: str = ""
    is_gap: bool = False
    district_id: int | None = None
    names_checked: bool = False


@router.post(
    "/barriers/dialogue",
    response={201: CreatedOut},
    summary="Record a barrier heard in dialogue with no case (おしゃべり会, 庁内散歩, 車座)",
)
def record_dialogue_barrier(
    request: HttpRequest, payload: DialogueBarrierIn
) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    data = payload.model_dump()
    district = pick(District.objects.all(), data.pop("district_id"), "district_id")
    barrier = services.record_dialogue_barrier(actor=user, district=district, **data)
    return Status(201, {"id": barrier.pk})


class SuggestionOut(Schema):
    program_id: int
    section: str
    name: str
    functions: list[str]
    targets: list[str]
    words: list[str]


@router.get(
    "/barriers/{barrier_id}/programs",
    response=list[SuggestionOut],
    summary="Which programme could cover this need? (福祉×○○), most likely first",
)
def barrier_programs(request: HttpRequest, barrier_id: int) -> list[dict[str, Any]]:
    user = caller(request, *POLICY)
    return [
        {
            "program_id": s.program.pk,
            "section": s.program.section,
            "name": s.program.name,
            "functions": s.functions,
            "targets": s.targets,
            "words": s.words,
        }
        for s in selectors.programs_for([selectors.find_barrier(user, barrier_id)])
    ]


class FitIn(Schema):
    program_id: int
    lacks: str = ""


@router.post(
    "/barriers/{barrier_id}/fits",
    response={201: CreatedOut},
    summary="Link the programme that almost covers a barrier's need, and what it lacks",
)
def link_program(request: HttpRequest, barrier_id: int, payload: FitIn) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    barrier = selectors.find_barrier(user, barrier_id)
    program = pick(Program.objects.all(), payload.program_id, "program_id")
    fit = services.link_program(actor=user, barrier=barrier, program=program, lacks=payload.lacks)  # type: ignore[arg-type]
    return Status(201, {"id": fit.pk})


# -- Themes and their response -------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    title: str
    description: str
    status: Annotated[str, Code(ResponseStatus)]
    decision: str
    decision_text: str
    owner: str | None
    due_on: dt.date | None
    program_id: int | None
    barriers: int


def _theme(theme: Theme) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "title": theme.title,
        "description": theme.description,
        "status": theme.status,
        "decision": theme.decision,
        "decision_text": theme.decision_text,
        "owner": theme.owner.display_name if theme.owner else None,
        "due_on": theme.due_on,
        "program_id": theme.program_id,
        "barriers": getattr(theme, "barrier_count", None) or theme.barriers.count(),
    }


class ThemeFilters(PageFilters):
    status: Annotated[str, Code(ResponseStatus)] | None = None


@router.get("/themes", response=Page[ThemeOut], summary="Themes of barriers and their response")
def list_themes(request: HttpRequest, filters: Query[ThemeFilters]) -> dict[str, Any]:
    user = caller(request, *POLICY)
    rows, page = page_of(selectors.themes(user, filters.status or ""), filters)
    return {**page, "items": [_theme(t) for t in rows]}


class ThemeIn(Schema):
    title: str
    description: str = ""
    barrier_ids: list[int] = []
    owner_id: int | None = None
    due_on: JapaneseDate = None


@router.post(
    "/themes", response={201: ThemeOut}, summary="Receive a theme (受け止め) from barriers"
)
def create_theme(request: HttpRequest, payload: ThemeIn) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    services.policy_organization(user)
    barriers = picks(selectors.barriers_in(user), payload.barrier_ids[:500], "barrier_ids")
    owner = pick(User.objects.filter(is_active=True), payload.owner_id, "owner_id")
    theme = services.create_theme(
        actor=user,
        title=payload.title,
        description=payload.description,
        barriers=barriers,
        owner=owner,
        due_on=payload.due_on,
    )
    return Status(201, _theme(theme))


@router.get(
    "/themes/{theme_id}", response=ThemeOut, summary="A theme and where its response stands"
)
def get_theme(request: HttpRequest, theme_id: int) -> dict[str, Any]:
    user = caller(request, *POLICY)
    return _theme(selectors.find_theme(user, theme_id))


class StepIn(Schema):
    status: Annotated[str, Code(ResponseStatus)]
    note: str = ""
    decision: Annotated[str, Code(Decision)] | None = None
    decision_text: str = ""
    owner_id: int | None = None
    due_on: JapaneseDate = None
    program_id: int | None = None


@router.post(
    "/themes/{theme_id}/steps",
    response={201: ThemeOut},
    summary="The next step of a theme's response (検討, 対応決定, 実施, 振り返り)",
)
def advance_theme(request: HttpRequest, theme_id: int, payload: StepIn) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    theme = selectors.find_theme(user, theme_id)
    owner = pick(User.objects.filter(is_active=True), payload.owner_id, "owner_id")
    program = pick(Program.objects.all(), payload.program_id, "program_id")
    services.advance_theme(
        actor=user,
        theme=theme,
        status=payload.status,
        note=payload.note,
        decision=payload.decision or "",
        decision_text=payload.decision_text,
        owner=owner,
        due_on=payload.due_on,
        program=program,
    )
    return Status(201, _theme(selectors.find_theme(user, theme_id)))


# -- 庁内事業 -------------------------------------------------------------------------------------


class ProgramIn(Schema):
    fiscal_year: int
    section: str
    name: str
    purpose: str = ""
    target: str = ""
    functions: list[Annotated[str, Code(Function)]] = []
    targets: list[Annotated[str, Code(TargetGroup)]] = []
    funding: list[Annotated[str, Code(Funding)]] = []
    budget: int | None = None
    staff: str = ""
    contact: str = ""
    is_active: bool = True


class ProgramOut(ProgramIn):
    id: int


class ProgramCorrection(Schema):
    reason: str
    fiscal_year: int | None = None
    section: str | None = None
    name: str | None = None
    purpose: str | None = None
    target: str | None = None
    functions: list[Annotated[str, Code(Function)]] | None = None
    targets: list[Annotated[str, Code(TargetGroup)]] | None = None
    funding: list[Annotated[str, Code(Funding)]] | None = None
    budget: int | None = None
    staff: str | None = None
    contact: str | None = None
    is_active: bool | None = None


def _program(program: Program) -> dict[str, Any]:
    return {"id": program.pk, **{f: getattr(program, f) for f in services.PROGRAM_FIELDS}}


class ProgramFilters(PageFilters):
    q: str = ""
    function: Annotated[str, Code(Function)] | None = None
    funding: Annotated[str, Code(Funding)] | None = None
    year: int | None = None


@router.get("/programs", response=Page[ProgramOut], summary="The 庁内事業 inventory")
def list_programs(request: HttpRequest, filters: Query[ProgramFilters]) -> dict[str, Any]:
    caller(request, *STAFF)
    rows = selectors.programs(
        query=filters.q,
        function=filters.function or "",
        funding=filters.funding or "",
        year=filters.year,
    )
    found, page = page_of(rows, filters)
    return {**page, "items": [_program(p) for p in found]}


@router.post("/programs", response={201: ProgramOut}, summary="Add a programme to the inventory")
def record_program(request: HttpRequest, payload: ProgramIn) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    return Status(201, _program(services.record_program(actor=user, **payload.model_dump())))


@router.get("/programs/{program_id}", response=ProgramOut, summary="A programme of the inventory")
def get_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    caller(request, *STAFF)
    return _program(selectors.find_program(program_id))


@router.patch(
    "/programs/{program_id}",
    response=ProgramOut,
    summary="Correct a programme (the earlier values are kept)",
)
def correct_program(
    request: HttpRequest, program_id: int, payload: ProgramCorrection
) -> dict[str, Any]:
    user = caller(request, *POLICY)
    program = selectors.find_program(program_id)
    changes = payload.model_dump(exclude_unset=True)
    reason = changes.pop("reason")
    changes = {k: v for k, v in changes.items() if v is not None}
    return _program(services.correct_program(actor=user, program=program, reason=reason, **changes))


# -- 支援者支援 -------------------------------------------------------------------------------------


class AdviceOut(Schema):
    id: int
    topic: str
    situation: str
    question: str
    status: str
    asking_agency: str
    hub: str
    case_id: int | None
    follow_up_on: dt.date | None
    created_at: dt.datetime
    replies: list[dict[str, Any]]


def _advice(advice: Any, replies: bool = True) -> dict[str, Any]:
    return {
        "id": advice.pk,
        "topic": advice.topic,
        "situation": advice.situation,
        "question": advice.question,
        "status": advice.status,
        "asking_agency": advice.organization.name,
        "hub": advice.hub.name,
        "case_id": advice.case_id,
        "follow_up_on": advice.follow_up_on,
        "created_at": advice.created_at,
        "replies": [
            {
                "author": r.author.display_name,
                "agency": r.organization.name,
                "text": r.text,
                "at": r.created_at,
            }
            for r in advice.replies.select_related("author", "organization")
        ]
        if replies
        else [],
    }


class AdviceFilters(PageFilters):
    box: str = "outbox"


@router.get(
    "/advice",
    response=Page[AdviceOut],
    summary="Requests for advice: to the hub (inbox) or from us",
)
def list_advice(request: HttpRequest, filters: Query[AdviceFilters]) -> dict[str, Any]:
    user = caller(request, *CASE_ROLES)
    rows, page = page_of(
        selectors.advice_box(user, "inbox" if filters.box == "inbox" else "outbox"), filters
    )
    return {**page, "items": [_advice(a, replies=False) for a in rows]}


class AdviceIn(Schema):
    hub_id: int
    topic: str
    situation: str
    question: str
    case_id: int | None = None
    names_checked: bool = False


@router.post(
    "/advice", response={201: AdviceOut}, summary="Ask the 多機関協働 hub for advice (支援者支援)"
)
def ask_advice(request: HttpRequest, payload: AdviceIn) -> Status[dict[str, Any]]:
    user = caller(request, *CASE_ROLES)
    data = payload.model_dump()
    hub = pick(Organization.objects.filter(is_coordinating_body=True), data.pop("hub_id"), "hub_id")
    number = data.pop("case_id")
    case = get_case_for_writer(user, number) if number else None
    return Status(201, _advice(services.ask_advice(actor=user, hub=hub, case=case, **data)))  # type: ignore[arg-type]


@router.get(
    "/advice/{advice_id}", response=AdviceOut, summary="A request for advice and its messages"
)
def get_advice(request: HttpRequest, advice_id: int) -> dict[str, Any]:
    user = caller(request, *CASE_ROLES)
    return _advice(selectors.find_advice(user, advice_id))


class ReplyIn(Schema):
    text: str = ""
    follow_up_on: JapaneseDate = None
    settle: bool = False
    names_checked: bool = False


@router.post(
    "/advice/{advice_id}/replies",
    response={201: AdviceOut},
    summary="Answer (the hub) or follow up (the asker); either may settle it",
)
def reply_advice(request: HttpRequest, advice_id: int, payload: ReplyIn) -> Status[dict[str, Any]]:
    user = caller(request, *CASE_ROLES)
    advice = selectors.find_advice(user, advice_id)
    services.reply_advice(actor=user, request=advice, **payload.model_dump())
    return Status(201, _advice(selectors.find_advice(user, advice_id)))


# -- ナラティブ -------------------------------------------------------------------------------------


class NarrativeOut(Schema):
    id: int
    title: str
    told_by: Annotated[str, Code(ToldBy)]
    status: str
    text: str
    agency: str
    shared_at: dt.datetime | None


def _narrative(narrative: Any, user: User) -> dict[str, Any]:
    """The shared text; the draft only for its author."""
    mine = narrative.author_id == user.pk
    return {
        "id": narrative.pk,
        "title": narrative.title,
        "told_by": narrative.told_by,
        "status": narrative.status,
        "text": narrative.shared_body
        if narrative.status == "shared" or not mine
        else narrative.body,
        "agency": narrative.organization.name,
        "shared_at": narrative.shared_at,
    }


@router.get("/narratives", response=Page[NarrativeOut], summary="The shared stories of 成解")
def list_narratives(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    user = caller(request, *STAFF)
    rows, page = page_of(selectors.shared_narratives(), filters)
    return {**page, "items": [_narrative(n, user) for n in rows]}


class NarrativeIn(Schema):
    title: str
    told_by: Annotated[str, Code(ToldBy)]
    body: str
    consent_on: JapaneseDate = None
    consent_how: str = ""


@router.post(
    "/narratives", response={201: NarrativeOut}, summary="Write a story (a draft for its author)"
)
def record_narrative(request: HttpRequest, payload: NarrativeIn) -> Status[dict[str, Any]]:
    user = caller(request, *STAFF)
    return Status(
        201, _narrative(services.record_narrative(actor=user, **payload.model_dump()), user)
    )


@router.get(
    "/narratives/{narrative_id}",
    response=NarrativeOut,
    summary="A story: shared, or its author's draft",
)
def get_narrative(request: HttpRequest, narrative_id: int) -> dict[str, Any]:
    user = caller(request, *STAFF)
    return _narrative(selectors.find_narrative(user, narrative_id), user)


class ShareIn(Schema):
    shared_body: str
    title: str | None = None
    consent_on: JapaneseDate = None
    consent_how: str | None = None
    names_checked: bool = False


@router.post(
    "/narratives/{narrative_id}/share",
    response=NarrativeOut,
    summary="Share a story, de-identified (refused while a registered name remains)",
)
def share_narrative(request: HttpRequest, narrative_id: int, payload: ShareIn) -> dict[str, Any]:
    user = caller(request, *STAFF)
    narrative = selectors.find_narrative(user, narrative_id)
    return _narrative(
        services.share_narrative(actor=user, narrative=narrative, **payload.model_dump()), user
    )


# -- 地域福祉計画 ---------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    name: str
    level: str
    source: str
    metric: str
    survey: str
    district: str | None
    unit: str
    direction: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    target_year: int | None
    #: null where there is none yet, or where a district's small count hides it (hidden_years).
    values: dict[int, Decimal | None]
    hidden_years: list[int]
    latest: Decimal | None
    reached: bool | None


class PlanOut(Schema):
    id: int
    name: str
    first_year: int
    last_year: int
    vision: str
    indicators: list[IndicatorOut]


def _plan(plan: Any) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "name": plan.name,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "vision": plan.vision,
        "indicators": [
            {
                "id": p.indicator.pk,
                **{
                    f: getattr(p.indicator, f)
                    for f in ("name", "level", "source", "metric", "survey", "unit", "direction")
                },
                "district": p.indicator.district.name if p.indicator.district else None,
                **{
                    f: getattr(p.indicator, f)
                    for f in ("baseline", "baseline_year", "target", "target_year")
                },
                "values": {year: p.value(year) for year in p.values},
                "hidden_years": sorted(p.hidden),
                "latest": p.latest,
                "reached": p.reached,
            }
            for p in targets.progress(plan)
        ],
    }


@router.get(
    "/plans", response=list[PlanOut], summary="地域福祉計画 with their indicators year by year"
)
def list_welfare_plans(request: HttpRequest) -> list[dict[str, Any]]:
    caller(request, *POLICY)
    return [_plan(p) for p in WelfarePlan.objects.all()[:20]]


class PlanIn(Schema):
    name: str
    first_year: int
    last_year: int
    vision: str = ""


@router.post("/plans", response={201: PlanOut}, summary="Make a 地域福祉計画")
def create_welfare_plan(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    return Status(201, _plan(services.create_welfare_plan(actor=user, **payload.model_dump())))


@router.get(
    "/plans/{plan_id}",
    response=PlanOut,
    summary="A plan: each indicator's baseline, target and values",
)
def get_welfare_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    caller(request, *POLICY)
    return _plan(selectors.find_plan(plan_id))


class IndicatorIn(Schema):
    name: str
    source: Annotated[str, Code(IndicatorSource)]
    metric: str = ""
    survey: str = ""
    level: Annotated[str, Code(Level)] = "outcome"
    district_id: int | None = None
    unit: str = ""
    direction: Annotated[str, Code(Direction)] = "up"
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal | None = None
    target_year: int | None = None
    logic_model_id: int | None = None


@router.post(
    "/plans/{plan_id}/indicators", response={201: CreatedOut}, summary="Set an indicator of a plan"
)
def add_indicator(
    request: HttpRequest, plan_id: int, payload: IndicatorIn
) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    plan = selectors.find_plan(plan_id)
    data = payload.model_dump()
    district = pick(District.objects.all(), data.pop("district_id"), "district_id")
    model = pick(LogicModel.objects.filter(plan=plan), data.pop("logic_model_id"), "logic_model_id")
    indicator = services.add_indicator(
        actor=user, plan=plan, district=district, logic_model=model, **data
    )
    return Status(201, {"id": indicator.pk})


class ValueIn(Schema):
    fiscal_year: int
    value: Decimal
    note: str = ""


@router.post(
    "/indicators/{indicator_id}/values",
    response={201: CreatedOut},
    summary="A year's value of a surveyed indicator (a value for the same year again corrects it)",
)
def record_value(
    request: HttpRequest, indicator_id: int, payload: ValueIn
) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    indicator = selectors.find_indicator(indicator_id)
    row = services.record_indicator_value(actor=user, indicator=indicator, **payload.model_dump())
    return Status(201, {"id": row.pk})


class LogicModelIn(Schema):
    title: str
    program_id: int | None = None
    inputs: str = ""
    activities: str = ""
    outputs: str = ""
    outcomes: str = ""


@router.post(
    "/plans/{plan_id}/logic-models", response={201: CreatedOut}, summary="Add a 事業's logic model"
)
def add_logic_model(
    request: HttpRequest, plan_id: int, payload: LogicModelIn
) -> Status[dict[str, Any]]:
    user = caller(request, *POLICY)
    plan = selectors.find_plan(plan_id)
    data = payload.model_dump()
    program = pick(Program.objects.all(), data.pop("program_id"), "program_id")
    return Status(
        201, {"id": services.add_logic_model(actor=user, plan=plan, program=program, **data).pk}
    )


class ReviewOut(Schema):
    year: int
    barriers: int
    gaps: int
    stories: int
    decided: list[ThemeOut]
    carried_out: list[ThemeOut]
    still_open: list[ThemeOut]


@router.get(
    "/plans/{plan_id}/review",
    response=ReviewOut,
    summary="The yearly review (毎年ブラッシュアップ) of a fiscal year of the plan",
)
def plan_review(request: HttpRequest, plan_id: int, year: int | None = None) -> dict[str, Any]:
    user = caller(request, *POLICY)
    plan = selectors.find_plan(plan_id)
    year = (
        year
        if year in plan.years
        else min(max(fiscal_year_start().year, plan.first_year), plan.last_year)
    )
    found = targets.review(plan, year, user)
    return {
        "year": year,
        "barriers": found.barriers,
        "gaps": found.gaps,
        "stories": found.stories,
        "decided": [_theme(t) for t in found.decided],
        "carried_out": [_theme(t) for t in found.carried_out],
        "still_open": [_theme(t) for t in found.still_open],
    }
