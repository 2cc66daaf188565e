"""参加支援's writes: the person's profile (参加・つながり), introductions to places and their
steps (見学 with 同行, 体験, 継続, 定着支援 with the host and the person), endings, declines, and
資源化 (what a host agrees to change, offered to the next person).

Who writes: the case's lead, and a case worker of an agency on the case's team whose consent
covers 参加・つながり (the 社協's participation coordinator, once the lead has handed 参加支援 to
it). Someone who may read but not write gets 403 (STYLE: read-only → 403 on write)."""

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import acting_organization
from tsunagu.accounts.choices import Role
from tsunagu.accounts.models import District, Organization, User
from tsunagu.accounts.services import create_user
from tsunagu.audit.choices import Action, LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Task
from tsunagu.cases.services import worker_error
from tsunagu.core.calendar import refuse_future, weekday_codes
from tsunagu.core.revisions import correct
from tsunagu.participation.choices import (
    FOLLOW_UP_AFTER_DAYS,
    FOLLOW_UPS,
    STAGE_OF_STEP,
    STAGE_ORDER,
    DeclineReason,
    EndReason,
    Loneliness,
    Stage,
    StepKind,
    TimeOfDay,
    UclaAnswer,
    WellbeingPoint,
)
from tsunagu.participation.models import (
    Adaptation,
    Decline,
    HostAccount,
    Participation,
    Profile,
    Step,
    Wellbeing,
)
from tsunagu.participation.selectors import host_providers
from tsunagu.resources.choices import ConfirmedHow
from tsunagu.resources.models import Resource
from tsunagu.resources.selectors import directory, reader_of
from tsunagu.resources.services import confirm_entry, set_capacity
from tsunagu.sharing.access import CaseAccess
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.models import CaseTeamMember

#: What a profile holds (the person's words, and what limits them).
PROFILE_FIELDS = (
    "interests",
    "strengths",
    "wishes",
    "dislikes",
    "days",
    "times",
    "needs_pickup",
    "needs_step_free",
    "needs_wheelchair",
    "needs_quiet",
    "max_cost",
    "health",
    "other_limits",
)
#: What a correction of a participation may change (its stage moves by steps and its end).
PARTICIPATION_CORRECTABLE = ("host_contact", "host_name", "host_note", "outcome", "introduced_on")


def writing_organization(actor: User, access: CaseAccess) -> Organization:
    """The agency a 参加支援 record of this case is written for (see the module), or 403."""
    if access.writer:
        return acting_organization(actor, among=[access.case.lead_organization_id])
    if (
        access.on_team
        and access.legal_basis == LegalBasis.CONSENT
        and access.sees(InfoCategory.PARTICIPATION)
    ):
        team = CaseTeamMember.objects.filter(case=access.case, left_at__isnull=True)
        return acting_organization(actor, among=team.values_list("organization_id", flat=True))
    raise PermissionDenied


def may_write(actor: User, access: CaseAccess) -> bool:
    """Does writing_organization find an agency (for a page to offer its forms)?"""
    try:
        writing_organization(actor, access)
    except PermissionDenied:
        return False
    return True


def _may_write(actor: User, participation: Participation, access: CaseAccess) -> Organization:
    if access.case.pk != participation.case_id:
        raise PermissionDenied
    return writing_organization(actor, access)


def _clean_times(times: Any) -> str:
    times = list(dict.fromkeys(times or []))
    if any(t not in TimeOfDay.values for t in times):
        raise ValidationError(
            {
                "times": _("Choose from: %(known)s.")
                % {"known": "、".join(str(label) for label in TimeOfDay.labels)}
            }
        )
    return " ".join(t for t in TimeOfDay.values if t in times)


def _profile_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown profile fields: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("interests", "strengths", "wishes", "dislikes", "health", "other_limits"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "days" in cleaned:
        cleaned["days"] = weekday_codes(cleaned["days"])
    if "times" in cleaned:
        cleaned["times"] = _clean_times(cleaned["times"])
    if cleaned.get("max_cost") is not None and cleaned["max_cost"] < 0:
        raise ValidationError({"max_cost": _("The cost cannot be below zero.")})
    return cleaned


@transaction.atomic
def record_profile(
    *,
    actor: User,
    access: CaseAccess,
    districts: list[District] | None = None,
    reason: str = "",
    **fields: Any,
) -> Profile:
    """参加・つながりを記録する: the first writing, or a correction of it (the earlier version
    stays as its history, with the reason)."""
    organization = writing_organization(actor, access)
    cleaned = _profile_fields(fields)
    profile = Profile.objects.filter(case=access.case).first()
    if profile is None:
        if not any(cleaned.get(f) for f in ("interests", "strengths", "wishes")):
            raise ValidationError(
                {
                    "interests": _(
                        "Write at least one of what they like, what they are good at or what "
                        "they would like to do, in their words."
                    )
                }
            )
        profile = Profile(case=access.case, organization=organization, recorded_by=actor)
        for name, value in cleaned.items():
            setattr(profile, name, value)
        profile.full_clean()
        profile.save()
        if districts:
            profile.districts.set(districts)
        record_event(
            actor=actor, action=Action.CREATE, obj=profile, detail={"case": access.case.pk}
        )
        return profile
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the profile is corrected.")})
    before = list(profile.districts.order_by("code"))
    after = before if districts is None else sorted(districts, key=lambda d: d.code)
    revision = correct(
        profile,
        actor=actor,
        changes=cleaned,
        reason=reason,
        extra={
            "districts": (
                "・".join(d.name for d in before),
                "・".join(d.name for d in after),
                lambda: profile.districts.set(after),
            )
        },
    )
    if revision is not None:
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=profile,
            detail={"case": access.case.pk, "corrected": sorted(revision.changes)},
        )
    return profile


def _visible_resource(actor: User, resource_id: int) -> Resource:
    """A place of the directory the actor may see, or 404 alike for one hidden and one missing."""
    resource = directory(reader_of(actor)).filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return resource


def _usable(adaptation: Adaptation, resource: Resource) -> None:
    if adaptation.resource_id != resource.pk:
        raise ValidationError({"adaptation": _("That adaptation belongs to another place.")})
    if not adaptation.in_force():
        raise ValidationError({"adaptation": _("That adaptation has run out.")})
    taken = adaptation.participations.exclude(stage=Stage.ENDED).count()
    if taken >= adaptation.capacity:
        raise ValidationError(
            {"adaptation": _("That adaptation is taken by as many people as it can take.")}
        )


@transaction.atomic
def introduce(
    *,
    actor: User,
    access: CaseAccess,
    resource_id: int,
    adaptation: Adaptation | None = None,
    host_contact: str = "",
    host_name: str = "",
    host_note: str = "",
    introduced_on: dt.date | None = None,
) -> Participation:
    """紹介: the coordinator and the person chose a place; the participation starts."""
    organization = writing_organization(actor, access)
    resource = _visible_resource(actor, resource_id)
    if (
        Participation.objects.filter(case=access.case, resource=resource)
        .exclude(stage=Stage.ENDED)
        .exists()
    ):
        raise ValidationError(
            {
                "resource": _("%(place)s is already among this person's participations.")
                % {"place": resource.name}
            }
        )
    if adaptation is not None:
        _usable(adaptation, resource)
    refuse_future(
        introduced_on, "introduced_on", _("The day of the introduction cannot be in the future.")
    )
    participation = Participation(
        case=access.case,
        resource=resource,
        adaptation=adaptation,
        host_contact=host_contact.strip(),
        host_name=host_name.strip(),
        host_note=host_note.strip(),
        introduced_on=introduced_on or timezone.localdate(),
        coordinator=actor,
        organization=organization,
    )
    participation.full_clean()
    participation.save()
    record_event(
        actor=actor, action=Action.CREATE, obj=participation, detail={"case": access.case.pk}
    )
    return participation


def _step_title(participation: Participation, kind: str, accompanied: bool) -> str:
    place = participation.resource.name
    if kind == StepKind.FOLLOW_UP_HOST:
        whom = participation.host_contact or place
        return _("Follow-up with the host (%(whom)s): how is it going? — case #%(number)s") % {
            "whom": whom,
            "number": participation.case_id,
        }
    if kind == StepKind.FOLLOW_UP_PERSON:
        return _("Follow-up with the person about %(place)s — case #%(number)s") % {
            "place": place,
            "number": participation.case_id,
        }
    title = _("%(step)s at %(place)s — case #%(number)s") % {
        "step": StepKind(kind).label,
        "place": place,
        "number": participation.case_id,
    }
    return _("Go along: %(title)s") % {"title": title} if accompanied else title


def _check_stage(participation: Participation, kind: str) -> None:
    if not participation.is_active:
        raise ValidationError({"kind": _("This participation has ended.")})
    target = STAGE_OF_STEP.get(StepKind(kind))
    if target is not None and STAGE_ORDER.index(target) < STAGE_ORDER.index(
        Stage(participation.stage)
    ):
        raise ValidationError(
            {
                "kind": _("It is already at 「%(stage)s」: a %(step)s comes before that.")
                % {"stage": participation.get_stage_display(), "step": StepKind(kind).label}
            }
        )


def _check_companion(companion: User | None, organization: Organization) -> None:
    error = worker_error(companion, organization)
    if error:
        raise ValidationError({"accompanied_by": error})


@transaction.atomic
def plan_step(
    *,
    actor: User,
    access: CaseAccess,
    participation: Participation,
    kind: str,
    planned_on: dt.date,
    accompanied_by: User | None = None,
    note: str = "",
) -> Step:
    """A step planned for a day (the first visit with who goes along: 同行), with a task for
    whoever goes (or the coordinator)."""
    organization = _may_write(actor, participation, access)
    if kind not in StepKind.values:
        raise ValidationError({"kind": _("Choose a step.")})
    _check_stage(participation, kind)
    if planned_on < timezone.localdate():
        raise ValidationError({"planned_on": _("A plan is for today or a later day.")})
    _check_companion(accompanied_by, participation.organization)
    step = Step.objects.create(
        participation=participation,
        kind=kind,
        planned_on=planned_on,
        accompanied_by=accompanied_by,
        note=note.strip(),
        recorded_by=actor,
    )
    step.task = Task.objects.create(
        case=participation.case,
        title=_step_title(participation, kind, accompanied_by is not None)[:300],
        due_on=planned_on,
        assignee=accompanied_by or participation.coordinator,
        organization=organization,
        source="participation",
        source_id=step.pk,
    )
    step.save(update_fields=["task", "updated_at"])
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=step,
        detail={"case": participation.case_id, "planned": True},
    )
    return step


def _plan_follow_ups(participation: Participation, actor: User, after: dt.date) -> None:
    """定着支援: one follow-up with the host and one with the person, FOLLOW_UP_AFTER_DAYS after
    a trial or the start of taking part (today, for one recorded later than that), unless one
    is already planned."""
    planned = set(
        participation.steps.filter(happened_on__isnull=True, kind__in=FOLLOW_UPS).values_list(
            "kind", flat=True
        )
    )
    due = max(after + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS), timezone.localdate())
    for kind in FOLLOW_UPS:
        if kind in planned:
            continue
        step = Step.objects.create(
            participation=participation, kind=kind, planned_on=due, recorded_by=actor
        )
        step.task = Task.objects.create(
            case=participation.case,
            title=_step_title(participation, kind, False)[:300],
            due_on=due,
            assignee=participation.coordinator,
            organization=participation.organization,
            source="participation",
            source_id=step.pk,
        )
        step.save(update_fields=["task", "updated_at"])


@transaction.atomic
def record_step(
    *,
    actor: User,
    access: CaseAccess,
    participation: Participation,
    kind: str,
    happened_on: dt.date,
    accompanied_by: User | None = None,
    note: str = "",
    step: Step | None = None,
) -> Step:
    """A step as it happened (a planned one, or one not planned): the stage moves on, its task
    is done, and after a trial or the start of taking part the follow-ups are planned."""
    _may_write(actor, participation, access)
    if step is not None:
        if step.participation_id != participation.pk:
            raise PermissionDenied
        kind = step.kind
        if step.happened_on is not None:
            raise ValidationError({"happened_on": _("This step is already recorded.")})
    if kind not in StepKind.values:
        raise ValidationError({"kind": _("Choose a step.")})
    _check_stage(participation, kind)
    refuse_future(happened_on, "happened_on", _("Record a step once it has happened."))
    if happened_on < participation.introduced_on:
        raise ValidationError({"happened_on": _("A step cannot come before the introduction.")})
    _check_companion(accompanied_by, participation.organization)
    if step is None:
        step = Step(participation=participation, kind=kind, recorded_by=actor)
    step.happened_on = happened_on
    step.accompanied_by = accompanied_by or step.accompanied_by
    step.note = note.strip() or step.note
    step.save()
    if step.task_id is not None and step.task is not None and step.task.done_at is None:
        step.task.done_at = timezone.now()
        step.task.save(update_fields=["done_at", "updated_at"])
    target = STAGE_OF_STEP.get(StepKind(kind))
    if target is not None and STAGE_ORDER.index(target) > STAGE_ORDER.index(
        Stage(participation.stage)
    ):
        participation.stage = target
        if target == Stage.CONTINUING:
            participation.continuing_since = happened_on
        participation.save(update_fields=["stage", "continuing_since", "updated_at"])
    if target in (Stage.TRIAL, Stage.CONTINUING):
        _plan_follow_ups(participation, actor, happened_on)
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=step,
        detail={"case": participation.case_id, "stage": participation.stage},
    )
    return step


@transaction.atomic
def end_participation(
    *,
    actor: User,
    access: CaseAccess,
    participation: Participation,
    reason: str,
    ended_on: dt.date | None = None,
    note: str = "",
    outcome: str = "",
) -> Participation:
    """終了, with why and what changed for the person; the steps still planned are dropped from
    the tasks (they stay in the record as planned)."""
    _may_write(actor, participation, access)
    if not participation.is_active:
        raise ValidationError({"reason": _("This participation has already ended.")})
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why it ended.")})
    ended_on = ended_on or timezone.localdate()
    refuse_future(ended_on, "ended_on", _("The day it ended cannot be in the future."))
    if ended_on < participation.introduced_on:
        raise ValidationError({"ended_on": _("It cannot end before the introduction.")})
    participation.stage = Stage.ENDED
    participation.ended_on = ended_on
    participation.end_reason = reason
    participation.end_note = note.strip()
    if outcome.strip():
        participation.outcome = outcome.strip()
    participation.save()
    Task.objects.filter(
        source="participation",
        source_id__in=participation.steps.filter(happened_on__isnull=True).values("pk"),
        done_at__isnull=True,
    ).delete()
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=participation,
        detail={"case": participation.case_id, "ended": reason},
    )
    return participation


@transaction.atomic
def correct_participation(
    *,
    actor: User,
    access: CaseAccess,
    participation: Participation,
    reason: str,
    **fields: Any,
) -> Participation:
    """The host's contact, what changed for the person, the day of the introduction, as they
    are now known; the earlier version stays as history."""
    _may_write(actor, participation, access)
    unknown = set(fields) - set(PARTICIPATION_CORRECTABLE)
    if unknown:
        raise ValidationError(f"Unknown participation fields: {sorted(unknown)}")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is corrected.")})
    for name in ("host_contact", "host_name", "host_note", "outcome"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if fields.get("introduced_on") is None:
        fields.pop("introduced_on", None)
    else:
        refuse_future(
            fields["introduced_on"],
            "introduced_on",
            _("The day of the introduction cannot be in the future."),
        )
    revision = correct(participation, actor=actor, changes=fields, reason=reason)
    if revision is not None:
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=participation,
            detail={"case": participation.case_id, "corrected": sorted(revision.changes)},
        )
    return participation


@transaction.atomic
def record_decline(
    *,
    actor: User,
    access: CaseAccess,
    resource_id: int,
    reason: str,
    note: str = "",
    declined_on: dt.date | None = None,
) -> Decline:
    """The person said no to a place: it is left out of their matches, and the reason is weighed
    for others."""
    organization = writing_organization(actor, access)
    resource = _visible_resource(actor, resource_id)
    if reason not in DeclineReason.values:
        raise ValidationError({"reason": _("Choose why they said no.")})
    refuse_future(declined_on, "declined_on", _("The day cannot be in the future."))
    decline = Decline.objects.create(
        case=access.case,
        resource=resource,
        reason=reason,
        note=note.strip()[:300],
        declined_on=declined_on or timezone.localdate(),
        recorded_by=actor,
        organization=organization,
    )
    record_event(actor=actor, action=Action.CREATE, obj=decline, detail={"case": access.case.pk})
    return decline


@transaction.atomic
def record_adaptation(
    *,
    actor: User,
    resource_id: int,
    what: str,
    days: Any = (),
    times: Any = (),
    capacity: int = 1,
    valid_until: dt.date | None = None,
    quiet: bool = False,
    step_free: bool = False,
    pickup: bool = False,
    host_contact: str = "",
    negotiated_on: dt.date | None = None,
    access: CaseAccess | None = None,
    participation: Participation | None = None,
) -> Adaptation:
    """資源化: what a host agreed to do differently. It names no one; with the participation it
    was negotiated for, that participation uses it."""
    if participation is not None:
        if access is None:
            raise PermissionDenied
        organization = _may_write(actor, participation, access)
        resource_id = participation.resource_id
    else:
        organization = acting_organization(actor)
    resource = _visible_resource(actor, resource_id)
    if not what.strip():
        raise ValidationError(
            {"what": _("Say what the host offers (開店前の30分、静かな席で品出し …).")}
        )
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": _("It is for at least one person at a time.")})
    if valid_until is not None and valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The day it runs out is already past.")})
    refuse_future(
        negotiated_on, "negotiated_on", _("The day it was agreed cannot be in the future.")
    )
    adaptation = Adaptation(
        resource=resource,
        what=what.strip(),
        days=weekday_codes(days),
        times=_clean_times(times),
        capacity=capacity,
        valid_until=valid_until,
        quiet=quiet,
        step_free=step_free,
        pickup=pickup,
        host_contact=host_contact.strip(),
        negotiated_by=actor,
        organization=organization,
        negotiated_on=negotiated_on or timezone.localdate(),
    )
    adaptation.full_clean()
    adaptation.save()
    if participation is not None and participation.adaptation_id is None:
        participation.adaptation = adaptation
        participation.save(update_fields=["adaptation", "updated_at"])
    record_event(
        actor=actor,
        action=Action.CREATE,
        obj=adaptation,
        detail={
            "resource": resource.pk,
            **({"case": participation.case_id} if participation else {}),
        },
    )
    return adaptation


@transaction.atomic
def record_wellbeing(
    *,
    actor: User,
    access: CaseAccess,
    point: str,
    loneliness: int,
    companionship: int,
    left_out: int,
    isolated: int,
    measured_on: dt.date | None = None,
) -> Wellbeing:
    """孤独感の尺度 (asked only with the person's agreement): once at each point."""
    organization = writing_organization(actor, access)
    errors: dict[str, str] = {}
    if point not in WellbeingPoint.values:
        errors["point"] = _("Choose when it was asked.")
    if loneliness not in Loneliness.values:
        errors["loneliness"] = _("Choose one of the answers.")
    for name, value in (
        ("companionship", companionship),
        ("left_out", left_out),
        ("isolated", isolated),
    ):
        if value not in UclaAnswer.values:
            errors[name] = _("Choose one of the answers.")
    if errors:
        raise ValidationError(errors)
    refuse_future(measured_on, "measured_on", _("The day it was asked cannot be in the future."))
    if Wellbeing.objects.filter(case=access.case, point=point).exists():
        raise ValidationError(
            {
                "point": _("The answers for 「%(point)s」 are already recorded.")
                % {"point": WellbeingPoint(point).label}
            }
        )
    wellbeing = Wellbeing.objects.create(
        case=access.case,
        point=point,
        measured_on=measured_on or timezone.localdate(),
        loneliness=loneliness,
        companionship=companionship,
        left_out=left_out,
        isolated=isolated,
        recorded_by=actor,
        organization=organization,
    )
    record_event(actor=actor, action=Action.CREATE, obj=wellbeing, detail={"case": access.case.pk})
    return wellbeing


#: Who makes and ends the hosts' logins.
HOST_KEEPERS = (Role.PARTICIPATION_COORDINATOR, Role.COMMUNITY_COORDINATOR, Role.COORDINATOR)


@transaction.atomic
def create_host_account(
    *, actor: User, provider_id: int, display_name: str, email: str
) -> tuple[HostAccount, str]:
    """協力事業者のログインを作る: an account of its own for a shop or a group of the directory,
    with a first password (shown once, to hand over in person)."""
    if not actor.has_role(*HOST_KEEPERS):
        raise PermissionDenied
    provider = host_providers(actor).filter(pk=provider_id).first()
    if provider is None:
        raise Http404
    if not display_name.strip():
        raise ValidationError({"display_name": _("Write the name of the person who will sign in.")})
    password = secrets.token_urlsafe(9)
    user = create_user(
        actor=actor, email=email, display_name=display_name.strip(), password=password
    )
    host = HostAccount.objects.create(user=user, provider=provider, created_by=actor)
    record_event(actor=actor, action=Action.CREATE, obj=host, detail={"provider": provider.pk})
    return host, password


@transaction.atomic
def end_host_account(*, actor: User, host: HostAccount) -> HostAccount:
    """The host's login ends (the shop closes, the group's keeper changes): it cannot sign in."""
    if not actor.has_role(*HOST_KEEPERS):
        raise PermissionDenied
    host.user.is_active = False
    host.user.save(update_fields=["is_active"])
    record_event(actor=actor, action=Action.UPDATE, obj=host, detail={"ended": True})
    return host


def host_resource(actor: User, resource_id: int) -> Resource:
    """One of the host's own places, or 404 (another's and a missing one alike)."""
    host = getattr(actor, "host_account", None)
    resource = (
        Resource.objects.filter(pk=resource_id, provider=host.provider).first() if host else None
    )
    if resource is None or not actor.is_active:
        raise Http404
    return resource


@transaction.atomic
def host_update(
    *, actor: User, resource_id: int, available: int | None = None, note: str = ""
) -> Resource:
    """The host says its entry is as it says, and how much room it has now (空き)."""
    resource = host_resource(actor, resource_id)
    if available is not None:
        capacity = resource.capacities.order_by("pk").first()
        set_capacity(
            actor=actor,
            resource=resource,
            unit=capacity.unit if capacity else "人",
            available=available,
            maximum=capacity.maximum if capacity else None,
            description=capacity.description if capacity else "",
        )
    confirm_entry(actor=actor, resource=resource, how=ConfirmedHow.HOST, note=note.strip()[:300])
    return resource
