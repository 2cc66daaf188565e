"""Recording あとちょっと from inside the casework, and from the community's dialogue."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.community.models import Idea
from tsunagu.community.services import take_idea_to_policy, working_organization
from tsunagu.insights.models import Barrier, BlockedBy, Source
from tsunagu.sharing.access import case_access


def may_record_barrier(actor: User, case: Case) -> bool:
    """Anyone who works the case (a case worker of its lead or of its team) records its barriers."""
    access = case_access(actor, case)
    return (access.is_lead or access.on_team) and actor.casework_organization is not None


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
    _checked(would_help, blocked_by, source)
    barrier = Barrier.objects.create(
        case=case,
        source=source,
        source_id=source_id,
        would_help=would_help.strip(),
        blocked_by=blocked_by,
        detail=detail.strip(),
        program=program.strip(),
        is_gap=is_gap,
        organization=organization,
        recorded_by=actor,
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
    organization = working_organization(actor)
    _checked(would_help, blocked_by, Source.GATHERING)
    barrier = Barrier.objects.create(
        case=None,
        source=Source.GATHERING,
        source_id=idea.gathering_id,
        would_help=would_help.strip(),
        blocked_by=blocked_by,
        detail=detail.strip(),
        program=program.strip(),
        is_gap=is_gap,
        organization=organization,
        recorded_by=actor,
    )
    take_idea_to_policy(actor=actor, idea=idea)
    record_event(actor=actor, action=Action.CREATE, obj=barrier, detail={"idea": idea.pk})
    return barrier
