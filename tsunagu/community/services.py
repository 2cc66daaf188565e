"""地域づくり writes: places and their gatekeepers, a worry passed on (into the concern flow),
visits, gatherings with their field mix and what came out, the network's members and ties,
and the encounters a coordinator chose to arrange.

Who writes: staff who work in the field (the case roles: a consultant who drops in at the bar
logs the visit as the community coordinator does); a manager reads and writes nothing (403).
Each write is audited and atomic; a correction keeps the earlier version (core.revisions)."""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import acting_organization
from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.accounts.models import Organization, User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.community.choices import (
    ActorKind,
    Field,
    HowMet,
    IdeaStatus,
    PlaceKind,
    SuggestionStatus,
)
from tsunagu.community.models import (
    Actor,
    Attendance,
    FollowUp,
    Gatekeeper,
    Gathering,
    GatheringType,
    Idea,
    NamedAttendee,
    PassedWorry,
    Place,
    Suggestion,
    Tie,
    Visit,
)
from tsunagu.core.calendar import refuse_future, weekday_codes
from tsunagu.core.japanese import names_in
from tsunagu.core.revisions import correct
from tsunagu.outreach.choices import ReportedOnBehalfOf, Urgency
from tsunagu.outreach.services import report_concern
from tsunagu.resources.models import Resource

#: The ordinary places whose gatekeeper is "a shop, bar or business" to the outreach team.
_SHOP_KINDS = {PlaceKind.BAR, PlaceKind.CAFE, PlaceKind.SHOP, PlaceKind.BARBER, PlaceKind.LAUNDRY}
#: The largest group a suggested encounter brings together (a pair, or a small table).
GROUP_MAX = 4


def working_organization(actor: User) -> Organization:
    """The agency a 地域づくり record is written for: one where the actor works in the field;
    403 for a manager or anyone else who only reads."""
    return acting_organization(actor)


def may_write(actor: User) -> bool:
    """Does working_organization find an agency (for a page to offer its forms)?"""
    try:
        working_organization(actor)
    except PermissionDenied:
        return False
    return True


def _saved[M: Any](obj: M) -> M:
    obj.full_clean()
    obj.save()
    return obj


# 場 (places) --------------------------------------------------------------------------------

PLACE_FIELDS = (
    "name",
    "name_kana",
    "kind",
    "district",
    "address",
    "resource",
    "member",
    "description",
    "easy_description",
    "days",
    "hours",
    "interests",
    "public",
)


@transaction.atomic
def record_place(*, actor: User, **fields: Any) -> Place:
    """地域の場を登録する (a 居場所, or an ordinary place where worries are heard)."""
    working_organization(actor)
    fields["days"] = weekday_codes(fields.get("days"))
    place = _saved(Place(**{k: v for k, v in fields.items() if k in PLACE_FIELDS}))
    record_event(actor=actor, action=Action.CREATE, obj=place)
    return place


@transaction.atomic
def correct_place(
    *, actor: User, place: Place, changes: Mapping[str, Any], reason: str = ""
) -> Place:
    """場の記録を訂正する (or close it: closed_on); the earlier version stays in its history."""
    working_organization(actor)
    wanted = {k: v for k, v in changes.items() if k in (*PLACE_FIELDS, "closed_on")}
    if "days" in wanted:
        wanted["days"] = weekday_codes(wanted["days"])
    refuse_future(wanted.get("closed_on"), "closed_on", _("It cannot close in the future."))
    revision = correct(place, actor=actor, changes=wanted, reason=reason)
    if revision is not None:
        record_event(
            actor=actor, action=Action.UPDATE, obj=place, detail={"fields": sorted(wanted)}
        )
    return place


@transaction.atomic
def record_gatekeeper(*, actor: User, place: Place, **fields: Any) -> Gatekeeper:
    """つないでくれる人 and the way agreed with them to pass a worry on."""
    working_organization(actor)
    if not str(fields.get("agreed_way", "")).strip():
        raise ValidationError(
            {
                "agreed_way": _(
                    "Write the way you agreed: who they call or tell, and that they will hear"
                    " back only that it was received."
                )
            }
        )
    refuse_future(fields.get("agreed_on"), "agreed_on", _("The agreement cannot be in the future."))
    allowed = ("name", "role_title", "phone", "agreed_way", "agreed_on", "member")
    gatekeeper = _saved(
        Gatekeeper(place=place, **{k: v for k, v in fields.items() if k in allowed})
    )
    record_event(actor=actor, action=Action.CREATE, obj=gatekeeper)
    return gatekeeper


@transaction.atomic
def end_gatekeeper(*, actor: User, gatekeeper: Gatekeeper, ended_on: dt.date) -> Gatekeeper:
    """The agreement ended (the owner retired, the shop closed): kept as history."""
    working_organization(actor)
    refuse_future(ended_on, "ended_on", _("It cannot end in the future."))
    if ended_on < gatekeeper.agreed_on:
        raise ValidationError({"ended_on": _("It cannot end before it was agreed.")})
    correct(gatekeeper, actor=actor, changes={"ended_on": ended_on})
    record_event(actor=actor, action=Action.UPDATE, obj=gatekeeper, detail={"ended": True})
    return gatekeeper


@transaction.atomic
def pass_worry(
    *,
    actor: User,
    gatekeeper: Gatekeeper,
    noticed: str,
    urgency: str = Urgency.NORMAL,
    noticed_on: dt.date | None = None,
) -> PassedWorry:
    """つないでもらう: what the gatekeeper told becomes a concern in the outreach queue (with
    the place, not the gatekeeper's words about themselves); on this side only the date and
    that it was received are kept — which is all the gatekeeper hears back."""
    working_organization(actor)
    if gatekeeper.ended_on is not None:
        raise ValidationError(_("This gatekeeper's agreement has ended."))
    place = gatekeeper.place
    concern = report_concern(
        actor=actor,
        noticed=noticed,
        on_behalf_of=(
            ReportedOnBehalfOf.SHOP if place.kind in _SHOP_KINDS else ReportedOnBehalfOf.OTHER
        ),
        place=" ".join(p for p in (place.name, place.address) if p)[:300],
        district=place.district,
        urgency=urgency,
        reporter_contact=f"{gatekeeper.name}（{place.name}）"[:200],
        noticed_on=noticed_on,
    )
    worry = PassedWorry.objects.create(
        gatekeeper=gatekeeper,
        concern=concern,
        passed_on=noticed_on or timezone.localdate(),
        received_by=actor,
    )
    record_event(actor=actor, action=Action.CREATE, obj=worry, detail={"concern": concern.pk})
    return worry


def _refuse_names(topics: str, place: Place, staff: Iterable[User]) -> None:
    """A visit's topics hold no resident's name: the words that read as one are refused (the
    staff's own names, the gatekeepers' and the place's are not a resident's)."""
    known = [n for u in staff for n in u.display_name.split()]
    known += [g.name for g in place.gatekeepers.all()]
    names = names_in(topics, [*known, place.name])
    if names:
        raise ValidationError(
            {
                "topics": _(
                    "「%(names)s」 reads as someone's name. Write only general topics; a "
                    "worry about someone goes to 気になる人. If it is nobody's name or a "
                    "staff member's, tick the box below."
                )
                % {"names": "、".join(names)}
            }
        )


@transaction.atomic
def record_visit(
    *,
    actor: User,
    place: Place,
    visited_on: dt.date,
    visitors: Iterable[User] = (),
    topics: str = "",
    names_checked: bool = False,
) -> Visit:
    """顔を出す: who went, when, what was talked about in general. A word that reads as
    someone's name is refused unless the writer confirms it is no resident's (their own, the
    owner's): a worry about someone goes through 気になる人, not into a visit."""
    organization = working_organization(actor)
    refuse_future(visited_on, "visited_on", _("A visit cannot be in the future."))
    people = list({u.pk: u for u in [actor, *visitors]}.values())
    if not names_checked:
        _refuse_names(topics, place, people)
    visit = _saved(
        Visit(
            place=place,
            visited_on=visited_on,
            topics=topics.strip(),
            organization=organization,
            recorded_by=actor,
        )
    )
    visit.visitors.set(people)
    record_event(actor=actor, action=Action.CREATE, obj=visit)
    return visit


@transaction.atomic
def correct_visit(
    *,
    actor: User,
    visit: Visit,
    changes: Mapping[str, Any],
    reason: str = "",
    names_checked: bool = False,
) -> Visit:
    """訪問記録の訂正, with its history kept (and, as when it was written, no resident's name)."""
    working_organization(actor)
    wanted = {k: v for k, v in changes.items() if k in ("visited_on", "topics")}
    if "topics" in wanted and not names_checked:
        _refuse_names(wanted["topics"] or "", visit.place, [actor, *visit.visitors.all()])
    refuse_future(wanted.get("visited_on"), "visited_on", _("A visit cannot be in the future."))
    if correct(visit, actor=actor, changes=wanted, reason=reason) is not None:
        record_event(actor=actor, action=Action.UPDATE, obj=visit)
    return visit


# 集まり (gatherings) -------------------------------------------------------------------------

GATHERING_FIELDS = (
    "type",
    "title",
    "held_on",
    "ends_on",
    "starts_at",
    "ends_at",
    "place",
    "venue",
    "district",
    "topics",
    "outcome",
    "public",
    "description",
    "easy_description",
    "application",
    "fee",
    "capacity",
    "contact",
    "url",
)


def _check_gathering(fields: Mapping[str, Any], attendance: Mapping[str, Any] | None) -> None:
    errors: dict[str, str] = {}
    if not fields.get("held_on"):
        errors["held_on"] = _("Give the date it is held (令和8年6月10日, 2026-06-10).")
    if not isinstance(fields.get("type"), GatheringType):
        errors["type"] = _("Choose what kind of gathering it is (車座, サロン …).")
    if not str(fields.get("title", "")).strip():
        errors["title"] = _("Give it a title.")
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = _("It must end after it starts.")
    if fields.get("ends_on") and fields.get("held_on") and fields["ends_on"] < fields["held_on"]:
        errors["ends_on"] = _("The last day cannot be before the first.")
    for field, count in (attendance or {}).items():
        if field not in Field.values:
            errors["attendance"] = _("Unknown field: %(field)s") % {"field": field}
        elif not isinstance(count, int) or isinstance(count, bool) or count < 0:
            errors["attendance"] = _("The number of people from %(field)s must be 0 or more.") % {
                "field": Field(field).label
            }
    if errors:
        raise ValidationError(errors)


def _named(actors: Iterable[Actor]) -> list[Actor]:
    """Only members of the network who agreed to be named are named (a person), or an
    organization."""
    chosen = list({a.pk: a for a in actors}.values())
    refused = [a.name for a in chosen if a.kind == ActorKind.PERSON and a.agreed_on is None]
    if refused:
        raise ValidationError(
            {"named": _("%(names)s did not agree to be named.") % {"names": "、".join(refused)}}
        )
    return chosen


def _set_attendance(gathering: Gathering, attendance: Mapping[str, int]) -> None:
    gathering.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(gathering=gathering, field=field, count=count)
        for field, count in sorted(attendance.items())
        if count
    )


@transaction.atomic
def record_gathering(
    *,
    actor: User | None,
    attendance: Mapping[Any, int] | None = None,
    organizers: Iterable[Actor] = (),
    named: Iterable[Actor] = (),
    from_idea: Idea | None = None,
    organization: Organization | None = None,
    **fields: Any,
) -> Gathering:
    """集まりを記録する: a 車座 held (with who came from which field and what came out), or one
    announced (public: on the town's pages and calendar). Nothing is saved with a problem."""
    if actor is not None:
        organization = working_organization(actor)
    _check_gathering(fields, attendance)
    if from_idea is not None and from_idea.status != IdeaStatus.OPEN:
        raise ValidationError(_("This idea was already taken further."))
    gathering = _saved(
        Gathering(
            **{
                k: v
                for k, v in fields.items()
                if k in (*GATHERING_FIELDS, "source_code", "source_id")
            },
            from_idea=from_idea,
            organization=organization,
            recorded_by=actor,
        )
    )
    gathering.organizers.set(list(organizers))
    NamedAttendee.objects.bulk_create(
        NamedAttendee(gathering=gathering, actor=a) for a in _named(named)
    )
    _set_attendance(gathering, attendance or {})
    if from_idea is not None:
        from_idea.status = IdeaStatus.GATHERING
        from_idea.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=Action.CREATE, obj=gathering)
    return gathering


@transaction.atomic
def correct_gathering(
    *,
    actor: User,
    gathering: Gathering,
    changes: Mapping[str, Any],
    attendance: Mapping[str, int] | None = None,
    organizers: Iterable[Actor] | None = None,
    named: Iterable[Actor] | None = None,
    reason: str = "",
) -> Gathering:
    """集まりの記録を訂正する (after it was held: the field mix, what came out); the earlier
    version, attendance included, stays in its history."""
    working_organization(actor)
    wanted = {k: v for k, v in changes.items() if k in GATHERING_FIELDS}
    _check_gathering(
        {f: wanted.get(f, getattr(gathering, f)) for f in GATHERING_FIELDS}, attendance
    )
    extra: dict[str, tuple[Any, Any, Callable[[], None]]] = {}
    if attendance is not None:
        before = {a.field: a.count for a in gathering.attendance.all()}
        after = {f: n for f, n in attendance.items() if n}
        extra["attendance"] = (before, after, lambda: _set_attendance(gathering, after))
    if organizers is not None:
        chosen = list(organizers)
        extra["organizers"] = (
            sorted(gathering.organizers.values_list("pk", flat=True)),
            sorted(a.pk for a in chosen),
            lambda: gathering.organizers.set(chosen),
        )
    if named is not None:
        people = _named(named)

        def rename() -> None:
            gathering.named.all().delete()
            NamedAttendee.objects.bulk_create(
                NamedAttendee(gathering=gathering, actor=a) for a in people
            )

        extra["named"] = (
            sorted(gathering.named.values_list("actor_id", flat=True)),
            sorted(a.pk for a in people),
            rename,
        )
    if correct(gathering, actor=actor, changes=wanted, reason=reason, extra=extra) is not None:
        # Attendance, organizers or who is named may be all that changed: the gathering is
        # newer all the same (its public page's version follows updated_at).
        Gathering.objects.filter(pk=gathering.pk).update(updated_at=timezone.now())
        record_event(actor=actor, action=Action.UPDATE, obj=gathering)
    return gathering


@transaction.atomic
def record_idea(*, actor: User, gathering: Gathering, kind: str, text: str) -> Idea:
    """What came out: an idea or a project, to be taken further."""
    working_organization(actor)
    if not text.strip():
        raise ValidationError({"text": _("Write the idea in a line or two.")})
    idea = _saved(Idea(gathering=gathering, kind=kind, text=text.strip()))
    record_event(actor=actor, action=Action.CREATE, obj=idea)
    return idea


@transaction.atomic
def settle_idea(
    *,
    actor: User,
    idea: Idea,
    status: str,
    resource: Resource | None = None,
    note: str = "",
) -> Idea:
    """What became of an idea: a resource in the directory, not taken further (with why), or
    back to open. (A gathering of its own is record_gathering(from_idea=…); a barrier taken to
    policy is insights.services.barrier_from_idea.)"""
    working_organization(actor)
    if status == IdeaStatus.RESOURCE and resource is None:
        raise ValidationError({"resource": _("Choose the entry of the directory it became.")})
    if status == IdeaStatus.DROPPED and not note.strip():
        raise ValidationError({"note": _("Say why it is not taken further.")})
    if status not in (IdeaStatus.OPEN, IdeaStatus.RESOURCE, IdeaStatus.DROPPED):
        raise ValidationError({"status": _("Choose what became of it.")})
    if idea.status in (IdeaStatus.GATHERING, IdeaStatus.BARRIER):
        # A gathering of its own, a barrier for policy: what it became stays (one barrier).
        raise ValidationError(_("This idea was already taken further."))
    correct(
        idea,
        actor=actor,
        changes={
            "status": status,
            "resource": resource if status == IdeaStatus.RESOURCE else None,
            "note": note.strip(),
        },
    )
    record_event(actor=actor, action=Action.UPDATE, obj=idea, detail={"status": status})
    return idea


@transaction.atomic
def take_idea_to_policy(*, actor: User, idea: Idea) -> Idea:
    """The idea became a barrier for policy (insights.services.barrier_from_idea calls this)."""
    working_organization(actor)
    if idea.status != IdeaStatus.OPEN:
        raise ValidationError(_("This idea was already taken further."))
    idea.status = IdeaStatus.BARRIER
    idea.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=Action.UPDATE, obj=idea, detail={"status": idea.status})
    return idea


@transaction.atomic
def add_follow_up(
    *, actor: User, gathering: Gathering, title: str, due_on: dt.date, assignee: User
) -> FollowUp:
    """A follow-up of the gathering, as a task on someone's home page."""
    working_organization(actor)
    if not assignee.has_role(*CASE_ROLES):
        raise ValidationError({"assignee": _("Choose someone who works in the field.")})
    follow_up = _saved(
        FollowUp(gathering=gathering, title=title.strip(), due_on=due_on, assignee=assignee)
    )
    record_event(actor=actor, action=Action.CREATE, obj=follow_up)
    return follow_up


@transaction.atomic
def finish_follow_up(*, actor: User, follow_up: FollowUp) -> FollowUp:
    working_organization(actor)
    if follow_up.done_on is None:
        follow_up.done_on = timezone.localdate()
        follow_up.save(update_fields=["done_on", "updated_at"])
        record_event(actor=actor, action=Action.UPDATE, obj=follow_up, detail={"done": True})
    return follow_up


# ネットワーク (the network) ----------------------------------------------------------------

ACTOR_FIELDS = (
    "kind",
    "name",
    "name_kana",
    "field",
    "role_title",
    "member_of",
    "district",
    "organization",
    "provider",
    "interests",
    "agreed_on",
    "joined_on",
)


def _check_actor(fields: Mapping[str, Any]) -> None:
    if fields.get("kind") == ActorKind.PERSON and not fields.get("agreed_on"):
        raise ValidationError(
            {
                "agreed_on": _(
                    "A person is in the network only with their agreement: give the day they"
                    " agreed to be named."
                )
            }
        )
    refuse_future(fields.get("agreed_on"), "agreed_on", _("The agreement cannot be in the future."))


@transaction.atomic
def record_actor(*, actor: User, **fields: Any) -> Actor:
    """ネットワークに加える: an organization, or a person in their role (with their agreement)."""
    working_organization(actor)
    _check_actor(fields)
    member = _saved(Actor(**{k: v for k, v in fields.items() if k in ACTOR_FIELDS}))
    record_event(actor=actor, action=Action.CREATE, obj=member)
    return member


@transaction.atomic
def correct_actor(
    *, actor: User, member: Actor, changes: Mapping[str, Any], reason: str = ""
) -> Actor:
    working_organization(actor)
    wanted = {k: v for k, v in changes.items() if k in (*ACTOR_FIELDS, "left_on")}
    _check_actor({f: wanted.get(f, getattr(member, f)) for f in ("kind", "agreed_on")})
    left, joined = wanted.get("left_on", member.left_on), wanted.get("joined_on", member.joined_on)
    refuse_future(left, "left_on", _("It cannot end in the future."))
    if left is not None and joined is not None and left < joined:
        raise ValidationError({"left_on": _("It cannot end before it began.")})
    if correct(member, actor=actor, changes=wanted, reason=reason) is not None:
        record_event(actor=actor, action=Action.UPDATE, obj=member)
    return member


def tie_between(a: Actor, b: Actor) -> Tie | None:
    low, high = sorted((a.pk, b.pk))
    return Tie.objects.filter(a_id=low, b_id=high).first()


@transaction.atomic
def record_tie(
    *,
    actor: User,
    a: Actor,
    b: Actor,
    since: dt.date,
    how: str,
    gathering: Gathering | None = None,
    suggestion: Suggestion | None = None,
    note: str = "",
) -> Tie:
    """つながりを記録する. A tie from a member to itself, or one already there, is refused with
    what to do instead; a tie that grew from a suggested encounter marks it as taken."""
    working_organization(actor)
    if a.pk == b.pk:
        raise ValidationError({"b": _("A tie is between two different members of the network.")})
    refuse_future(since, "since", _("A tie cannot begin in the future."))
    if how not in HowMet.values:
        raise ValidationError({"how": _("Choose how they met.")})
    existing = tie_between(a, b)
    if existing is not None:
        raise ValidationError(
            {
                "b": _("%(a)s and %(b)s are already tied (since %(since)s).")
                % {"a": a.name, "b": b.name, "since": existing.since.isoformat()}
            }
        )
    if suggestion is not None and not {a.pk, b.pk} <= set(
        suggestion.members.values_list("pk", flat=True)
    ):
        raise ValidationError({"suggestion": _("The suggestion was for other members.")})
    low, high = sorted((a, b), key=lambda m: m.pk)
    tie = _saved(
        Tie(
            a=low,
            b=high,
            since=since,
            how=HowMet.SUGGESTION if suggestion is not None else how,
            gathering=gathering,
            suggestion=suggestion,
            note=note.strip(),
            recorded_by=actor,
        )
    )
    if suggestion is not None and suggestion.status != SuggestionStatus.TIE:
        suggestion.status = SuggestionStatus.TIE
        suggestion.decided_on = since
        suggestion.save(update_fields=["status", "decided_on", "updated_at"])
    record_event(actor=actor, action=Action.CREATE, obj=tie)
    return tie


@transaction.atomic
def end_tie(*, actor: User, tie: Tie, ended_on: dt.date) -> Tie:
    """The tie lapsed (the person moved away): the network of earlier dates still shows it."""
    working_organization(actor)
    refuse_future(ended_on, "ended_on", _("It cannot end in the future."))
    if ended_on < tie.since:
        raise ValidationError({"ended_on": _("It cannot end before it began.")})
    correct(tie, actor=actor, changes={"ended_on": ended_on})
    record_event(actor=actor, action=Action.UPDATE, obj=tie, detail={"ended": True})
    return tie


@transaction.atomic
def keep_suggestion(
    *,
    actor: User,
    members: Iterable[Actor],
    reason: str,
    gathering: Gathering | None = None,
) -> Suggestion:
    """計画的偶発性: the coordinator will arrange this encounter (two to four members of the
    network, from more than one field)."""
    working_organization(actor)
    chosen = list({m.pk: m for m in members}.values())
    if not 2 <= len(chosen) <= GROUP_MAX:
        raise ValidationError(
            {"members": _("An encounter brings together 2 to %(n)s members.") % {"n": GROUP_MAX}}
        )
    if len({m.field for m in chosen}) < 2:
        raise ValidationError(
            {"members": _("An encounter brings fields together: choose members from at least two.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why they should meet.")})
    suggestion = _saved(Suggestion(reason=reason.strip(), gathering=gathering, suggested_by=actor))
    suggestion.members.set(chosen)
    record_event(actor=actor, action=Action.CREATE, obj=suggestion)
    return suggestion


@transaction.atomic
def decide_suggestion(
    *, actor: User, suggestion: Suggestion, status: str, on: dt.date | None = None
) -> Suggestion:
    """Not now (or open again). A suggestion becomes a tie by record_tie(suggestion=…)."""
    working_organization(actor)
    if status not in (SuggestionStatus.OPEN, SuggestionStatus.NOT_NOW):
        raise ValidationError({"status": _("Record the tie itself to mark it as taken.")})
    if suggestion.status == SuggestionStatus.TIE:
        raise ValidationError({"status": _("It already became a tie.")})
    suggestion.status = status
    suggestion.decided_on = (
        (on or timezone.localdate()) if status != SuggestionStatus.OPEN else None
    )
    suggestion.save(update_fields=["status", "decided_on", "updated_at"])
    record_event(actor=actor, action=Action.UPDATE, obj=suggestion, detail={"status": status})
    return suggestion
