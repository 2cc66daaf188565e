"""Barriers as a manager sees them: counts and texts, without anyone's personal data."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Max, Q, QuerySet, When
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.core.calendar import fiscal_year_start, start_of_day
from tsunagu.core.japanese import content_words
from tsunagu.insights.choices import (
    AdviceStatus,
    BlockedBy,
    Function,
    Funding,
    NarrativeStatus,
    ResponseStatus,
    Source,
    TargetGroup,
)
from tsunagu.insights.dashboard import Breakdown, breakdown, count_by, labelled, named, scope_of
from tsunagu.insights.models import (
    AdviceRequest,
    Barrier,
    Indicator,
    Narrative,
    Program,
    ProgramFit,
    Theme,
    WelfarePlan,
)
from tsunagu.sharing.access import CaseAccess


def barriers_of(access: CaseAccess) -> list[Barrier]:
    """あとちょっと of a case, for those who work it: its lead, and its team where the case's
    生活歴・課題 is open to them (what blocked a person's next step speaks of their life)."""
    if not (access.is_lead or (access.on_team and access.sees_history)):
        return []
    return list(access.case.barriers.all())  # newest first


def barrier_texts(
    rows: QuerySet[Barrier] | None = None,
    *,
    blocked_by: str = "",
    source: str = "",
    gaps_only: bool = False,
    unthemed: bool = False,
    since: dt.date | None = None,
) -> QuerySet[Barrier]:
    """The texts, with the recording organization but no case, person or household."""
    rows = (
        (rows if rows is not None else Barrier.objects.all())
        .select_related("organization", "theme", "district")
        .only(
            "would_help",
            "blocked_by",
            "detail",
            "program",
            "is_gap",
            "source",
            "occasion",
            "created_at",
            "organization__name",
            "theme__title",
            "district__name",
        )
    )
    if blocked_by:
        rows = rows.filter(blocked_by=blocked_by)
    if source:
        rows = rows.filter(source=source)
    if gaps_only:
        rows = rows.filter(is_gap=True)
    if unthemed:
        rows = rows.filter(theme__isnull=True)
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    return rows.order_by("-created_at", "-pk")


# -- Barriers into decisions ---------------------------------------------------------------------


def barriers_in(
    user: User, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[Barrier]:
    """The barriers the reader's figures count: those recorded by the agencies in their scope
    (every agency for the 主管課), in the period."""
    rows = scope_of(user).of(Barrier.objects.all(), "organization")
    if since is not None:
        rows = rows.filter(created_at__gte=start_of_day(since))
    if until is not None:
        rows = rows.filter(created_at__lt=start_of_day(until + dt.timedelta(days=1)))
    return rows


def barrier_analysis(rows: QuerySet[Barrier]) -> list[Breakdown]:
    """あとちょっと analysed: by what blocked, where it was noticed, the programmes named, the
    funding of the programmes that almost fit, the district and the fiscal quarter (the trend);
    each a GROUP BY, small cells hidden."""
    quarters: dict[str, int] = defaultdict(int)
    for month, n in count_by(rows.annotate(month=TruncMonth("created_at")), "month").items():
        day = timezone.localtime(month).date() if isinstance(month, dt.datetime) else month
        quarters[quarter_label(day)] += n
    funding: dict[str, int] = defaultdict(int)
    fits = ProgramFit.objects.filter(barrier__in=rows).values_list("program__funding", flat=True)
    for codes in fits:  # a JSON list per fit: few rows (the barriers linked by hand)
        for code in codes or []:
            funding[code] += 1
    return [
        breakdown(
            "by_kind",
            _("What blocked"),
            _("Barriers by what blocked the next step."),
            labelled(count_by(rows, "blocked_by"), BlockedBy.choices),
        ),
        breakdown(
            "by_source",
            _("Where they were noticed"),
            _("In casework, or in dialogue with no case (おしゃべり会, 庁内散歩, 車座)."),
            labelled(count_by(rows, "source"), Source.choices),
        ),
        breakdown(
            "by_program",
            _("Programmes named"),
            _("The section or programme the barrier names, as written."),
            named(count_by(rows.exclude(program=""), "program"))[:15],
        ),
        breakdown(
            "by_funding",
            _("Funding of the programmes that almost fit"),
            _("For barriers linked to a programme of the inventory: that programme's 財源."),
            labelled(dict(funding), Funding.choices),
        ),
        breakdown(
            "by_district",
            _("By district"),
            _("Where the need is: the district of the case's person, or of the dialogue."),
            named(count_by(rows, "district__name")),
        ),
        breakdown(
            "by_quarter",
            _("Trend by quarter"),
            _("Barriers recorded in each fiscal quarter."),
            sorted(quarters.items()),
        ),
    ]


def quarter_label(day: dt.date) -> str:
    """2026年度 第3四半期 (October to December)."""
    year = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{year}年度 第{quarter}四半期"


def themes(user: User, status: str = "") -> QuerySet[Theme]:
    """The themes of the agencies in the reader's scope (every agency for the 主管課)."""
    rows: QuerySet[Theme] = scope_of(user).of(Theme.objects.all(), "organization")
    rows = rows.select_related("owner", "program").annotate(
        barrier_count=Count("barriers", distinct=True)
    )
    rows = rows.order_by("-updated_at", "-pk")
    return rows.filter(status=status) if status else rows


def theme_counts(user: User) -> dict[str, int]:
    rows = scope_of(user).of(Theme.objects.all(), "organization")
    counted = {
        r["status"]: r["n"] for r in rows.values("status").annotate(n=Count("pk")).order_by()
    }
    return {value: counted.get(value, 0) for value in ResponseStatus.values}


def find_theme(user: User, pk: int) -> Theme:
    rows: QuerySet[Theme] = scope_of(user).of(Theme.objects.all(), "organization")
    found = rows.select_related("owner", "program", "organization").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def find_barrier(user: User, pk: int) -> Barrier:
    """A barrier as the policy pages read it (no case, no person), within the reader's scope."""
    found = (
        barriers_in(user).select_related("organization", "district", "theme").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def find_program(pk: int) -> Program:
    try:
        return Program.objects.get(pk=pk)
    except Program.DoesNotExist as error:
        raise Http404 from error


def programs(
    *,
    query: str = "",
    section: str = "",
    function: str = "",
    funding: str = "",
    year: int | None = None,
) -> QuerySet[Program]:
    rows = Program.objects.all()
    if year:
        rows = rows.filter(fiscal_year=year)
    if section:
        rows = rows.filter(section=section)
    if query:
        rows = rows.filter(
            Q(name__contains=query) | Q(purpose__contains=query) | Q(target__contains=query)
        )
    found = list(rows.values_list("pk", "functions", "funding"))
    wanted = [
        pk
        for pk, functions, money in found
        if (not function or function in functions) and (not funding or funding in money)
    ]
    return Program.objects.filter(pk__in=wanted) if function or funding else rows


# -- Which programme could cover this need? (福祉×○○) ------------------------------------------------

#: Words of a barrier that call for a function of a programme.
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    Function.CONSULTATION: ("相談", "窓口", "話を聞"),
    Function.PLACE: ("居場所", "場所", "集まり", "サロン", "通いの場", "たまり場"),
    Function.WORK: ("就労", "仕事", "働", "職", "雇用", "就職", "アルバイト"),
    Function.TRANSPORT: ("移動", "送迎", "交通", "バス", "通院", "タクシー", "車", "足"),
    Function.HOUSING: ("住まい", "住宅", "家賃", "住居", "入居", "保証人", "引っ越", "転居"),
    Function.WATCHING: ("見守", "安否", "訪問", "声かけ"),
    Function.FOOD: ("食", "弁当", "フードバンク", "配食"),
    Function.MONEY: ("費用", "給付", "助成", "生活費", "貸付", "料金", "お金", "負担", "減免"),
    Function.LEARNING: ("学習", "勉強", "学校", "教室", "塾"),
    Function.CARE: ("介護", "医療", "看護", "病院", "ヘルパー", "受診"),
    Function.INFORMATION: ("情報", "周知", "知らな", "案内"),
    Function.VOLUNTEERS: ("ボランティア", "担い手", "人手", "支え手"),
    Function.COMMUNITY: ("地域", "町内会", "自治会", "活動", "住民"),
}
BLOCKED_FUNCTIONS: dict[str, str] = {
    BlockedBy.TRANSPORT: Function.TRANSPORT,
    BlockedBy.PLACE: Function.PLACE,
    BlockedBy.FUNDING: Function.MONEY,
    BlockedBy.INFORMATION: Function.INFORMATION,
    BlockedBy.STAFF: Function.VOLUNTEERS,
}
TARGET_WORDS: dict[str, tuple[str, ...]] = {
    TargetGroup.ELDERLY: ("高齢", "介護", "認知症", "独居", "年金"),
    TargetGroup.DISABILITY: ("障害", "障がい", "手帳", "精神"),
    TargetGroup.CHILDREN: ("子ども", "子供", "児童", "不登校", "学校", "生徒"),
    TargetGroup.PARENTS: ("子育て", "保育", "ひとり親", "母子", "父子"),
    TargetGroup.YOUTH: ("若者", "ひきこもり", "引きこもり", "青年"),
    TargetGroup.HARDSHIP: ("困窮", "生活保護", "債務", "借金", "滞納"),
    TargetGroup.FOREIGN: ("外国", "日本語"),
}


@dataclass(frozen=True)
class Suggestion:
    """A programme that could cover a need, and why: its functions and targets that meet it,
    the words in common."""

    program: Program
    score: float
    functions: list[str]
    targets: list[str]
    words: list[str]


def needs_of(barriers: list[Barrier]) -> tuple[set[str], set[str], set[str]]:
    """What the barriers ask for: functions, target groups and their content words."""
    text = "\n".join(f"{b.would_help}\n{b.detail}" for b in barriers)
    functions = {f for f, hints in FUNCTION_WORDS.items() if any(h in text for h in hints)}
    functions |= {
        BLOCKED_FUNCTIONS[b.blocked_by] for b in barriers if b.blocked_by in BLOCKED_FUNCTIONS
    }
    targets = {t for t, hints in TARGET_WORDS.items() if any(h in text for h in hints)}
    return functions, targets, set(content_words(text))


def programs_for(barriers: list[Barrier], limit: int = 8) -> list[Suggestion]:
    """福祉×○○: the programmes of the latest year of the inventory that could cover what the
    barriers ask for, most likely first — functions that meet (3 each), target groups (2 each,
    one for a programme for every resident), words in common (1 each, up to 5)."""
    functions, targets, words = needs_of(barriers)
    latest = Program.objects.aggregate(year=Max("fiscal_year"))["year"]
    if latest is None:
        return []
    named = {b.program for b in barriers if b.program}
    found = []
    for program in Program.objects.filter(fiscal_year=latest, is_active=True):
        meets = [f for f in program.functions if f in functions]
        for_whom = [t for t in program.targets if t in targets]
        common = sorted(words & set(program.words.split()))[:5]
        everyone = TargetGroup.EVERYONE in program.targets and bool(meets)
        score = 3 * len(meets) + 2 * len(for_whom) + everyone + len(common)
        if not meets and len(common) < 2:
            continue
        if any(program.name in n or n in program.name for n in named):
            score -= 2  # the programme the barrier says did not fit
        found.append(
            Suggestion(
                program,
                score,
                [str(Function(f).label) for f in meets],
                [str(TargetGroup(t).label) for t in for_whom],
                common,
            )
        )
    found.sort(key=lambda s: (-s.score, s.program.section, s.program.name))
    return found[:limit]


# -- 支援者支援 -------------------------------------------------------------------------------------


def advice_box(user: User, box: str) -> QuerySet[AdviceRequest]:
    """The requests to the user's hub (inbox) or from the user's agency (outbox), open first."""
    working = [m.organization_id for m in user.casework_memberships]
    rows = AdviceRequest.objects.select_related("organization", "hub", "asked_by")
    rows = rows.filter(hub__in=working) if box == "inbox" else rows.filter(organization__in=working)
    return rows.order_by(
        Case(
            When(status=AdviceStatus.OPEN, then=0),
            When(status=AdviceStatus.ANSWERED, then=1),
            default=2,
        ),
        "-created_at",
    )


def find_advice(user: User, pk: int) -> AdviceRequest:
    """A request for advice, for the hub asked and the agency asking; 404 for anyone else."""
    working = [m.organization_id for m in user.casework_memberships]
    found = (
        AdviceRequest.objects.select_related("organization", "hub", "asked_by", "case")
        .filter(Q(hub__in=working) | Q(organization__in=working), pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


# -- ナラティブ -------------------------------------------------------------------------------------


def shared_narratives(year: int | None = None) -> QuerySet[Narrative]:
    """The stories shared (their de-identified text), newest first; of one fiscal year."""
    rows = Narrative.objects.filter(status=NarrativeStatus.SHARED).select_related("organization")
    if year:
        rows = rows.filter(
            shared_at__gte=start_of_day(dt.date(year, 4, 1)),
            shared_at__lt=start_of_day(dt.date(year + 1, 4, 1)),
        )
    return rows.order_by("-shared_at", "-pk")


def narrative_years() -> list[int]:
    """The fiscal years in which stories were shared, the latest first."""
    shared = Narrative.objects.filter(status=NarrativeStatus.SHARED, shared_at__isnull=False)
    days = {timezone.localdate(at) for at in shared.values_list("shared_at", flat=True)}
    return sorted({fiscal_year_start(day).year for day in days}, reverse=True)


def my_drafts(user: User) -> QuerySet[Narrative]:
    return Narrative.objects.filter(author=user).exclude(status=NarrativeStatus.SHARED)


def find_narrative(user: User, pk: int) -> Narrative:
    """A shared story for every member of staff; a draft or a withdrawn one for its author."""
    found = (
        Narrative.objects.select_related("organization", "author")
        .filter(Q(status=NarrativeStatus.SHARED) | Q(author=user), pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


# -- 地域福祉計画 ---------------------------------------------------------------------------------


def find_plan(pk: int) -> WelfarePlan:
    try:
        return WelfarePlan.objects.get(pk=pk)
    except WelfarePlan.DoesNotExist as error:
        raise Http404 from error


def find_indicator(pk: int) -> Indicator:
    try:
        return Indicator.objects.select_related("plan").get(pk=pk)
    except Indicator.DoesNotExist as error:
        raise Http404 from error
