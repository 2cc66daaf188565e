"""Background work of search, run by `tsunagu worker` (queued daily by `tsunagu daily`)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from tsunagu.cases.models import Case
from tsunagu.search.services import refresh_case_visibility
from tsunagu.sharing.models import AccessGrant


@task()
def refresh_ended_grants(days: int = 2) -> int:
    """Access ends by itself when a consent expires (the grants carry their end); the search
    index is brought in line here, for the cases whose grants ended in the last days."""
    now = timezone.now()
    case_ids = set(
        AccessGrant.objects.filter(
            valid_until__lte=now, valid_until__gt=now - dt.timedelta(days=days)
        ).values_list("case_id", flat=True)
    )
    for case in Case.objects.filter(pk__in=case_ids).select_related("lead_organization"):
        refresh_case_visibility(case)
    return len(case_ids)
