"""Background work of outreach, run by `tsunagu worker` (queued daily by `tsunagu daily`)."""

from django.tasks import task

from tsunagu.outreach.services import raise_dormant_targets


@task()
def raise_dormant_outreach() -> int:
    """休眠: targets without contact for 90 days go to the coordinator."""
    return raise_dormant_targets()
