"""アクセス規則 for cases, in one place. Today a case is seen by its lead organization only;
the collaboration issue adds consent, 支援会議 and emergency paths here, and nowhere else.
Missing and forbidden both answer 404."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from tsunagu.accounts.access import reading_organization_ids
from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.accounts.models import User
from tsunagu.cases.models import Case


def visible_cases(user: User) -> QuerySet[Case]:
    return Case.objects.filter(lead_organization_id__in=reading_organization_ids(user))


def case_visibility(case: Case) -> list[int]:
    """The organizations that may see this case's content (its search visibility key)."""
    return [case.lead_organization_id]


def can_write(user: User, case: Case) -> bool:
    return any(
        m.organization_id == case.lead_organization_id and m.role in CASE_ROLES
        for m in user.active_memberships
    )


def require_writer(user: User, case: Case) -> None:
    """A manager may read the caseload but not write in it: 403, since they see the case."""
    if not can_write(user, case):
        raise PermissionDenied
