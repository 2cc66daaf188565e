"""Background work of the audit app, run by `tsunagu worker`."""

from django.tasks import task

from tsunagu.audit.services import chain_pending_events, run_chain_verification


@task()
def verify_audit_chain(requested_by_id: int | None = None) -> dict[str, object]:
    """改ざん検査 in the background (a long chain takes a while)."""
    from tsunagu.accounts.selectors import get_user_or_none

    result = run_chain_verification(actor=get_user_or_none(requested_by_id))
    return {"ok": result.ok, "checked": result.checked, "problems": len(result.problems)}


@task()
def link_audit_events() -> dict[str, int]:
    """監査ログの連結: link the rows written while the chain was busy that no later writer
    linked (the last ones of a busy hour), so that none stays unprotected until the next check.
    Queued by `tsunagu daily`."""
    return {"linked": chain_pending_events()}
