"""Reading referrals: the inbox, the outbox, one referral, a case's referrals."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.models import User
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.referrals.choices import OPEN_STATUSES
from tsunagu.referrals.models import Referral
from tsunagu.sharing.access import CaseAccess

#: What a list of referrals is, as the audit log names it.
REFERRALS = gettext_lazy("Referrals (inbox or outbox)")


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "case",
        "case__person__district",
        "case__household__district",
        "case__lead_worker",
        "case__lead_organization",
        "from_organization",
        "from_user",
        "to_organization",
    )


def inbox(user: User, *, open_only: bool = True) -> QuerySet[Referral]:
    """受信箱: referrals to the user's organizations, the oldest waiting first."""
    referrals = _referrals().filter(to_organization_id__in=reading_organization_ids(user))
    if open_only:
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    return referrals.order_by("sent_at", "pk")


def outbox(user: User, *, open_only: bool = False) -> QuerySet[Referral]:
    """送信箱: referrals the user's organizations sent, with where each one ended."""
    referrals = _referrals().filter(from_organization_id__in=reading_organization_ids(user))
    if open_only:
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    return referrals.order_by("-sent_at", "-pk")


def get_referral_for_user(user: User, referral_id: int) -> Referral:
    """The sender's and the receiver's organizations see a referral; anyone else gets 404."""
    organization_ids = reading_organization_ids(user)
    referral = _referrals().filter(pk=referral_id).first()
    if referral is None or (
        referral.from_organization_id not in organization_ids
        and referral.to_organization_id not in organization_ids
    ):
        raise Http404
    return referral


def read_referral(user: User, referral_id: int) -> Referral:
    """One referral for its sender or its receiver (else 404), the read audited on the legal
    basis it was sent on."""
    referral = get_referral_for_user(user, referral_id)
    record_event(actor=user, action="view", obj=referral, legal_basis=referral.legal_basis)
    return referral


def referrals_of(access: CaseAccess, user: User) -> list[Referral]:
    """A case's referrals: all of them for the lead; for another agency, those sent to it.
    The case page names only the receiver, so only the receiver is joined."""
    referrals = Referral.objects.select_related("to_organization").filter(case=access.case)
    if not access.is_lead:
        referrals = referrals.filter(to_organization_id__in=reading_organization_ids(user))
    return list(referrals.order_by("-sent_at"))


def organization_referred_case(organization_id: int, case: Case) -> bool:
    """Did the organization send or receive a referral of the case (つなぎ)?"""
    return Referral.objects.filter(
        Q(from_organization_id=organization_id) | Q(to_organization_id=organization_id), case=case
    ).exists()
