"""Recording consultations (相談受付). Nothing but the main concern is required."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.access import acting_organization
from tsunagu.accounts.models import Organization, User
from tsunagu.accounts.selectors import supervisors
from tsunagu.audit.services import record_event
from tsunagu.core.revisions import correct
from tsunagu.core.search_index import search_index
from tsunagu.intake.choices import Disposition, join_flags
from tsunagu.intake.models import Consultation, ConsultationIssue, FirstResponse, Issue
from tsunagu.notifications.models import Kind
from tsunagu.notifications.services import notify
from tsunagu.people.models import Person
from tsunagu.people.selectors import knowing_organization_ids
from tsunagu.people.services import link_person

CONSULTATION_FIELDS = (
    "channel",
    "consulted_by",
    "consulted_by_relationship",
    "consulted_by_name",
    "consulted_by_contact",
    "household",
    "urgency",
    "consent_to_share",
    "disposition",
    "referred_to",
    "response",
)


def _check_time(received_at: dt.datetime) -> None:
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError(
            {
                "received_at": _(
                    "The time of the consultation is in the future. Enter when it was received."
                )
            }
        )


def replace_issues(
    through: type[Model],
    owner_field: str,
    owner: Model,
    issues: list[Issue],
    main_issue: Issue | None,
) -> None:
    """Set the 課題 of a consultation or a case (`through` is its link model), the main one
    marked; the main issue is added when it was not ticked."""
    issues = list(dict.fromkeys(issues))  # a code given twice is one issue
    if main_issue is not None and main_issue not in issues:
        issues = [*issues, main_issue]
    through._default_manager.filter(**{owner_field: owner}).delete()
    through._default_manager.bulk_create(
        through(**{owner_field: owner, "issue": issue, "is_main": issue == main_issue})
        for issue in issues
    )


def _index(consultation: Consultation) -> None:
    search_index.index_document(
        kind="consultation",
        object_id=consultation.pk,
        case_id=None,
        title=str(consultation.person or _("Anonymous consultation")),
        content="\n".join(filter(None, [consultation.main_concern, consultation.response])),
        organization_ids=[consultation.organization_id],
        occurred_at=consultation.received_at,
    )


@transaction.atomic
def record_consultation(
    *,
    actor: User,
    main_concern: str,
    person: Person | None = None,
    organization: Organization | None = None,
    received_at: dt.datetime | None = None,
    issues: list[Issue] | None = None,
    main_issue: Issue | None = None,
    risk_flags: list[str] | None = None,
    **fields: Any,
) -> Consultation:
    """相談を受け付ける (record a consultation). Anonymous is allowed; only the concern is
    required, so a phone call can be taken in a minute and completed later."""
    if not (main_concern or "").strip():
        raise ValidationError(
            {
                "main_concern": _(
                    "Write the concern in the person's words, even "
                    "one line. Everything else can wait."
                )
            }
        )
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown consultation fields: {sorted(unknown)}")
    # A named person's consultation is taken by an agency that knows them, where the actor
    # works cases (`organization`, when given, is that agency); an anonymous one by the given
    # agency or the actor's first.
    among = None if person is None else knowing_organization_ids(person)
    if organization is not None:
        among = {organization.pk} if among is None or organization.pk in among else set()
    organization = acting_organization(actor, among=among)
    received_at = received_at or timezone.now()
    _check_time(received_at)
    consultation = Consultation(
        main_concern=main_concern.strip(),
        person=person,
        received_at=received_at,
        received_by=actor,
        organization=organization,
        risk_flags=join_flags(risk_flags or []),
        **fields,
    )
    consultation.full_clean()
    consultation.save()
    replace_issues(ConsultationIssue, "consultation", consultation, list(issues or []), main_issue)
    if person is not None:
        link_person(person=person, organization=organization)
    _index(consultation)
    record_event(actor=actor, action="create", obj=consultation)
    if consultation.awaiting:
        _tell_supervisors(consultation, actor)
    return consultation


def tell_supervisors(
    organization_id: int, actor: User, message: Any, number: int, url: str
) -> None:
    """An urgent consultation or case, told to its agency's supervisors (not to who wrote it):
    `message` names #%(number)s and %(worker)s."""
    notify(
        users=[u for u in supervisors(organization_id) if u.pk != actor.pk],
        kind=Kind.URGENT,
        message=message,
        params={"number": number, "worker": actor.display_name},
        url=url,
    )


def _tell_supervisors(consultation: Consultation, actor: User) -> None:
    tell_supervisors(
        consultation.organization_id,
        actor,
        gettext_lazy(
            "Urgent consultation #%(number)s received by %(worker)s: it is listed as urgent "
            "until its first response is recorded."
        ),
        consultation.pk,
        reverse("intake:consultation-detail", args=[consultation.pk]),
    )


#: What a correction of a consultation may change (its disposition has its own form).
CORRECTABLE = (
    "received_at",
    "channel",
    "consulted_by",
    "consulted_by_relationship",
    "consulted_by_name",
    "consulted_by_contact",
    "main_concern",
    "urgency",
    "consent_to_share",
)


def issue_correction(
    through: type[Model],
    owner_field: str,
    owner: Model,
    issues: list[Issue],
    main_issue: Issue | None,
) -> tuple[list[str], list[str], Callable[[], None]]:
    """A correction of the 課題 of a consultation or a case, as core.revisions.correct takes
    what is not a field: (before, after, apply), each side by name, the main one marked ◎."""
    rows: Any = through._default_manager.filter(**{owner_field: owner}).select_related("issue")
    before = sorted(f"{'◎' if row.is_main else ''}{row.issue.name}" for row in rows)
    after = sorted(
        {f"{'◎' if i == main_issue else ''}{i.name}" for i in issues}
        | ({f"◎{main_issue.name}"} if main_issue and main_issue not in issues else set())
    )
    return before, after, lambda: replace_issues(through, owner_field, owner, issues, main_issue)


@transaction.atomic
def correct_consultation(
    *,
    actor: User,
    consultation: Consultation,
    reason: str = "",
    issues: list[Issue] | None = None,
    main_issue: Issue | None = None,
    risk_flags: list[str] | None = None,
    **fields: Any,
) -> Consultation:
    """記録の訂正 of a consultation: what was missing at the call (課題, 受付日時, 来談者 …) or
    wrong; the old version stays as its history (tsunagu.core.revisions), and the correction is
    audited (naming the fields, not their content). A correction that makes it urgent puts it
    in the 緊急・未対応 queue and tells the supervisors, as a new urgent call would."""
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(f"Unknown consultation fields: {sorted(unknown)}")
    if "main_concern" in fields:
        fields["main_concern"] = (fields["main_concern"] or "").strip()
        if not fields["main_concern"]:
            raise ValidationError({"main_concern": _("The main concern cannot be emptied.")})
    if fields.get("received_at"):
        _check_time(fields["received_at"])
    else:
        fields.pop("received_at", None)
    if risk_flags is not None:
        fields["risk_flags"] = join_flags(risk_flags)
    was_awaiting = consultation.awaiting
    extra = {}
    if issues is not None:
        extra["issues"] = issue_correction(
            ConsultationIssue, "consultation", consultation, list(issues), main_issue
        )
    revision = correct(consultation, actor=actor, changes=fields, reason=reason, extra=extra)
    if revision is None:
        return consultation
    _index(consultation)
    record_event(
        actor=actor,
        action="update",
        obj=consultation,
        detail={"corrected": sorted(revision.changes), "revision": revision.number},
    )
    consultation.refresh_from_db()
    if consultation.awaiting and not was_awaiting:
        _tell_supervisors(consultation, actor)
    return consultation


def first_response_error(record: FirstResponse, text: str) -> str | None:
    """Why a first response cannot be recorded, or None."""
    if record.first_response_at is not None:
        return _("The first response is recorded already.")
    if not text.strip():
        return _("Write what was first done: a call back, a visit, a call to 119 or 110 …")
    return None


def mark_first_response(record: FirstResponse, *, actor: User, text: str) -> None:
    """初動対応 on a consultation or a case (the callers check first_response_error, save and
    audit): from now on it leaves the 緊急・未対応 queue."""
    record.first_response_at = timezone.now()
    record.first_response_by = actor
    record.first_response = text.strip()


@transaction.atomic
def record_first_response(*, actor: User, consultation: Consultation, text: str) -> Consultation:
    """初動対応を記録する: what was first done about an urgent consultation, by whom and when;
    the cases opened from it that still wait for theirs take the same."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if problem := first_response_error(consultation, text):
        raise ValidationError({"first_response": problem})
    mark_first_response(consultation, actor=actor, text=text)
    consultation.save(
        update_fields=["first_response_at", "first_response_by", "first_response", "updated_at"]
    )
    consultation.cases.filter(first_response_at__isnull=True).update(
        first_response_at=consultation.first_response_at,
        first_response_by=actor,
        first_response=consultation.first_response,
        awaiting=False,
    )
    record_event(actor=actor, action="update", obj=consultation, detail={"first_response": True})
    return consultation


@transaction.atomic
def identify_person(*, actor: User, consultation: Consultation, person: Person) -> Consultation:
    """An anonymous consultation turns out to be about a known (or newly registered) person:
    one the actor knows through an agency where they work cases."""
    acting_organization(actor, among=[consultation.organization_id])
    acting_organization(actor, among=knowing_organization_ids(person))
    consultation.person = person
    consultation.save(update_fields=["person", "updated_at"])
    link_person(person=person, organization=consultation.organization)
    _index(consultation)
    record_event(actor=actor, action="update", obj=consultation, detail={"person": person.pk})
    return consultation


@transaction.atomic
def set_disposition(
    *,
    actor: User,
    consultation: Consultation,
    disposition: str,
    referred_to: str = "",
    response: str = "",
) -> Consultation:
    if disposition == Disposition.REFERRED and not referred_to.strip():
        raise ValidationError({"referred_to": _("Say which agency the person was referred to.")})
    consultation.disposition = disposition
    consultation.referred_to = referred_to
    if response:
        consultation.response = response
    consultation.full_clean()
    consultation.save()
    _index(consultation)
    record_event(
        actor=actor, action="update", obj=consultation, detail={"disposition": disposition}
    )
    return consultation
