"""つなぎ: sending a referral on a lawful basis, its events in order, and the escalations of
its timers (counted in 開庁日)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.models import Organization, User
from tsunagu.audit.choices import Action, LegalBasis
from tsunagu.audit.services import record_event, record_text
from tsunagu.cases.models import Case
from tsunagu.core.calendar import add_business_days
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.referrals.choices import (
    ACCEPT_WITHIN,
    RECEIVE_WITHIN,
    TRANSITIONS,
    EventType,
    Outcome,
    ReferralStatus,
)
from tsunagu.referrals.models import Referral, ReferralEvent
from tsunagu.sharing.access import NoLawfulPath, consent_covering, require_writer
from tsunagu.sharing.choices import ALL_CATEGORIES, TeamRole, category_labels, covers
from tsunagu.sharing.models import CaseTeamMember, Consent, Disclosure
from tsunagu.sharing.services import (
    add_team_member,
    auditors,
    case_workers,
    coordinators,
    emergency_reason_error,
)


def _link(referral: Referral) -> str:
    return reverse("referrals:referral-detail", args=[referral.pk])


def _lawful_basis(
    *,
    case: Case,
    categories: int,
    to_organization: Organization | None,
    to_external: str,
    consent: Consent | None,
    emergency_reason: str,
) -> tuple[str, Consent | None]:
    if emergency_reason.strip():
        if problem := emergency_reason_error(emergency_reason):
            raise ValidationError({"emergency_reason": problem})
        return LegalBasis.EMERGENCY, None
    labels = "・".join(category_labels(categories))
    if to_organization is not None:
        found = consent_covering(case, to_organization, categories)
        if found is None:
            raise NoLawfulPath(
                _(
                    "No consent in force names %(organization)s for %(categories)s. Record the "
                    "person's consent first (or, only if life or body is at risk, give the "
                    "emergency reason)."
                )
                % {"organization": to_organization.name, "categories": labels}
            )
        return LegalBasis.CONSENT, found
    if consent is None or consent.case_id != case.pk or not consent.in_force():
        raise NoLawfulPath(
            _(
                "For an agency not on Tsunagu, choose the consent in force under which "
                "%(receiver)s may receive %(categories)s."
            )
            % {"receiver": to_external, "categories": labels}
        )
    if not covers(consent.categories, categories):
        raise NoLawfulPath(
            _("The chosen consent does not cover %(categories)s.") % {"categories": labels}
        )
    return LegalBasis.CONSENT, consent


@transaction.atomic
def send_referral(
    *,
    actor: User,
    case: Case,
    reason: str,
    categories: int,
    to_organization: Organization | None = None,
    to_external: str = "",
    consent: Consent | None = None,
    emergency_reason: str = "",
) -> Referral:
    """つなぐ: send the case to another organization with a reason and the information the
    person agreed to share with it. Refused without a consent covering the receiver (or a
    stated emergency); the receiver's case workers are told."""
    require_writer(actor, case)
    to_external = to_external.strip()
    errors: dict[str, str] = {}
    if (to_organization is None) == (not to_external):
        errors["to_organization"] = _(
            "Choose the organization to refer to, or name an agency not on Tsunagu (one of them)."
        )
    elif to_organization is not None and to_organization.pk == case.lead_organization_id:
        errors["to_organization"] = _("A referral goes to another organization, not your own.")
    if not reason.strip():
        errors["reason"] = _("Write why you refer the person: what you hope the receiver does.")
    if not categories & ALL_CATEGORIES:
        errors["categories"] = _("Choose the kinds of information shared with the referral.")
    if errors:
        raise ValidationError(errors)
    legal_basis, consent = _lawful_basis(
        case=case,
        categories=categories,
        to_organization=to_organization,
        to_external=to_external,
        consent=consent,
        emergency_reason=emergency_reason,
    )
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        from_organization=case.lead_organization,
        from_user=actor,
        to_organization=to_organization,
        to_external=to_external,
        reason=reason.strip(),
        categories=categories & ALL_CATEGORIES,
        legal_basis=legal_basis,
        consent=consent,
        emergency_reason=emergency_reason.strip(),
        sent_at=now,
    )
    ReferralEvent.objects.create(
        referral=referral, type=EventType.SENT, occurred_at=now, user=actor
    )
    disclosure = Disclosure.objects.create(
        case=case,
        user=None,
        organization=to_organization,
        recipient_name=to_external,
        categories=referral.categories,
        what=record_text(format_lazy(gettext_lazy("Referral #{id}"), id=referral.pk)),
        legal_basis=legal_basis,
    )
    if consent is not None:
        disclosure.consents.add(consent)
    record_event(
        actor=actor,
        action=Action.EMERGENCY_ACCESS if legal_basis == LegalBasis.EMERGENCY else Action.CREATE,
        obj=referral,
        legal_basis=legal_basis,
        detail={"case": case.pk, "to": referral.receiver_name, "categories": referral.categories},
    )
    if to_organization is not None:
        notify(
            users=case_workers(to_organization),
            kind=Kind.REFERRAL,
            message=gettext_lazy("A referral from %(sender)s (case #%(case)s) is waiting for you."),
            params={"sender": case.lead_organization.name, "case": case.pk},
            url=_link(referral),
        )
    if legal_basis == LegalBasis.EMERGENCY:
        notify(
            users=auditors(),
            kind=Kind.EMERGENCY_ACCESS,
            message=gettext_lazy(
                "%(sender)s referred case #%(case)s without consent, to protect life or body."
            ),
            params={"sender": case.lead_organization.name, "case": case.pk},
            url=_link(referral),
        )
    return referral


def sides_of(actor: User, referral: Referral) -> set[str]:
    """Which side of the referral the actor acts for. For an agency not on Tsunagu, the sender
    records the receiver's answers by hand."""
    organization_ids = {m.organization_id for m in actor.casework_memberships}
    sides = set()
    if referral.from_organization_id in organization_ids:
        sides.add("sender")
        if referral.is_external:
            sides.add("receiver")
    if referral.to_organization_id in organization_ids:
        sides.add("receiver")
    return sides


def next_steps(referral: Referral, sides: set[str]) -> list[str]:
    """The events the actor may record now, in the order of the work."""
    return [
        event
        for event, (allowed_from, _to, side) in TRANSITIONS.items()
        if referral.status in allowed_from and side in sides
    ]


def record_referral_event(
    *,
    actor: User,
    referral: Referral,
    type: str,
    reason: str = "",
    outcome: str = "",
    note: str = "",
) -> Referral:
    """Move a referral on by one event, in order. Two people acting at once (an accept and a
    recall): the row is locked, so exactly one wins and the other is told why not."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("case", "from_organization", "to_organization")
            .get(pk=referral.pk)
        )
        if type not in TRANSITIONS:
            raise ValidationError({"type": _("Unknown event: %(type)s.") % {"type": type}})
        allowed_from, to_status, side = TRANSITIONS[type]
        if side not in sides_of(actor, referral):
            raise PermissionDenied(
                _("Only the receiving organization records this.")
                if side == "receiver"
                else _("Only the sending organization records this.")
            )
        if referral.status not in allowed_from:
            raise ValidationError(
                _("This referral is “%(status)s”: it cannot be “%(event)s” now.")
                % {
                    "status": ReferralStatus(referral.status).label,
                    "event": EventType(type).label,
                }
            )
        if type == EventType.DECLINED and not reason.strip():
            raise ValidationError(
                {"reason": _("Say why you decline, so that the sender can find another way.")}
            )
        if type == EventType.COMPLETED and outcome not in Outcome.values:
            raise ValidationError({"outcome": _("Choose the outcome of the referral.")})
        now = timezone.now()
        referral.status = to_status
        if type == EventType.COMPLETED:
            referral.outcome = outcome
        referral.save(update_fields=["status", "outcome", "updated_at"])
        event = ReferralEvent.objects.create(
            referral=referral,
            type=type,
            occurred_at=now,
            user=actor,
            reason=reason.strip(),
            outcome=outcome if type == EventType.COMPLETED else "",
            note=note.strip(),
        )
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=referral,
            detail={"event": type, "outcome": event.outcome, "case": referral.case_id},
        )
        if type == EventType.ACCEPTED and referral.to_organization is not None:
            _join_team(referral)
    _tell_the_othersides_of(actor, referral, event)
    return referral


def _join_team(referral: Referral) -> None:
    """An accepted referral puts the receiver on the case team: its consent then opens the
    case to it."""
    assert referral.to_organization is not None  # noqa: S101
    if not CaseTeamMember.objects.filter(
        case=referral.case, organization=referral.to_organization, left_at__isnull=True
    ).exists():
        add_team_member(
            actor=referral.from_user,
            case=referral.case,
            organization=referral.to_organization,
            role=TeamRole.RELATED,
        )


def _tell_the_othersides_of(actor: User, referral: Referral, event: ReferralEvent) -> None:
    happened = Outcome(event.outcome).label if event.outcome else EventType(event.type).label
    if event.type == EventType.RECALLED:
        users = case_workers(referral.to_organization) if referral.to_organization else []
    else:
        users = [referral.from_user, *case_workers(referral.from_organization)]
    notify(
        users=[u for u in users if u.pk != actor.pk],
        kind=Kind.REFERRAL,
        message=gettext_lazy("Referral #%(referral)s (case #%(case)s) to %(receiver)s: %(event)s"),
        params={
            "referral": referral.pk,
            "case": referral.case_id,
            "receiver": referral.receiver_name,
            "event": happened,
        },
        url=_link(referral),
    )


def receive_on_open(*, actor: User, referral: Referral) -> Referral:
    """The receiver opening a sent referral has received it (既読)."""
    if (
        referral.status == ReferralStatus.SENT
        and "receiver" in sides_of(actor, referral)
        and not referral.is_external
    ):
        return record_referral_event(actor=actor, referral=referral, type=EventType.RECEIVED)
    return referral


def deadlines(referral: Referral) -> dict[str, dt.date]:
    """The 開庁日 by which the referral should be received, and answered."""
    sent_on = timezone.localdate(referral.sent_at)
    return {
        "receive_by": add_business_days(sent_on, RECEIVE_WITHIN),
        "answer_by": add_business_days(sent_on, ACCEPT_WITHIN),
    }


NOT_RECEIVED = gettext_lazy(
    "Referral #%(referral)s (case #%(case)s) has not been received by %(receiver)s "
    "in %(days)s working days."
)
NOT_ANSWERED = gettext_lazy(
    "Referral #%(referral)s (case #%(case)s) has not been answered by %(receiver)s "
    "in %(days)s working days."
)


def escalate_overdue_referrals(today: dt.date | None = None) -> int:
    """督促: a referral not received in 3 開庁日, or not answered in 5, is raised to its sender
    and the coordinators, once for each."""
    today = today or timezone.localdate()
    escalated = 0
    waiting = Referral.objects.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.RECEIVED], to_organization__isnull=False
    ).select_related("case", "from_user", "from_organization", "to_organization")
    for referral in waiting:
        due = deadlines(referral)
        done = set(
            referral.events.filter(type=EventType.ESCALATED).values_list("reason", flat=True)
        )
        overdue = []
        if referral.status == ReferralStatus.SENT and today > due["receive_by"]:
            overdue.append(("not_received", RECEIVE_WITHIN, NOT_RECEIVED))
        if today > due["answer_by"]:
            overdue.append(("not_answered", ACCEPT_WITHIN, NOT_ANSWERED))
        for kind, days, message in overdue:
            if kind in done:
                continue
            with transaction.atomic():
                ReferralEvent.objects.create(
                    referral=referral,
                    type=EventType.ESCALATED,
                    occurred_at=timezone.now(),
                    reason=kind,
                )
                notify(
                    users=[referral.from_user, *coordinators()],
                    kind=Kind.ESCALATION,
                    message=message,
                    params={
                        "referral": referral.pk,
                        "case": referral.case_id,
                        "receiver": referral.receiver_name,
                        "days": days,
                    },
                    url=_link(referral),
                )
            escalated += 1
    return escalated
