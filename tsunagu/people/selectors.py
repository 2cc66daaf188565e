"""Reading people and households, only those the user's organization knows."""

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event
from tsunagu.core.japanese import name_key, phone_key, variant_folds
from tsunagu.core.revisions import described_history
from tsunagu.people.models import Household, HouseholdMember, Person, PersonLink


def people_visible_to(user: User) -> QuerySet[Person]:
    """本人一覧: people some organization of the user knows (not merged away)."""
    return Person.objects.filter(
        merged_into__isnull=True, links__organization_id__in=reading_organization_ids(user)
    ).distinct()


def knowing_organization_ids(record: Person | Household) -> set[int]:
    """The organizations that know a person (recorded them), or a household (one of its
    current members): a write about them is theirs."""
    links = PersonLink.objects.filter(
        person__in=[record]
        if isinstance(record, Person)
        else Person.objects.filter(
            household_memberships__household=record,
            household_memberships__ended_on__isnull=True,
        )
    )
    return set(links.values_list("organization_id", flat=True))


def name_matches(name: str, path: str = "") -> Q:
    """People (through `path`, as "person__") whose name or reading starts as `name` does:
    kanji or kana, 異体字 and spaces folded, so that the family name alone finds them."""
    key = name_key(name)
    return Q(**{f"{path}name_match_key__startswith": key}) | Q(
        **{f"{path}kana_match_key__startswith": key}
    )


def find_people(user: User, filters: dict[str, Any]) -> QuerySet[Person]:
    """本人一覧: the people the user's organizations recorded, found by name (kanji or kana,
    異体字 and spaces folded, the surname alone or the start of the name), birth date, phone
    (any run of its digits) and address or district; in 50音 order. Not audited: the list is
    (record_listing)."""
    people = people_visible_to(user).select_related("district")
    if name := (filters.get("name") or "").strip():
        people = people.filter(name_matches(name) | Q(family_match_key=name_key(name)))
    if birth_date := filters.get("birth_date"):
        people = people.filter(birth_date=birth_date)
    if digits := phone_key(filters.get("phone") or ""):
        people = people.filter(phone_match_key__contains=digits)
    if address := (filters.get("address") or "").strip():
        people = people.filter(address__contains=address)
    if district := filters.get("district"):
        people = people.filter(district=district)
    return people.order_by("kana_match_key", "name_match_key", "pk")


def find_households(user: User, name: str = "") -> QuerySet[Household]:
    """世帯一覧: households with a member the user's organizations recorded, by the household's
    name or a current member's (as find_people matches names)."""
    households = households_visible_to(user).select_related("district")
    if name := name.strip():
        member = Q(members__ended_on__isnull=True) & name_matches(name, "members__person__")
        households = households.filter(Q(name__contains=name) | member).distinct()
    return households.order_by("name", "pk")


def known_person_ids(user: User, person_ids: list[int]) -> set[int]:
    """Of these people, those some organization of the user knows (recorded them)."""
    return set(
        PersonLink.objects.filter(
            person_id__in=person_ids, organization_id__in=reading_organization_ids(user)
        ).values_list("person_id", flat=True)
    )


def organization_knows_subject(organization_id: int, case: Any) -> bool:
    """Has the organization recorded the case's person, or a current member of its household?
    (An emergency access from such an agency needs no second approval.)"""
    if case.person_id is not None:
        person_ids = [case.person_id]
    else:
        person_ids = list(
            HouseholdMember.objects.filter(
                household_id=case.household_id, ended_on__isnull=True
            ).values_list("person_id", flat=True)
        )
    return PersonLink.objects.filter(
        person_id__in=person_ids, organization_id=organization_id
    ).exists()


def find_person(user: User, person_id: int | str | None) -> Person:
    """A person the user's organization knows, for a write that names them (a link, a
    member), or 404 for missing and not-known alike. Not audited: the write is."""
    digits = str(person_id or "")
    person = (
        people_visible_to(user).filter(pk=int(digits)).first()
        if digits.isascii() and digits.isdigit() and len(digits) <= 12
        else None
    )
    if person is None:
        raise Http404
    return person


def find_household(user: User, household_id: int | str | None) -> Household:
    """A household with a member the user's organization knows, or 404 (as find_person)."""
    digits = str(household_id or "")
    household = (
        households_visible_to(user).filter(pk=int(digits)).first()
        if digits.isascii() and digits.isdigit() and len(digits) <= 12
        else None
    )
    if household is None:
        raise Http404
    return household


def get_person_for_user(user: User, person_id: int) -> Person:
    """One person, or 404 for missing and not-visible alike. The read is audited."""
    person = people_visible_to(user).select_related("district").filter(pk=person_id).first()
    if person is None:
        raise Http404
    record_event(actor=user, action="view", obj=person, legal_basis=LegalBasis.OWN_ORGANIZATION)
    return person


def households_visible_to(user: User) -> QuerySet[Household]:
    """Households with at least one current member the user's organization knows."""
    return Household.objects.filter(
        members__ended_on__isnull=True,
        members__person__links__organization_id__in=reading_organization_ids(user),
    ).distinct()


def get_household_for_user(user: User, household_id: int) -> Household:
    household = households_visible_to(user).filter(pk=household_id).first()
    if household is None:
        raise Http404
    record_event(actor=user, action="view", obj=household, legal_basis=LegalBasis.OWN_ORGANIZATION)
    return household


def corrections_of(
    record: Person | Household | HouseholdMember, date_style: str
) -> list[tuple[Any, list[Any]]]:
    """The corrections of a person, a household or a membership, oldest first, as a person
    reads them."""
    return described_history(record, date_style)


def membership_of(household: Household, person: Person) -> HouseholdMember:
    """The person's current membership of the household, or 404."""
    member = (
        household.members.filter(person=person, ended_on__isnull=True)
        .select_related("person", "household")
        .first()
    )
    if member is None:
        raise Http404
    return member


def current_members(household: Household) -> QuerySet[HouseholdMember]:
    return (
        household.members.filter(ended_on__isnull=True)
        .select_related("person")
        .order_by("started_on", "pk")
    )


def current_household(person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.filter(person=person, ended_on__isnull=True)
        .select_related("household")
        .first()
    )
    return member.household if member else None


@dataclass
class Candidate:
    """A person who may be the one being recorded, with why we think so."""

    person: Person
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def duplicate_candidates(
    *,
    user: User,
    name: str = "",
    name_kana: str = "",
    birth_date: dt.date | None = None,
    phone: str = "",
    limit: int = 10,
) -> list[Candidate]:
    """重複候補 (people who may already be registered), best first, each with a score (0–1)
    and the reasons. Names match across kana/kanji, 全角/半角, spaces and 異体字; the birth
    date and the phone add evidence."""
    keys = {"name": name_key(name), "kana": name_key(name_kana), "phone": phone_key(phone)}
    spaced = name.replace("\u3000", " ").strip()
    # The family name: before the space; a name typed without one may be the family name alone
    # (𠮷田 and a birth date find 𠮷田 花子).
    family = name_key(spaced.split(" ")[0]) if spaced else ""
    # Strong keys match on their own; a family name only together with the birth date (a
    # family name alone scores below the threshold anyway, and a common one such as 髙橋
    # would pull in thousands of rows).
    lookups = Q()
    for key in {keys["name"], keys["kana"]} - {""}:
        lookups |= Q(name_match_key=key) | Q(kana_match_key=key)
    if len(keys["phone"]) >= 6:
        lookups |= Q(phone_match_key=keys["phone"])
    if family and birth_date:
        lookups |= Q(family_match_key=family, birth_date=birth_date)
    if not lookups:
        return []
    rows = people_visible_to(user).filter(lookups).select_related("district")[:200]
    candidates = []
    for person in rows:
        candidate = Candidate(person)
        typed = {k for k in (keys["name"], keys["kana"]) if k}
        if person.name_match_key in typed:
            if folds := variant_folds(name, person.name):
                candidate.add(0.45, _("same name (異体字 %(folds)s)") % {"folds": "、".join(folds)})
            else:
                candidate.add(0.45, _("same name (異体字, kana and spaces ignored)"))
        elif person.kana_match_key and person.kana_match_key in typed:
            candidate.add(0.4, _("same reading (furigana)"))
        elif family and person.family_match_key == family:
            typed_family = spaced.split(" ")[0]
            if folds := variant_folds(typed_family, person.name[: len(typed_family)]):
                candidate.add(
                    0.15, _("same family name (異体字 %(folds)s)") % {"folds": "、".join(folds)}
                )
            else:
                candidate.add(0.15, _("same family name"))
        else:
            ratio = max(
                (difflib.SequenceMatcher(None, k, person.name_match_key).ratio() for k in typed),
                default=0,
            )
            if ratio >= 0.75:
                candidate.add(0.25 * ratio, _("similar name"))
        if birth_date and person.birth_date:
            if person.birth_date == birth_date:
                candidate.add(0.35, _("same date of birth"))
            else:
                candidate.add(-0.3, _("different date of birth"))
        if len(keys["phone"]) >= 6 and person.phone_match_key == keys["phone"]:
            candidate.add(0.3, _("same phone number"))
        candidate.score = round(max(0.0, min(candidate.score, 1.0)), 2)
        if candidate.score >= 0.3:
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.person.name_kana, c.person.pk))
    # Audited without what was typed: the row says a search happened and what it returned.
    record_event(
        actor=user,
        action="search",
        object_type="people.person",
        legal_basis=LegalBasis.OWN_ORGANIZATION,
        detail={
            "purpose": "duplicate_candidates",
            "results": [c.person.pk for c in candidates[:limit]],
        },
    )
    return candidates[:limit]
