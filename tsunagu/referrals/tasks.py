"""Background work of referrals, run by `tsunagu worker` (queued daily by `tsunagu daily`)."""

from django.tasks import task

from tsunagu.referrals.services import escalate_overdue_referrals


@task()
def escalate_referrals() -> int:
    """督促: referrals not received or not answered in time."""
    return escalate_overdue_referrals()
