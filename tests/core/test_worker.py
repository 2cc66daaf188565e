"""`tsunagu worker` runs what the web queued, through the database backend."""

import pytest
from django.core.management import call_command

from tsunagu.audit.models import ChainVerification
from tsunagu.audit.tasks import verify_audit_chain


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_the_worker_runs_queued_tasks(cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = verify_audit_chain.enqueue(requested_by_id=cast.auditor.pk)
    assert not ChainVerification.objects.exists()  # queued, not run
    call_command("worker", "--batch", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert ChainVerification.objects.get().requested_by == cast.auditor
