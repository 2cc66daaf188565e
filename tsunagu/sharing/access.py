"""アクセス規則: who may see what of a case, in one place.

A user of organization X may see a case's content in category C only when
- X is the lead organization (主担当機関); or
- X is on the case team (or attends a 重層的支援会議 with the case on its agenda) and a consent
  in force covers X and C (本人同意); or
- the user attends a 支援会議 with the case on its agenda and signed the pledge: then only the
  material prepared for that meeting, within its window (社会福祉法106条の6); or
- the user declared an emergency with a written reason, for 24 hours (個人情報保護法69条2項).
A team member without such a path sees that the case exists, and what is missing. Everyone
else gets 404, as for a case that does not exist.

The paths are rows (AccessGrant), written by tsunagu.sharing.services; here they are read.
Sharing sits below the domains whose reads it rules (STYLE.md, "Layout"): it is given their
records (a case) or hands them conditions to apply (`visible_condition`), and names none of them
except in annotations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import Organization, User
from tsunagu.audit.choices import LegalBasis
from tsunagu.sharing.choices import ALL_CATEGORIES, InfoCategory, category_labels, covers
from tsunagu.sharing.models import AccessGrant, CaseTeamMember, Consent

if TYPE_CHECKING:
    from tsunagu.cases.models import Case


class NoLawfulPath(ValidationError):
    """A refusal for want of a lawful path (the API answers 409): the message names what is
    missing (a consent covering whom and what)."""


def consent_covering(
    case: Case, organization: Organization, categories: int, on: dt.date | None = None
) -> Consent | None:
    """A consent in force that names the organization and covers every category."""
    consents = (
        Consent.objects.filter(case=case, organizations=organization)
        .in_force(on)
        .order_by("-obtained_on", "-pk")
    )
    return next((c for c in consents if covers(c.categories, categories)), None)


M = TypeVar("M", bound=Model)

#: When several paths open a read, the one it is recorded under: an emergency is the widest
#: (and the one that will be reviewed), then the person's own consent, then a 支援会議.
LEGAL_BASIS_STRENGTH = (LegalBasis.EMERGENCY, LegalBasis.CONSENT, LegalBasis.SUPPORT_MEETING)


def grants_in_force(at: dt.datetime | None = None) -> QuerySet[AccessGrant]:
    now = at or timezone.now()
    return AccessGrant.objects.filter(valid_from__lte=now).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now)
    )


def _holder(user: User, organization_ids: list[int]) -> Q:
    return Q(organization_id__in=organization_ids) | Q(user=user)


def shared_case_ids(user: User, at: dt.datetime | None = None) -> list[int]:
    """Cases led elsewhere that the user's organizations are on the team of, or hold a path
    into: few, so they are fetched first (in one UNION) and the case lists stay on their
    indexes."""
    organization_ids = reading_organization_ids(user)
    if not organization_ids:
        return []
    team = CaseTeamMember.objects.filter(
        organization_id__in=organization_ids, left_at__isnull=True
    ).values_list("case_id", flat=True)
    granted = (
        grants_in_force(at)
        .filter(_holder(user, organization_ids))
        .values_list("case_id", flat=True)
    )
    return list(team.order_by().union(granted.order_by()).order_by("case_id"))


def knows_case(user: User, case: Case, at: dt.datetime | None = None) -> bool:
    """May the user know this case exists (the same rule as visible_cases, for one case)?"""
    organization_ids = reading_organization_ids(user)
    if case.lead_organization_id in organization_ids:
        return True
    if not organization_ids:
        return False
    return (
        CaseTeamMember.objects.filter(
            case=case, organization_id__in=organization_ids, left_at__isnull=True
        ).exists()
        or grants_in_force(at).filter(_holder(user, organization_ids), case=case).exists()
    )


def visible_condition(user: User, at: dt.datetime | None = None) -> Q:
    """Every case the user may know of: led by their organization, or shared with it (as a
    condition on cases: tsunagu.cases.selectors.visible_cases applies it)."""
    organization_ids = reading_organization_ids(user)
    shared = shared_case_ids(user, at)
    condition = Q(lead_organization_id__in=organization_ids)
    if shared:
        condition |= Q(pk__in=shared)
    return condition


def _fold(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    """(key, categories) rows → the categories each key's grants open together."""
    folded: dict[int, int] = {}
    for key, categories in rows:
        folded[key] = folded.get(key, 0) | categories
    return folded


def granted_categories(
    user: User, case_ids: list[int], at: dt.datetime | None = None
) -> dict[int, int]:
    """For cases led elsewhere: the content categories the user's grants open, per case."""
    organization_ids = reading_organization_ids(user)
    return _fold(
        grants_in_force(at)
        .filter(
            _holder(user, organization_ids), case_id__in=case_ids, scope=AccessGrant.Scope.CONTENT
        )
        .values_list("case_id", "categories")
    )


def readable_condition(user: User, categories: int, at: dt.datetime | None = None) -> Q:
    """Cases whose content in `categories` the user may read: led by their organization, or
    opened to them by grants covering all of those categories (as a condition on cases:
    tsunagu.cases.selectors.readable_cases applies it)."""
    shared = shared_case_ids(user, at)
    covered = [
        case_id
        for case_id, granted in granted_categories(user, shared, at).items()
        if covers(granted, categories)
    ]
    condition = Q(lead_organization_id__in=reading_organization_ids(user))
    if covered:
        condition |= Q(pk__in=covered)
    return condition


class CaseView:
    """What the categories open of a case, for a card and a full access alike."""

    case: Case
    categories: int

    def sees(self, categories: int) -> bool:
        return covers(self.categories, categories)

    @property
    def sees_family(self) -> bool:
        """属性・家族関係: the person's or household's name and details."""
        return self.sees(InfoCategory.FAMILY)

    @property
    def sees_history(self) -> bool:
        """生活歴・課題: the case's issues and risk flags."""
        return self.sees(InfoCategory.HISTORY)

    @property
    def title(self) -> str:
        """The case's name where 属性・家族関係 is open, otherwise its number."""
        if self.sees_family:
            return self.case.display_name
        return _("Case #%(number)s") % {"number": self.case.pk}

    @property
    def risk_flags(self) -> list[str]:
        """The risk flags' codes (自殺, 虐待, DV …: 生活歴・課題), or none where that is closed."""
        return self.case.risk_flags.split() if self.sees_history else []

    @property
    def risk_labels(self) -> list[str]:
        return self.case.risk_flag_labels() if self.sees_history else []

    @property
    def label(self) -> str:
        """The case as a list or a picker names it (Case.distinguishing_label), within what the
        user may read."""
        return self.case.distinguishing_label(with_family=self.sees_family)

    @property
    def details(self) -> str:
        """#34・42歳・川辺地区: the number, and the age and district where 属性・家族関係 is open."""
        parts = self.case.distinguishing_parts(with_family=self.sees_family)
        return "・".join([f"#{self.case.pk}", *parts])

    @property
    def title_categories(self) -> int:
        """What the case's title shows: its name (属性・家族関係), where that is open."""
        return InfoCategory.FAMILY if self.sees_family else 0

    @property
    def heading_categories(self) -> int:
        """What the case's heading shows: its name (属性・家族関係) and risk flags (生活歴・課題)."""
        return self.title_categories | (InfoCategory.HISTORY if self.risk_flags else 0)


@dataclass(frozen=True)
class CaseCard(CaseView):
    """ケースの見出し: what a list, an export, the API, search and a notification may say of a
    case. Whoever may know a case knows its number, status, dates, lead organization and lead
    worker (whom to call); its name (属性・家族関係) and its issues and risk flags (生活歴・課題)
    only where the categories are open to them, through the content grants it carries."""

    case: Case
    categories: int
    is_lead: bool
    grants: tuple[AccessGrant, ...] = field(default=())


def case_cards(user: User, cases: list[Case], at: dt.datetime | None = None) -> dict[int, CaseCard]:
    """The card of each case (that the user may know), in one query for those led elsewhere."""
    organization_ids = reading_organization_ids(user)
    elsewhere = [c.pk for c in cases if c.lead_organization_id not in organization_ids]
    grants = _grants_by_case(user, organization_ids, elsewhere, at)
    cards = {}
    for case in cases:
        if case.lead_organization_id in organization_ids:
            cards[case.pk] = CaseCard(case, ALL_CATEGORIES, True)
        else:
            own = tuple(g for g in grants.get(case.pk, ()) if g.scope == AccessGrant.Scope.CONTENT)
            cards[case.pk] = CaseCard(case, _content_categories(own), False, own)
    return cards


def _grants_by_case(
    user: User, organization_ids: list[int], case_ids: list[int], at: dt.datetime | None
) -> dict[int, list[AccessGrant]]:
    """The grants in force that the user holds on each of the cases, oldest first."""
    grants: dict[int, list[AccessGrant]] = {}
    if not case_ids:
        return grants
    for grant in (
        grants_in_force(at)
        .filter(_holder(user, organization_ids), case_id__in=case_ids)
        .select_related("consent", "emergency", "agenda_item")
        .order_by("pk")
    ):
        grants.setdefault(grant.case_id, []).append(grant)
    return grants


def _content_categories(grants: Iterable[AccessGrant]) -> int:
    """The categories of content that the grants open together."""
    categories = 0
    for grant in grants:
        if grant.scope == AccessGrant.Scope.CONTENT:
            categories |= grant.categories
    return categories


@dataclass(frozen=True)
class CaseAccess(CaseView):
    """What one user may see of one case, and on which legal basis."""

    case: Case
    legal_basis: str  # a LegalBasis, or "" when only the case's existence is visible
    categories: int  # the categories of content visible in full
    writer: bool
    on_team: bool
    grants: tuple[AccessGrant, ...] = field(default=())

    @property
    def is_lead(self) -> bool:
        return self.legal_basis == LegalBasis.OWN_ORGANIZATION

    @property
    def reads_content(self) -> bool:
        return bool(self.categories)

    def only_visible(self, rows: QuerySet[M], field: str = "categories") -> QuerySet[M]:
        """The rows whose every category (in `field`) this access opens — `sees` in SQL."""
        if self.is_lead:
            return rows
        outside = ALL_CATEGORIES & ~self.categories
        visible = rows.alias(outside=F(field).bitand(outside))
        return visible.filter(outside=0, **{f"{field}__gt": 0})  # type: ignore[return-value]

    def sees_any(self, categories: int) -> bool:
        return bool(self.categories & categories)

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)

    @property
    def material_grants(self) -> list[AccessGrant]:
        return [g for g in self.grants if g.scope == AccessGrant.Scope.MEETING_MATERIAL]

    @property
    def emergency(self) -> AccessGrant | None:
        return next((g for g in self.grants if g.legal_basis == LegalBasis.EMERGENCY), None)

    def missing(self) -> str:
        """What a team member lacks, said so that they know whom to ask for what."""
        if self.categories == ALL_CATEGORIES:
            return ""
        lead = self.case.lead_organization.name
        if not self.reads_content:
            return _(
                "Your organization is on this case's team, but no consent of the person "
                "covers it yet, so only the case's existence is shown. Ask %(lead)s to obtain "
                "a consent that names your organization."
            ) % {"lead": lead}
        return _(
            "The consent covers only some kinds of information (%(categories)s). For the rest, "
            "ask %(lead)s to obtain a wider consent."
        ) % {"categories": "・".join(self.category_labels()), "lead": lead}


def case_access(user: User, case: Case, at: dt.datetime | None = None) -> CaseAccess:
    """The user's access to the case, or 404 when they have none (not even its existence)."""
    access = case_accesses(user, [case], at).get(case.pk)
    if access is None:
        raise Http404
    return access


def case_accesses(
    user: User, cases: list[Case], at: dt.datetime | None = None
) -> dict[int, CaseAccess]:
    """The user's access to each of the cases (a meeting's agenda), in two queries whatever
    their number; a case the user may not know of is missing from the answer."""
    organization_ids = reading_organization_ids(user)
    accesses: dict[int, CaseAccess] = {}
    elsewhere = []
    for case in cases:
        if case.lead_organization_id in organization_ids:
            accesses[case.pk] = CaseAccess(
                case, LegalBasis.OWN_ORGANIZATION, ALL_CATEGORIES, can_write(user, case), True
            )
        else:
            elsewhere.append(case)
    if not elsewhere:
        return accesses
    ids = [case.pk for case in elsewhere]
    grants = _grants_by_case(user, organization_ids, ids, at)
    on_team = set(
        CaseTeamMember.objects.filter(
            case_id__in=ids, organization_id__in=organization_ids, left_at__isnull=True
        ).values_list("case_id", flat=True)
    )
    for case in elsewhere:
        own = tuple(grants.get(case.pk, ()))
        if not own and case.pk not in on_team:
            continue
        categories = _content_categories(own)
        bases = {grant.legal_basis for grant in own}
        legal_basis = next((b for b in LEGAL_BASIS_STRENGTH if b in bases), "")
        accesses[case.pk] = CaseAccess(
            case, legal_basis, categories, False, case.pk in on_team, own
        )
    return accesses


def can_write(user: User, case: Case) -> bool:
    """Only the lead organization's case workers write in a case; others contribute through
    referrals, meetings and their own records."""
    return any(m.organization_id == case.lead_organization_id for m in user.casework_memberships)


def require_writer(user: User, case: Case) -> None:
    """403 (not 404): whoever gets this far may already see the case."""
    if not can_write(user, case):
        raise PermissionDenied


def organization_categories(case: Case, organization_id: int, at: dt.datetime | None = None) -> int:
    """The content categories an organization's grants open on a case now."""
    return _content_by_organization(case, at).get(organization_id, 0)


def search_visibility(case: Case, categories: int, at: dt.datetime | None = None) -> list[int]:
    """The organizations whose search may find a text of this case in these categories: the
    lead, and the organizations whose consent grants cover every category of the text."""
    organization_ids = {case.lead_organization_id}
    for organization_id, granted in _content_by_organization(case, at).items():
        if covers(granted, categories):
            organization_ids.add(organization_id)
    return sorted(organization_ids)


def _content_by_organization(case: Case, at: dt.datetime | None = None) -> dict[int, int]:
    """The content categories each organization's grants open on the case, together (as the
    case page counts them: two consents of one category each open a note of both)."""
    return _fold(
        grants_in_force(at)
        .filter(case=case, scope=AccessGrant.Scope.CONTENT, organization__isnull=False)
        .values_list("organization_id", "categories")
    )
