"""Recording あとちょっと from inside the casework, from the community's dialogue and from the
city hall's own (おしゃべり会, 庁内散歩); gathering them into themes and carrying each theme's
management response (受け止め → 検討 → 対応決定 → 実施 → 振り返り); the 庁内事業 inventory."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import acting_organization, reading_organization_ids
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import District, Organization, User
from tsunagu.accounts.selectors import holders_of
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.community.models import Idea
from tsunagu.community.services import take_idea_to_policy, working_organization
from tsunagu.core import revisions
from tsunagu.core.calendar import refuse_future
from tsunagu.core.japanese import content_words, names_in
from tsunagu.insights import deidentify
from tsunagu.insights.choices import (
    DIALOGUE_SOURCES,
    NEXT_STATUS,
    AdviceStatus,
    BlockedBy,
    Decision,
    Function,
    Funding,
    IndicatorSource,
    NarrativeStatus,
    ResponseStatus,
    Source,
    TargetGroup,
    ToldBy,
)
from tsunagu.insights.models import (
    AdviceReply,
    AdviceRequest,
    Barrier,
    Indicator,
    IndicatorValue,
    LogicModel,
    Narrative,
    Program,
    ProgramFit,
    Theme,
    ThemeStep,
    WelfarePlan,
)
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.sharing.access import can_write, case_access, organization_categories


def may_record_barrier(actor: User, case: Case) -> bool:
    """Anyone who works the case (a case worker of its lead or of its team) records its barriers."""
    access = case_access(actor, case)
    return (access.is_lead or access.on_team) and actor.casework_organization is not None


def _saved(
    *,
    actor: User,
    organization: Organization,
    source: str,
    would_help: str,
    blocked_by: str,
    detail: str = "",
    program: str = "",
    is_gap: bool = False,
    **where: Any,
) -> Barrier:
    """A barrier checked and saved, however it was noticed (`where`: its case, source id,
    district, occasion …)."""
    _checked(would_help, blocked_by, source)
    barrier = Barrier(
        source=source,
        would_help=would_help.strip(),
        blocked_by=blocked_by,
        detail=detail.strip(),
        program=program.strip(),
        is_gap=is_gap,
        organization=organization,
        recorded_by=actor,
        **where,
    )
    barrier.full_clean()
    barrier.save()
    return barrier


def _checked(would_help: str, blocked_by: str, source: str) -> None:
    errors: dict[str, str] = {}
    if not would_help.strip():
        errors["would_help"] = _("Write what would have made the next step possible.")
    if blocked_by not in BlockedBy.values:
        errors["blocked_by"] = _("Choose what blocked it.")
    if source not in Source.values:
        errors["source"] = _("Choose where it was noticed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_barrier(
    *,
    actor: User,
    case: Case,
    would_help: str,
    blocked_by: str,
    detail: str = "",
    program: str = "",
    is_gap: bool = False,
    source: str = Source.CASE,
    source_id: int | None = None,
) -> Barrier:
    """あとちょっとを記録する: anyone on the case (its lead or its team) may."""
    organization = actor.casework_organization
    if organization is None or not may_record_barrier(actor, case):
        raise PermissionDenied
    subject = case.person or case.household
    barrier = _saved(
        actor=actor,
        organization=organization,
        source=source,
        would_help=would_help,
        blocked_by=blocked_by,
        detail=detail,
        program=program,
        is_gap=is_gap,
        case=case,
        source_id=source_id,
        district=subject.district if subject is not None else None,
    )
    record_event(actor=actor, action=Action.CREATE, obj=barrier, detail={"case": case.pk})
    return barrier


@transaction.atomic
def barrier_from_idea(
    *,
    actor: User,
    idea: Idea,
    would_help: str,
    blocked_by: str,
    detail: str = "",
    program: str = "",
    is_gap: bool = False,
) -> Barrier:
    """政策課題へ: an idea of a gathering (what would help the town, heard in a 車座) becomes a
    barrier with no case, its source the gathering; the idea shows it was taken to policy."""
    gathering = idea.gathering
    barrier = _saved(
        actor=actor,
        organization=working_organization(actor),
        source=Source.GATHERING,
        would_help=would_help,
        blocked_by=blocked_by,
        detail=detail,
        program=program,
        is_gap=is_gap,
        source_id=gathering.pk,
        district=gathering.district or (gathering.place.district if gathering.place else None),
        noticed_on=gathering.held_on,
    )
    take_idea_to_policy(actor=actor, idea=idea)
    record_event(actor=actor, action=Action.CREATE, obj=barrier, detail={"idea": idea.pk})
    return barrier


# -- Policy: who writes it ------------------------------------------------------------------------

#: Who carries 政策化: managers, the 多機関協働 coordinator, the 地域づくり coordinator.
POLICY_ROLES = (Role.MANAGER, Role.COORDINATOR, Role.COMMUNITY_COORDINATOR)


def policy_organization(actor: User) -> Organization:
    """The agency a policy record is written for: one where the actor manages or coordinates;
    403 for anyone else."""
    for membership in actor.active_memberships:
        if membership.role in POLICY_ROLES:
            return membership.organization
    raise PermissionDenied


def lead_section_organization(actor: User) -> Organization:
    """The 主管課 a town-wide policy record (the inventory, the 地域福祉計画) is written by: the
    actor manages or coordinates there; 403 for anyone else."""
    for membership in actor.active_memberships:
        if membership.role in POLICY_ROLES and membership.organization.is_lead_section:
            return membership.organization
    raise PermissionDenied(_("Only the lead section (主管課) keeps the town's inventory and plan."))


def may_keep_town_records(actor: User) -> bool:
    try:
        lead_section_organization(actor)
    except PermissionDenied:
        return False
    return True


def may_write_policy(actor: User) -> bool:
    return any(m.role in POLICY_ROLES for m in actor.active_memberships)


def _no_names(field: str, text: str, actor: User, names_checked: bool) -> None:
    """A barrier from dialogue is read by everyone who works on policy: no one's name in it,
    unless the writer has checked that a word read as a name is none (a place, a shop)."""
    if names_checked:
        return
    names = names_in(text, actor.display_name.split())
    if names:
        raise ValidationError(
            {
                field: _(
                    "「%(names)s」 reads as someone's name. Write what blocked without naming "
                    "anyone; if it is nobody's name, tick the box below."
                )
                % {"names": "、".join(names)}
            }
        )


@transaction.atomic
def record_dialogue_barrier(
    *,
    actor: User,
    source: str,
    would_help: str,
    blocked_by: str,
    occasion: str = "",
    noticed_on: dt.date | None = None,
    detail: str = "",
    program: str = "",
    is_gap: bool = False,
    district: District | None = None,
    names_checked: bool = False,
) -> Barrier:
    """あとちょっと heard in dialogue with no case: a 受託事業者とのおしゃべり会, a 庁内散歩, a 車座
    of the city hall; its source and occasion say where."""
    organization = policy_organization(actor)
    if source not in DIALOGUE_SOURCES:
        raise ValidationError({"source": _("Choose the dialogue it was heard in.")})
    refuse_future(noticed_on, "noticed_on", _("It cannot have been heard in the future."))
    _no_names("would_help", would_help, actor, names_checked)
    _no_names("detail", detail, actor, names_checked)
    barrier = _saved(
        actor=actor,
        organization=organization,
        source=source,
        would_help=would_help,
        blocked_by=blocked_by,
        detail=detail,
        program=program,
        is_gap=is_gap,
        district=district,
        occasion=occasion.strip(),
        noticed_on=noticed_on or timezone.localdate(),
    )
    record_event(actor=actor, action=Action.CREATE, obj=barrier, detail={"source": source})
    return barrier


# -- Themes and their response --------------------------------------------------------------------


def _owner_checked(owner: User | None) -> None:
    if owner is not None and not (owner.is_active and owner.has_role(*CASE_ROLES, Role.MANAGER)):
        raise ValidationError({"owner": _("Choose a member of staff as the owner.")})


def _step(theme: Theme, actor: User, note: str = "") -> ThemeStep:
    return ThemeStep.objects.create(
        theme=theme,
        status=theme.status,
        decision=theme.decision,
        decision_text=theme.decision_text,
        program=theme.program,
        note=note.strip(),
        owner=theme.owner,
        due_on=theme.due_on,
        taken_at=timezone.now(),
        taken_by=actor,
    )


@transaction.atomic
def create_theme(
    *,
    actor: User,
    title: str,
    description: str = "",
    barriers: Iterable[Barrier] = (),
    owner: User | None = None,
    due_on: dt.date | None = None,
) -> Theme:
    """受け止め: a theme gathers barriers that speak of the same thing, with who carries its
    response and by when."""
    organization = policy_organization(actor)
    if not title.strip():
        raise ValidationError({"title": _("Name the theme in a few words.")})
    _owner_checked(owner)
    theme = Theme(
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        organization=organization,
        created_by=actor,
    )
    theme.full_clean()
    theme.save()
    Barrier.objects.filter(pk__in=[b.pk for b in barriers]).update(theme=theme)
    _step(theme, actor)
    record_event(actor=actor, action=Action.CREATE, obj=theme)
    return theme


@transaction.atomic
def gather_barriers(*, actor: User, theme: Theme, barriers: Iterable[Barrier]) -> int:
    """Put barriers under a theme (a barrier is under one theme at most)."""
    policy_organization(actor)
    chosen = Barrier.objects.filter(pk__in=[b.pk for b in barriers])
    moved = chosen.update(theme=theme)
    Theme.objects.filter(pk=theme.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=Action.UPDATE, obj=theme, detail={"barriers": moved})
    return moved


@transaction.atomic
def advance_theme(
    *,
    actor: User,
    theme: Theme,
    status: str,
    note: str = "",
    decision: str = "",
    decision_text: str = "",
    owner: User | None = None,
    due_on: dt.date | None = None,
    program: Program | None = None,
) -> ThemeStep:
    """The next step of a theme's response, kept as a step: 検討, 対応決定 (what was decided,
    with its reason where nothing will be done), 実施, 振り返り; the same status again is a note.
    The owner and due date carry on unless given."""
    policy_organization(actor)
    Theme.objects.select_for_update().filter(pk=theme.pk).exists()
    theme.refresh_from_db()
    if status not in ResponseStatus.values:
        raise ValidationError({"status": _("Choose the step of the response.")})
    if status != theme.status and status not in NEXT_STATUS[ResponseStatus(theme.status)]:
        raise ValidationError(
            {
                "status": _("From “%(now)s” the response goes on to %(next)s.")
                % {
                    "now": theme.get_status_display(),
                    "next": "、".join(
                        str(ResponseStatus(s).label)
                        for s in sorted(NEXT_STATUS[ResponseStatus(theme.status)])
                    ),
                }
            }
        )
    errors: dict[str, str] = {}
    if status == ResponseStatus.DECIDED and status != theme.status:
        if decision not in Decision.values:
            errors["decision"] = _("Choose what was decided.")
        elif not decision_text.strip():
            errors["decision_text"] = (
                _("Say why nothing will be done: the field will ask.")
                if decision == Decision.NO_ACTION
                else _("Write what was decided.")
            )
    elif (
        status == theme.status
        and not note.strip()
        and owner is None
        and due_on is None
        and program is None
    ):
        errors["note"] = _("Write a note, or choose the next step.")
    if errors:
        raise ValidationError(errors)
    if (
        status == ResponseStatus.IMPLEMENTING
        and status != theme.status
        and theme.decision == Decision.NO_ACTION
    ):
        raise ValidationError(
            {"status": _("Nothing is carried out where the decision was to take no action.")}
        )
    if program is not None and not program.is_active:
        raise ValidationError({"program": _("Choose a programme that is running.")})
    _owner_checked(owner)
    if status == ResponseStatus.DECIDED and status != theme.status:
        theme.decision, theme.decision_text = decision, decision_text.strip()
    elif status == ResponseStatus.CONSIDERING and theme.status == ResponseStatus.REVIEWED:
        # Taken up again: the earlier decision stays in its step, the theme waits for a new one.
        theme.decision, theme.decision_text = "", ""
    theme.status = status
    theme.owner = owner or theme.owner
    theme.due_on = due_on or theme.due_on
    theme.program = program or theme.program
    theme.full_clean()
    theme.save()
    step = _step(theme, actor, note)
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=theme,
        detail={"status": status, "decision": theme.decision},
    )
    return step


@transaction.atomic
def link_program(*, actor: User, barrier: Barrier, program: Program, lacks: str = "") -> ProgramFit:
    """福祉×○○: the programme that almost covers a barrier's need, and what it lacks."""
    policy_organization(actor)
    fit, _created = ProgramFit.objects.update_or_create(
        barrier=barrier, program=program, defaults={"lacks": lacks.strip(), "linked_by": actor}
    )
    record_event(actor=actor, action=Action.CREATE, obj=fit, detail={"program": program.pk})
    return fit


# -- 庁内事業 (the inventory) -------------------------------------------------------------------------

PROGRAM_FIELDS = (
    "fiscal_year",
    "section",
    "name",
    "purpose",
    "target",
    "functions",
    "targets",
    "funding",
    "budget",
    "staff",
    "contact",
    "is_active",
)


def _codes(values: Iterable[str], choices: Any, field: str) -> list[str]:
    given = [v for v in dict.fromkeys(values) if v]
    if unknown := [v for v in given if v not in choices.values]:
        raise ValidationError(
            {field: _("Unknown codes: %(codes)s") % {"codes": "、".join(unknown)}}
        )
    return given


def _program_checked(program: Program) -> None:
    program.functions = _codes(program.functions, Function, "functions")
    program.targets = _codes(program.targets, TargetGroup, "targets")
    program.funding = _codes(program.funding, Funding, "funding")
    program.section, program.name = program.section.strip(), program.name.strip()
    if not 2000 <= program.fiscal_year <= 2100:
        raise ValidationError({"fiscal_year": _("Give the fiscal year as 2026 (令和8年度).")})
    program.words = " ".join(
        sorted(content_words(f"{program.name}\n{program.purpose}\n{program.target}"))
    )
    program.full_clean()


@transaction.atomic
def record_program(*, actor: User, **fields: Any) -> Program:
    """A programme of the inventory (事業棚卸し): its section, name, purpose, target, functions,
    funding, budget and who answers for it. The 主管課 keeps it."""
    lead_section_organization(actor)
    if unknown := set(fields) - set(PROGRAM_FIELDS):
        raise ValidationError(f"Unknown programme fields: {sorted(unknown)}")
    program = Program(recorded_by=actor, **fields)
    _program_checked(program)
    program.save()
    record_event(actor=actor, action=Action.CREATE, obj=program)
    return program


@transaction.atomic
def correct_program(*, actor: User, program: Program, reason: str = "", **changes: Any) -> Program:
    """A programme corrected, its earlier values kept (記録の訂正)."""
    lead_section_organization(actor)
    if unknown := set(changes) - set(PROGRAM_FIELDS):
        raise ValidationError(f"Unknown programme fields: {sorted(unknown)}")
    probe = Program(
        **{f: changes.get(f, getattr(program, f)) for f in PROGRAM_FIELDS}, pk=program.pk
    )
    probe.recorded_by_id = program.recorded_by_id
    probe._state.adding = False  # the same row: its own name does not clash with itself
    _program_checked(probe)
    changes = {f: getattr(probe, f) for f in changes}
    revision = revisions.correct(program, actor=actor, changes=changes, reason=reason)
    Program.objects.filter(pk=program.pk).update(words=probe.words)
    program.words = probe.words
    if revision is not None:
        record_event(actor=actor, action=Action.UPDATE, obj=program, detail={"reason": reason})
    return program


# -- 支援者支援 -------------------------------------------------------------------------------------


def hubs() -> Any:
    """The agencies a worker may ask for advice: the 多機関協働事業者."""
    return Organization.objects.filter(is_coordinating_body=True, is_active=True)


def _lawful_case(actor: User, hub: Organization, case: Case | None) -> None:
    """A case goes with a request only where the asker works it and the hub may already open
    it (it leads it, or a consent, a 支援会議 or an emergency opens it to the hub)."""
    if case is None:
        return
    if not can_write(actor, case):
        raise ValidationError({"case": _("Link only a case your agency leads.")})
    if case.lead_organization_id != hub.pk and not organization_categories(case, hub.pk):
        raise ValidationError(
            {
                "case": _(
                    "The hub has no lawful path to this case (a consent that names it, or a "
                    "支援会議). Ask without the case: describe the situation naming nobody."
                )
            }
        )


@transaction.atomic
def ask_advice(
    *,
    actor: User,
    hub: Organization,
    topic: str,
    situation: str,
    question: str,
    case: Case | None = None,
    names_checked: bool = False,
) -> AdviceRequest:
    """支援者支援を依頼する: a question to the hub about a situation, the case kept by the asker."""
    organization = acting_organization(actor)
    if not hub.is_coordinating_body:
        raise ValidationError({"hub": _("Ask the 多機関協働 hub.")})
    errors = {
        name: message
        for name, value, message in (
            ("topic", topic, _("Give the request a short topic.")),
            ("situation", situation, _("Describe the situation, naming nobody.")),
            ("question", question, _("Write what you would like advice on.")),
        )
        if not value.strip()
    }
    if errors:
        raise ValidationError(errors)
    _lawful_case(actor, hub, case)
    for name, text in (("topic", topic), ("situation", situation), ("question", question)):
        _no_names(name, text, actor, names_checked)
    request = AdviceRequest(
        asked_by=actor,
        organization=organization,
        hub=hub,
        topic=topic.strip(),
        situation=situation.strip(),
        question=question.strip(),
        case=case,
    )
    request.full_clean()
    request.save()
    record_event(actor=actor, action=Action.CREATE, obj=request, detail={"hub": hub.pk})
    notify(
        users=[u for u in holders_of(*CASE_ROLES, organization=hub.pk) if u.pk != actor.pk],
        kind=Kind.ADVICE,
        message=gettext_lazy("A request for advice from %(agency)s: %(topic)s"),
        params={"agency": organization.name, "topic": request.topic},
        url=reverse("insights:advice-detail", args=[request.pk]),
    )
    return request


def advice_side(actor: User, request: AdviceRequest) -> str:
    """ "hub" for the hub's case workers, "asker" for the asking agency's, "" for anyone else."""
    working = {m.organization_id for m in actor.casework_memberships}
    if request.hub_id in working:
        return "hub"
    return "asker" if request.organization_id in working else ""


@transaction.atomic
def reply_advice(
    *,
    actor: User,
    request: AdviceRequest,
    text: str,
    follow_up_on: dt.date | None = None,
    settle: bool = False,
    names_checked: bool = False,
) -> AdviceReply | None:
    """An answer of the hub, or a follow-up of the asker; either may settle the request."""
    side = advice_side(actor, request)
    if not side:
        raise PermissionDenied
    if request.status == AdviceStatus.CLOSED:
        raise ValidationError({"text": _("This request is settled.")})
    if not text.strip() and not settle:
        raise ValidationError({"text": _("Write the message.")})
    reply = None
    if text.strip():
        _no_names("text", text, actor, names_checked)
        organization = next(
            m.organization
            for m in actor.casework_memberships
            if m.organization_id == (request.hub_id if side == "hub" else request.organization_id)
        )
        reply = AdviceReply.objects.create(
            request=request, author=actor, organization=organization, text=text.strip()
        )
        request.status = AdviceStatus.ANSWERED if side == "hub" else AdviceStatus.OPEN
        if side == "hub" and request.answered_at is None:
            request.answered_at = timezone.now()
    if follow_up_on is not None:
        request.follow_up_on = follow_up_on
    if settle:
        request.status, request.closed_at = AdviceStatus.CLOSED, timezone.now()
    request.save()
    record_event(actor=actor, action=Action.UPDATE, obj=request, detail={"status": request.status})
    told = (
        [request.asked_by]
        if side == "hub"
        else holders_of(*CASE_ROLES, organization=request.hub_id)
    )
    notify(
        users=[u for u in told if u.pk != actor.pk],
        kind=Kind.ADVICE,
        message=gettext_lazy("A new message on the request for advice: %(topic)s"),
        params={"topic": request.topic},
        url=reverse("insights:advice-detail", args=[request.pk]),
    )
    return reply


# -- ナラティブ -------------------------------------------------------------------------------------


def _narrative_checked(title: str, body: str, told_by: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the story a title.")
    if not body.strip():
        errors["body"] = _("Write the story.")
    if told_by not in ToldBy.values:
        errors["told_by"] = _("Choose whose story it is.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_narrative(
    *,
    actor: User,
    title: str,
    body: str,
    told_by: str,
    consent_on: dt.date | None = None,
    consent_how: str = "",
) -> Narrative:
    """ナラティブを書く: a draft that only its author reads, until it is de-identified and shared."""
    organization = (
        acting_organization(actor) if actor.casework_memberships else policy_organization(actor)
    )
    _narrative_checked(title, body, told_by)
    refuse_future(consent_on, "consent_on", _("The consent cannot be in the future."))
    narrative = Narrative(
        title=title.strip(),
        body=body.strip(),
        told_by=told_by,
        consent_on=consent_on,
        consent_how=consent_how.strip(),
        author=actor,
        organization=organization,
    )
    narrative.full_clean()
    narrative.save()
    record_event(actor=actor, action=Action.CREATE, obj=narrative)
    return narrative


def _author_only(actor: User, narrative: Narrative) -> None:
    if narrative.author_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def share_narrative(
    *,
    actor: User,
    narrative: Narrative,
    shared_body: str,
    title: str | None = None,
    consent_on: dt.date | None = None,
    consent_how: str | None = None,
    names_checked: bool = False,
) -> Narrative:
    """共有する: the de-identified text the author reviewed. Refused while it holds a person or
    a place of the registry, or (unless the author has checked them) a name Sudachi finds; and
    without the consent of those the story names."""
    _author_only(actor, narrative)
    if narrative.status != NarrativeStatus.DRAFT:
        raise ValidationError(_("Only a draft is shared."))
    title = narrative.title if title is None else title.strip()
    consent_on = consent_on or narrative.consent_on
    consent_how = narrative.consent_how if consent_how is None else consent_how.strip()
    errors: dict[str, str] = {}
    if not shared_body.strip():
        errors["shared_body"] = _("Write the story as it is to be shared.")
    if consent_on is None or not consent_how:
        errors["consent_on"] = _(
            "Record when and how those the story names agreed to its being shared."
        )
    refuse_future(consent_on, "consent_on", _("The consent cannot be in the future."))
    known_by = reading_organization_ids(actor)
    remaining = deidentify.registered_names(f"{title}\n{shared_body}", known_by)
    if remaining:
        errors["shared_body"] = _(
            "「%(names)s」 is still in the story: replace it before sharing."
        ) % {"names": "、".join(remaining)}
    elif not names_checked and (
        found := [f.word for f in deidentify.findings(f"{title}\n{shared_body}", known_by)]
    ):
        errors["shared_body"] = _(
            "「%(names)s」 reads as the name of a person or a place. Replace it, or tick the box "
            "if it names nobody."
        ) % {"names": "、".join(found)}
    if errors:
        raise ValidationError(errors)
    narrative.title, narrative.consent_on, narrative.consent_how = title, consent_on, consent_how
    narrative.shared_body = shared_body.strip()
    narrative.status, narrative.shared_at = NarrativeStatus.SHARED, timezone.now()
    narrative.full_clean()
    narrative.save()
    record_event(actor=actor, action=Action.UPDATE, obj=narrative, detail={"status": "shared"})
    return narrative


@transaction.atomic
def withdraw_narrative(*, actor: User, narrative: Narrative) -> Narrative:
    """取り下げ: a shared story is no longer shown (someone it names withdrew their consent)."""
    _author_only(actor, narrative)
    narrative.status = NarrativeStatus.WITHDRAWN
    narrative.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=Action.UPDATE, obj=narrative, detail={"status": "withdrawn"})
    return narrative


# -- 地域福祉計画: indicators and logic models ------------------------------------------------------

#: An indicator's fields a plan page sets and corrects.
INDICATOR_FIELDS = (
    "name",
    "level",
    "source",
    "metric",
    "survey",
    "district",
    "unit",
    "direction",
    "baseline",
    "baseline_year",
    "target",
    "target_year",
    "logic_model",
)


@transaction.atomic
def create_welfare_plan(
    *, actor: User, name: str, first_year: int, last_year: int, vision: str = ""
) -> WelfarePlan:
    """地域福祉計画をつくる: the 主管課 makes it, for at most ten fiscal years."""
    lead_section_organization(actor)
    if not name.strip():
        raise ValidationError({"name": _("Name the plan.")})
    if not 2000 <= first_year <= 2100 or not 2000 <= last_year <= 2100:
        raise ValidationError({"first_year": _("Give the fiscal years as 2026 (令和8年度).")})
    if last_year < first_year:
        raise ValidationError({"last_year": _("The plan ends before it starts.")})
    if last_year - first_year >= 10:
        raise ValidationError({"last_year": _("A plan runs for ten years at most.")})
    plan = WelfarePlan(
        name=name.strip(),
        first_year=first_year,
        last_year=last_year,
        vision=vision.strip(),
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    record_event(actor=actor, action=Action.CREATE, obj=plan)
    return plan


def _indicator_checked(indicator: Indicator) -> None:
    from tsunagu.insights.targets import METRICS, TOWN_ONLY

    errors: dict[str, str] = {}
    if indicator.source == IndicatorSource.COUNTED and indicator.metric not in METRICS:
        errors["metric"] = _("Choose what is counted.")
    elif indicator.district is not None and indicator.metric in TOWN_ONLY:
        errors["district"] = _("This is counted for the whole town only.")
    if indicator.source == IndicatorSource.SURVEY:
        indicator.metric = ""
        if not indicator.survey.strip():
            errors["survey"] = _("Name the survey or source the value comes from.")
    for year_field in ("baseline_year", "target_year"):
        year = getattr(indicator, year_field)
        if year is not None and not 2000 <= year <= 2100:
            errors[year_field] = _("Give the fiscal year as 2026 (令和8年度).")
    if indicator.logic_model is not None and indicator.logic_model.plan_id != indicator.plan_id:
        errors["logic_model"] = _("The logic model belongs to another plan.")
    if errors:
        raise ValidationError(errors)
    indicator.full_clean()


@transaction.atomic
def add_indicator(*, actor: User, plan: WelfarePlan, **fields: Any) -> Indicator:
    """指標を設定する: a baseline, a target and where its value comes from."""
    lead_section_organization(actor)
    if unknown := set(fields) - set(INDICATOR_FIELDS):
        raise ValidationError(f"Unknown indicator fields: {sorted(unknown)}")
    indicator = Indicator(plan=plan, **fields)
    _indicator_checked(indicator)
    indicator.save()
    record_event(actor=actor, action=Action.CREATE, obj=indicator)
    return indicator


@transaction.atomic
def correct_indicator(
    *, actor: User, indicator: Indicator, reason: str = "", **changes: Any
) -> Indicator:
    """An indicator corrected (its target raised, say), the earlier values kept."""
    lead_section_organization(actor)
    probe = Indicator(
        **{f: changes.get(f, getattr(indicator, f)) for f in INDICATOR_FIELDS},
        plan=indicator.plan,
        pk=indicator.pk,
    )
    _indicator_checked(probe)
    if revisions.correct(
        indicator, actor=actor, changes={f: getattr(probe, f) for f in changes}, reason=reason
    ):
        record_event(actor=actor, action=Action.UPDATE, obj=indicator, detail={"reason": reason})
    return indicator


@transaction.atomic
def record_indicator_value(
    *, actor: User, indicator: Indicator, fiscal_year: int, value: Any, note: str = ""
) -> IndicatorValue:
    """A year's value from a survey; a value given again for the same year is a correction."""
    lead_section_organization(actor)
    if indicator.source != IndicatorSource.SURVEY:
        raise ValidationError({"value": _("This indicator is counted from the records.")})
    if fiscal_year not in indicator.plan.years:
        raise ValidationError(
            {
                "fiscal_year": _("Choose a year of the plan (%(first)s to %(last)s).")
                % {"first": indicator.plan.first_year, "last": indicator.plan.last_year}
            }
        )
    existing = IndicatorValue.objects.filter(indicator=indicator, fiscal_year=fiscal_year).first()
    if existing is not None:
        revisions.correct(
            existing, actor=actor, changes={"value": value, "note": note.strip()}, reason=note
        )
        record_event(actor=actor, action=Action.UPDATE, obj=existing)
        return existing
    row = IndicatorValue(
        indicator=indicator,
        fiscal_year=fiscal_year,
        value=value,
        note=note.strip(),
        recorded_by=actor,
    )
    row.full_clean()
    row.save()
    record_event(actor=actor, action=Action.CREATE, obj=row)
    return row


@transaction.atomic
def add_logic_model(
    *,
    actor: User,
    plan: WelfarePlan,
    title: str,
    program: Program | None = None,
    inputs: str = "",
    activities: str = "",
    outputs: str = "",
    outcomes: str = "",
) -> LogicModel:
    """A 事業's logic model: inputs → activities → outputs → outcomes."""
    lead_section_organization(actor)
    if not title.strip():
        raise ValidationError({"title": _("Name the 事業 or action.")})
    model = LogicModel(
        plan=plan,
        program=program,
        title=title.strip(),
        inputs=inputs.strip(),
        activities=activities.strip(),
        outputs=outputs.strip(),
        outcomes=outcomes.strip(),
    )
    model.full_clean()
    model.save()
    record_event(actor=actor, action=Action.CREATE, obj=model)
    return model
