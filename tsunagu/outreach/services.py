"""アウトリーチ: taking a concern from the community, triaging it, working a target through
contact attempts until the person engages, and raising the targets that have gone quiet."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import acting_organization, require_casework
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import District, User
from tsunagu.accounts.selectors import holders_of
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.cases.services import open_case
from tsunagu.core.calendar import is_future, refuse_future, start_of_day
from tsunagu.core.revisions import correct
from tsunagu.intake.services import record_consultation
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.outreach.choices import (
    ACTIVE_STAGES,
    DORMANT_AFTER_DAYS,
    SUCCESSFUL,
    ConcernStatus,
    ContactMethod,
    ContactOutcome,
    ReportedOnBehalfOf,
    Review,
    Stage,
    Urgency,
)
from tsunagu.outreach.models import Concern, ContactAttempt, OutreachTarget
from tsunagu.people.models import Household, Person
from tsunagu.people.selectors import (
    households_visible_to,
    knowing_organization_ids,
    people_visible_to,
)
from tsunagu.people.services import link_person
from tsunagu.sharing.services import coordinators

REPORTERS = (Role.REPORTER, *CASE_ROLES)


def outreach_team() -> list[User]:
    """Who triages the concerns: the outreach workers and the coordinators."""
    return holders_of(Role.OUTREACH_WORKER, Role.COORDINATOR)


def works_outreach(user: User) -> bool:
    return user.has_role(*CASE_ROLES)


@transaction.atomic
def report_concern(
    *,
    actor: User,
    noticed: str,
    on_behalf_of: str = ReportedOnBehalfOf.STAFF,
    place: str = "",
    district: District | None = None,
    urgency: str = Urgency.NORMAL,
    reporter_contact: str = "",
    noticed_on: dt.date | None = None,
) -> Concern:
    """気になる人・世帯を伝える. A place and a worry are enough; no name is needed."""
    if not actor.has_role(*REPORTERS):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if not noticed.strip():
        errors["noticed"] = _("Write what you noticed, even one line (郵便物がたまっている …).")
    if on_behalf_of not in ReportedOnBehalfOf.values:
        errors["on_behalf_of"] = _("Choose who noticed.")
    if urgency not in Urgency.values:
        errors["urgency"] = _("Choose how urgent it is.")
    if errors:
        raise ValidationError(errors)
    refuse_future(noticed_on, "noticed_on", _("The day it was noticed cannot be in the future."))
    concern = Concern.objects.create(
        reported_by=actor,
        on_behalf_of=on_behalf_of,
        noticed=noticed.strip(),
        place=place.strip(),
        district=district,
        urgency=urgency,
        reporter_contact=reporter_contact.strip(),
        noticed_on=noticed_on,
    )
    record_event(actor=actor, action=Action.CREATE, obj=concern)
    notify(
        users=[u for u in outreach_team() if u.pk != actor.pk],
        kind=Kind.ASSIGNMENT,
        message=gettext_lazy("A new concern (%(urgency)s) from %(who)s: %(place)s"),
        params={
            "urgency": Urgency(urgency).label,
            "who": ReportedOnBehalfOf(on_behalf_of).label,
            "place": concern.place or concern.district or "—",
        },
        url=reverse("outreach:concern-detail", args=[concern.pk]),
    )
    return concern


def _require_outreach(actor: User) -> None:
    if not works_outreach(actor):
        raise PermissionDenied


def _visible_subject(actor: User, person: Person | None, household: Household | None) -> None:
    """A link only to someone the worker may see: else 404, as for someone who does not exist
    (a different answer would tell that they are on record elsewhere)."""
    if person is not None and not people_visible_to(actor).filter(pk=person.pk).exists():
        raise Http404
    if household is not None and not households_visible_to(actor).filter(pk=household.pk).exists():
        raise Http404


@transaction.atomic
def link_concern(
    *,
    actor: User,
    concern: Concern,
    person: Person | None = None,
    household: Household | None = None,
) -> Concern:
    """Triage: the concern is about someone already known."""
    _require_outreach(actor)
    if person is None and household is None:
        raise ValidationError({"person": _("Choose the person or the household it is about.")})
    _visible_subject(actor, person, household)
    if person is not None and household is None:
        from tsunagu.people.selectors import current_household

        household = current_household(person)  # the household comes with the person
    concern.person, concern.household = person, household
    concern.triaged_by = actor
    if concern.status == ConcernStatus.RECEIVED:
        concern.status = ConcernStatus.IN_PROGRESS
    concern.save()
    record_event(actor=actor, action=Action.UPDATE, obj=concern, detail={"linked": True})
    return concern


@transaction.atomic
def close_concern(*, actor: User, concern: Concern, reason: str) -> Concern:
    _require_outreach(actor)
    if not reason.strip():
        raise ValidationError({"closed_reason": _("Say why it is closed (e.g. 親族が対応済み).")})
    concern.status = ConcernStatus.CLOSED
    concern.closed_reason = reason.strip()
    concern.triaged_by = actor
    concern.save()
    record_event(actor=actor, action=Action.UPDATE, obj=concern, detail={"closed": True})
    return concern


@transaction.atomic
def pass_to_consultation(*, actor: User, concern: Concern) -> Concern:
    """Triage: the person can be reached and asks for help — a consultation (断らない相談)."""
    _require_outreach(actor)
    consultation = record_consultation(
        actor=actor,
        main_concern=concern.noticed,
        person=concern.person,
        channel="community",
        consulted_by="minsei_iin"
        if concern.on_behalf_of == ReportedOnBehalfOf.MINSEI_IIN
        else "neighbour",
    )
    concern.consultation = consultation
    concern.status = ConcernStatus.CONNECTED
    concern.triaged_by = actor
    concern.save()
    record_event(
        actor=actor, action=Action.UPDATE, obj=concern, detail={"consultation": consultation.pk}
    )
    return concern


@transaction.atomic
def open_target(
    *,
    actor: User,
    label: str,
    worker: User | None = None,
    concern: Concern | None = None,
    person: Person | None = None,
    household: Household | None = None,
    place: str = "",
    district: District | None = None,
    cadence_days: int = 14,
    next_contact_on: dt.date | None = None,
    trusted: str = "",
) -> OutreachTarget:
    """アウトリーチを始める: who (as far as known), where, who visits, how often."""
    _require_outreach(actor)
    worker = worker or actor
    # The outreach belongs to an agency where both the actor and the worker work cases (and,
    # for someone known, one that knows them).
    shared = {m.organization_id for m in actor.casework_memberships} & {
        m.organization_id for m in worker.casework_memberships
    }
    errors: dict[str, str] = {}
    if not shared:
        errors["worker"] = _("The worker must work cases in an agency of yours.")
    if not (label.strip() or person or household):
        errors["label"] = _("Say who it is, as far as known (e.g. 川辺団地の70代男性).")
    if not cadence_days or cadence_days < 1:
        errors["cadence_days"] = _("The rhythm of contact is at least one day.")
    if errors:
        raise ValidationError(errors)
    _visible_subject(actor, person, household)
    if person is not None or household is not None:
        shared &= knowing_organization_ids(person or household)  # type: ignore[arg-type]
    organization = acting_organization(actor, among=shared)
    target = OutreachTarget.objects.create(
        person=person or (concern.person if concern else None),
        household=household or (concern.household if concern else None),
        concern=concern,
        label=label.strip() or str(person or household),
        place=place.strip() or (concern.place if concern else ""),
        district=district or (concern.district if concern else None),
        organization=organization,
        worker=worker,
        cadence_days=cadence_days,
        next_contact_on=next_contact_on or timezone.localdate(),
        trusted=trusted.strip(),
    )
    if concern is not None and concern.status == ConcernStatus.RECEIVED:
        concern.status = ConcernStatus.IN_PROGRESS
        concern.triaged_by = actor
        concern.save(update_fields=["status", "triaged_by", "updated_at"])
    record_event(actor=actor, action=Action.CREATE, obj=target)
    if worker.pk != actor.pk:
        notify(
            users=[worker],
            kind=Kind.ASSIGNMENT,
            message=gettext_lazy("You are asked to reach out: %(label)s"),
            params={"label": target.label},
            url=reverse("outreach:target-detail", args=[target.pk]),
        )
    return target


@transaction.atomic
def record_contact(
    *,
    actor: User,
    target: OutreachTarget,
    method: str,
    outcome: str,
    occurred_at: dt.datetime | None = None,
    observed: str = "",
    via: str = "",
    next_step: str = "",
) -> ContactAttempt:
    """接触を記録する. A contact made moves the first stage on and resets the quiet clock; the
    next contact is due after the target's rhythm either way."""
    require_casework(actor, within=[target.organization_id])
    _require_outreach(actor)
    if target.stage not in ACTIVE_STAGES:
        raise ValidationError(_("This outreach has ended or turned into a consultation."))
    errors: dict[str, str] = {}
    if method not in ContactMethod.values:
        errors["method"] = _("Choose how you tried to make contact.")
    if outcome not in ContactOutcome.values:
        errors["outcome"] = _("Choose what came of it.")
    occurred_at = occurred_at or timezone.now()
    if is_future(occurred_at):
        errors["occurred_at"] = _(
            "A contact is recorded after it happened: its time cannot be in the future."
        )
    if method == ContactMethod.VIA and not via.strip():
        errors["via"] = _("Write through whom (e.g. 姉, 店主).")
    if errors:
        raise ValidationError(errors)
    contact = ContactAttempt.objects.create(
        target=target,
        occurred_at=occurred_at,
        method=method,
        outcome=outcome,
        observed=observed.strip(),
        via=via.strip(),
        next_step=next_step.strip(),
        worker=actor,
    )
    if outcome in SUCCESSFUL:
        target.last_contact_at = max(filter(None, [target.last_contact_at, occurred_at]))
        target.review_due = False
        if target.stage == Stage.NOT_CONTACTED:
            target.stage = Stage.CONTACTED
    target.next_contact_on = timezone.localdate(occurred_at) + dt.timedelta(
        days=target.cadence_days
    )
    target.save(
        update_fields=["last_contact_at", "review_due", "stage", "next_contact_on", "updated_at"]
    )
    record_event(actor=actor, action=Action.CREATE, obj=contact, detail={"target": target.pk})
    return contact


#: What a correction of an outreach target may change (its stage and worker have their own ways).
TARGET_FIELDS = ("label", "place", "district", "cadence_days", "next_contact_on", "trusted")


@transaction.atomic
def correct_target(
    *, actor: User, target: OutreachTarget, reason: str = "", **fields: Any
) -> OutreachTarget:
    """アウトリーチ対象の訂正 (who, where, the rhythm, whom they trust); the earlier version stays
    as its history."""
    require_casework(actor, within=[target.organization_id])
    _require_outreach(actor)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown outreach fields: {sorted(unknown)}")
    for name in ("label", "place", "trusted"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "label" in fields and not fields["label"]:
        raise ValidationError(
            {"label": _("Say who it is, as far as known (e.g. 川辺団地の70代男性).")}
        )
    if "cadence_days" in fields and (not fields["cadence_days"] or fields["cadence_days"] < 1):
        raise ValidationError({"cadence_days": _("The rhythm of contact is at least one day.")})
    if "next_contact_on" in fields and fields["next_contact_on"] is None:
        raise ValidationError({"next_contact_on": _("Give the day of the next contact.")})
    revision = correct(target, actor=actor, changes=fields, reason=reason)
    if revision is not None:
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=target,
            detail={"corrected": sorted(revision.changes), "revision": revision.number},
        )
    return target


#: What a correction of a contact attempt may change.
CONTACT_FIELDS = ("occurred_at", "method", "via", "outcome", "observed", "next_step")


@transaction.atomic
def correct_contact(
    *, actor: User, contact: ContactAttempt, reason: str, **fields: Any
) -> ContactAttempt:
    """接触記録の訂正: a contact is corrected, never overwritten: the reason is required and the
    earlier version stays as its history. The target's last successful contact follows."""
    require_casework(actor, within=[contact.target.organization_id])
    _require_outreach(actor)
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown contact fields: {sorted(unknown)}")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the record is corrected.")})
    for name in ("via", "observed", "next_step"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if not fields.get("occurred_at"):
        fields.pop("occurred_at", None)
    else:
        refuse_future(
            fields["occurred_at"],
            "occurred_at",
            _("A contact is recorded after it happened: its time cannot be in the future."),
        )
    method = fields.get("method", contact.method)
    if method == ContactMethod.VIA and not fields.get("via", contact.via):
        raise ValidationError({"via": _("Write through whom (e.g. 姉, 店主).")})
    revision = correct(contact, actor=actor, changes=fields, reason=reason)
    if revision is None:
        return contact
    target = contact.target
    target.last_contact_at = max(
        target.contacts.filter(outcome__in=SUCCESSFUL).values_list("occurred_at", flat=True),
        default=None,
    )
    if target.last_contact_at is not None and target.stage == Stage.NOT_CONTACTED:
        target.stage = Stage.CONTACTED
    target.save(update_fields=["last_contact_at", "stage", "updated_at"])
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=contact,
        detail={"target": target.pk, "corrected": sorted(revision.changes)},
    )
    return contact


@transaction.atomic
def change_stage(
    *, actor: User, target: OutreachTarget, stage: str, reason: str = ""
) -> OutreachTarget:
    """Move between 接触できた, 関係づくり, 見守り継続 and 終了. 相談につながった is `engage`."""
    require_casework(actor, within=[target.organization_id])
    _require_outreach(actor)
    if stage == Stage.ENGAGED:
        raise ValidationError(
            {"stage": _("A connection to a consultation is recorded with “connected”.")}
        )
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose a stage.")})
    if stage == Stage.ENDED and not reason.strip():
        raise ValidationError({"end_reason": _("Say why the outreach ends (転居, 親族が対応 …).")})
    target.stage = stage
    target.end_reason = reason.strip() if stage == Stage.ENDED else ""
    target.save(update_fields=["stage", "end_reason", "updated_at"])
    if target.concern is not None and stage in (Stage.WATCHING, Stage.ENDED):
        target.concern.status = (
            ConcernStatus.WATCHING if stage == Stage.WATCHING else ConcernStatus.CLOSED
        )
        target.concern.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=Action.UPDATE, obj=target, detail={"stage": stage})
    return target


@transaction.atomic
def identify_target(
    *,
    actor: User,
    target: OutreachTarget,
    person: Person | None = None,
    name: str = "",
    name_kana: str = "",
) -> OutreachTarget:
    """本人を特定する: the name is known at last — a person the agency knows, or a new one."""
    require_casework(actor, within=[target.organization_id])
    _require_outreach(actor)
    if person is None:
        if not name.strip():
            raise ValidationError({"name": _("Write the person's name (as far as known).")})
        from tsunagu.people.services import register_person

        person = register_person(
            actor=actor,
            name=name.strip(),
            name_kana=name_kana.strip(),
            district=target.district,
            organization=target.organization,
        )
    _visible_subject(actor, person, None)
    acting_organization(actor, among=knowing_organization_ids(person))
    link_person(person=person, organization=target.organization)
    target.person = person
    target.save(update_fields=["person", "updated_at"])
    if target.concern is not None and target.concern.person_id is None:
        target.concern.person = person
        target.concern.save(update_fields=["person", "updated_at"])
    record_event(actor=actor, action=Action.UPDATE, obj=target, detail={"identified": person.pk})
    return target


@transaction.atomic
def engage(*, actor: User, target: OutreachTarget, main_concern: str) -> Case:
    """相談につながった: a consultation in the person's words and a case, linked to the whole
    outreach history (the target, its contacts and the concern it came from)."""
    require_casework(actor, within=[target.organization_id])
    _require_outreach(actor)
    if target.stage == Stage.ENGAGED:
        raise ValidationError(_("This outreach is already connected to a consultation."))
    if target.person is None and target.household is None:
        raise ValidationError(
            {"person": _("Identify the person (or household) first: a case is for someone known.")}
        )
    if not main_concern.strip():
        raise ValidationError({"main_concern": _("Write the concern in the person's words.")})
    consultation = record_consultation(
        actor=actor,
        main_concern=main_concern.strip(),
        person=target.person,
        organization=target.organization,
        channel="home_visit",
        consulted_by="self",
    )
    case = open_case(
        actor=actor,
        consultation=consultation,
        person=target.person,
        household=target.household if target.person is None else None,
        title=_("From outreach: %(label)s") % {"label": target.label},
    )
    target.stage = Stage.ENGAGED
    target.consultation = consultation
    target.case = case
    target.engaged_on = timezone.localdate()
    target.review_due = False
    target.save(
        update_fields=["stage", "consultation", "case", "engaged_on", "review_due", "updated_at"]
    )
    if target.concern is not None:
        target.concern.status = ConcernStatus.CONNECTED
        target.concern.consultation = consultation
        target.concern.save(update_fields=["status", "consultation", "updated_at"])
    record_event(
        actor=actor, action=Action.UPDATE, obj=target, detail={"engaged": True, "case": case.pk}
    )
    return case


def raise_dormant_targets(today: dt.date | None = None, days: int = DORMANT_AFTER_DAYS) -> int:
    """休眠: no contact made for `days` → the coordinator reviews it (continue, change the
    approach, raise at a 支援会議). Once until the next contact or the review."""
    today = today or timezone.localdate()
    threshold = start_of_day(today - dt.timedelta(days=days))
    raised = 0
    quiet = OutreachTarget.objects.filter(stage__in=ACTIVE_STAGES, review_due=False).select_related(
        "worker"
    )
    for target in quiet:
        since = target.last_contact_at or target.created_at
        if since >= threshold:
            continue
        target.review_due = True
        target.save(update_fields=["review_due", "updated_at"])
        notify(
            users=[*coordinators(target.organization), target.worker],
            kind=Kind.ESCALATION,
            message=gettext_lazy(
                "No contact with %(label)s for %(days)s days: review the approach."
            ),
            params={"label": target.label, "days": days},
            url=reverse("outreach:target-detail", args=[target.pk]),
        )
        raised += 1
    return raised


@transaction.atomic
def review_target(
    *, actor: User, target: OutreachTarget, review: str, note: str = ""
) -> OutreachTarget:
    """The coordinator's answer to a quiet target."""
    if not actor.has_role(Role.COORDINATOR):
        raise PermissionDenied
    if review not in Review.values:
        raise ValidationError({"review": _("Choose what to do next.")})
    target.review = review
    target.review_due = False
    target.save(update_fields=["review", "review_due", "updated_at"])
    record_event(
        actor=actor, action=Action.UPDATE, obj=target, detail={"review": review, "note": note}
    )
    notify(
        users=[target.worker],
        kind=Kind.ASSIGNMENT,
        message=gettext_lazy("Review of %(label)s: %(review)s"),
        params={"label": target.label, "review": Review(review).label},
        url=reverse("outreach:target-detail", args=[target.pk]),
    )
    return target
