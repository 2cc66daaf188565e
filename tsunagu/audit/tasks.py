"""Background work of the audit app, run by `tsunagu worker`."""

from django.tasks import task

from tsunagu.audit.services import run_chain_verification


@task()
def verify_audit_chain(requested_by_id: int | None = None) -> dict[str, object]:
    """改ざん検査 in the background (a long chain takes a while)."""
    from tsunagu.accounts.selectors import get_user_or_none

    result = run_chain_verification(actor=get_user_or_none(requested_by_id))
    return {"ok": result.ok, "checked": result.checked, "problems": len(result.problems)}
