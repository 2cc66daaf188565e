"""Writing people and households."""

import datetime as dt
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import acting_organization
from tsunagu.accounts.models import Organization, User
from tsunagu.audit.services import record_event
from tsunagu.core.calendar import refuse_future
from tsunagu.core.japanese import phone_key
from tsunagu.core.revisions import correct
from tsunagu.core.wareki import format_date
from tsunagu.people.models import Household, HouseholdMember, Person, PersonLink
from tsunagu.people.selectors import knowing_organization_ids

PERSON_FIELDS = (
    "name",
    "name_kana",
    "family_name",
    "given_name",
    "birth_date",
    "sex",
    "address",
    "district",
    "phone",
    "phone_other",
    "language_needs",
    "contact_preferences",
)


def _check_and_normalize(person: Person) -> None:
    """A birth date is not in the future; a phone number has digits and is stored in
    half-width (０９０－１２３４－５６７８ → 090-1234-5678)."""
    if person.birth_date and person.birth_date > timezone.localdate():
        raise ValidationError(
            {"birth_date": _("The date of birth is in the future. Check the year (和暦 or 西暦).")}
        )
    for field in ("phone", "phone_other"):
        value = unicodedata.normalize("NFKC", getattr(person, field) or "").strip()
        if value and not phone_key(value):
            raise ValidationError(
                {field: _("A phone number needs its digits, e.g. 090-1234-5678.")}
            )
        setattr(person, field, value.replace("ー", "-").replace("−", "-"))


def link_person(*, person: Person, organization: Organization) -> None:
    """Let an organization that now works with this person see their basic details."""
    PersonLink.objects.get_or_create(person=person, organization=organization)


@transaction.atomic
def register_person(
    *, actor: User, name: str, organization: Organization | None = None, **fields: Any
) -> Person:
    """本人を登録する (register a person). Only the name is required. The person is known to
    `organization` (an agency where the actor works cases; by default their first)."""
    known_by = acting_organization(
        actor, among=[organization.pk] if organization is not None else None
    )
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(name=name.strip(), **fields)
    _check_and_normalize(person)
    person.refresh_match_keys()
    person.full_clean()
    person.save()
    link_person(person=person, organization=known_by)
    record_event(actor=actor, action="create", obj=person)
    return person


@transaction.atomic
def update_person(*, actor: User, person: Person, reason: str = "", **fields: Any) -> Person:
    """本人情報の訂正: the earlier version stays as the person's history (core.revisions); the
    correction is audited by field names, never their content."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown person fields: {sorted(unknown)}")
    probe = Person(**{f: fields.get(f, getattr(person, f)) for f in PERSON_FIELDS})
    _check_and_normalize(probe)
    changes = {f: getattr(probe, f) for f in fields}
    keys = ("name_match_key", "kana_match_key", "family_match_key", "phone_match_key")
    probe.refresh_match_keys()
    revision = correct(person, actor=actor, changes=changes, reason=reason)
    if revision is not None:
        Person.objects.filter(pk=person.pk).update(**{k: getattr(probe, k) for k in keys})
        record_event(
            actor=actor, action="update", obj=person, detail={"fields": sorted(revision.changes)}
        )
    return person


@transaction.atomic
def merge_people(*, actor: User, keep: Person, duplicate: Person, reason: str) -> Person:
    """名寄せ (merge two records of one person): everything that points at `duplicate` moves to
    `keep`, `duplicate` stays as a pointer, and the audit row lists what moved, so that the
    merge can be explained (and undone by hand) afterwards."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different records to merge."))
    if duplicate.merged_into_id:
        raise ValidationError(_("This record was already merged."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these two records are the same person.")})
    moved: dict[str, list[int]] = {}
    for relation in Person._meta.related_objects:
        if relation.related_model is Person or not relation.one_to_many:
            continue
        model = relation.related_model
        field = relation.field.name
        rows = model._default_manager.filter(**{field: duplicate})
        if model is PersonLink:
            for link in PersonLink.objects.filter(person=duplicate):
                link_person(person=keep, organization=link.organization)
            continue
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            model._default_manager.filter(pk__in=ids).update(**{field: keep})
            moved[model._meta.label_lower] = ids
    for field in PERSON_FIELDS:
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.refresh_match_keys()
    keep.save()
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    record_event(
        actor=actor,
        action="update",
        obj=keep,
        detail={"merged": duplicate.pk, "reason": reason, "moved": moved},
    )
    return keep


@transaction.atomic
def create_household(
    *, actor: User, name: str, address: str = "", district: Any = None, note: str = ""
) -> Household:
    """世帯を登録する."""
    household = Household(name=name.strip(), address=address, district=district, note=note)
    household.full_clean()
    household.save()
    record_event(actor=actor, action="create", obj=household)
    return household


@transaction.atomic
def add_household_member(
    *,
    actor: User,
    household: Household,
    person: Person,
    relationship: str,
    started_on: dt.date | None = None,
) -> HouseholdMember:
    """世帯員を加える. A person is in one household at a time: joining another ends the old
    membership the day before. The person is one the actor knows through an agency where they
    work cases."""
    acting_organization(actor, among=knowing_organization_ids(person))
    if HouseholdMember.objects.filter(
        household=household, person=person, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            _("%(person)s is already a member of this household.") % {"person": person.name}
        )
    for current in HouseholdMember.objects.filter(person=person, ended_on__isnull=True):
        current.ended_on = (
            (started_on - dt.timedelta(days=1)) if started_on else timezone.localdate()
        )
        if current.started_on and current.ended_on < current.started_on:
            raise ValidationError(
                {
                    "started_on": _(
                        "%(person)s has lived in %(household)s since %(since)s: the move here "
                        "comes after that day."
                    )
                    % {
                        "person": person.name,
                        "household": current.household.name,
                        "since": format_date(current.started_on, actor.date_style),
                    }
                }
            )
        current.save(update_fields=["ended_on", "updated_at"])
    member = HouseholdMember(
        household=household, person=person, relationship=relationship, started_on=started_on
    )
    member.full_clean()
    member.save()
    if relationship == "head":
        household.head = person
        household.save(update_fields=["head", "updated_at"])
    record_event(
        actor=actor,
        action="update",
        obj=household,
        detail={"member_added": person.pk, "relationship": relationship},
    )
    return member


#: What a correction of a household may change.
HOUSEHOLD_FIELDS = ("name", "address", "district", "note")


def correct_household(
    *, actor: User, household: Household, reason: str = "", **fields: Any
) -> Household:
    """世帯情報の訂正 (its name, a move, the district); the earlier version stays as its history.
    The caller checks that the actor's organization knows a member and may write."""
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown household fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            raise ValidationError({"name": _("A household keeps a name (e.g. 高橋さん世帯).")})
    revision = correct(household, actor=actor, changes=fields, reason=reason)
    if revision is not None:
        record_event(
            actor=actor, action="update", obj=household, detail={"fields": sorted(revision.changes)}
        )
    return household


#: What a correction of a membership may change.
MEMBER_FIELDS = ("relationship", "started_on", "ended_on")


@transaction.atomic
def correct_membership(
    *, actor: User, member: HouseholdMember, reason: str = "", **fields: Any
) -> HouseholdMember:
    """世帯員の訂正: the 続柄 and the dates of a membership (a wrong 続柄, the day of a move);
    the earlier version stays as its history. The head of the household follows the 続柄."""
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown membership fields: {sorted(unknown)}")
    started = fields.get("started_on", member.started_on)
    ended = fields.get("ended_on", member.ended_on)
    if started and ended and ended < started:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    for day, field in ((started, "started_on"), (ended, "ended_on")):
        refuse_future(day, field, _("A move is recorded once it has happened."))
    revision = correct(member, actor=actor, changes=fields, reason=reason)
    if revision is None:
        return member
    household = member.household
    if member.relationship == "head" and household.head_id != member.person_id:
        household.head = member.person
        household.save(update_fields=["head", "updated_at"])
    elif member.relationship != "head" and household.head_id == member.person_id:
        household.head = None
        household.save(update_fields=["head", "updated_at"])
    record_event(
        actor=actor,
        action="update",
        obj=household,
        detail={"member_corrected": member.person_id, "fields": sorted(revision.changes)},
    )
    return member


@transaction.atomic
def end_household_membership(
    *, actor: User, member: HouseholdMember, ended_on: dt.date
) -> HouseholdMember:
    if member.started_on and ended_on < member.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    member.ended_on = ended_on
    member.full_clean()
    member.save(update_fields=["ended_on", "updated_at"])
    record_event(
        actor=actor,
        action="update",
        obj=member.household,
        detail={"member_left": member.person_id, "on": ended_on.isoformat()},
    )
    return member
