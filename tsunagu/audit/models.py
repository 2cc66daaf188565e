"""監査ログ (audit log): append-only, each row chained to the previous one by a hash.

A row is chained when it is written, unless another writer is chaining at that moment: then it
is written unchained (no hash yet) rather than waiting, and the next writer that chains, or
`chain_pending_events` (run by `tsunagu daily` and before every check), links it at the chain's
end. The chain's order is `chain_position`, which is the id order but for a row whose
transaction committed after a later one's had been chained."""

import hashlib
import json
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.audit.choices import Action, LegalBasis

# What of an audit row's `detail` the auditor's page, its CSV and the admin site show. The log
# names objects by kind and number; it must not repeat their content (a document's title, a
# reason, a note, a name typed by someone). Numbers, yes/no and lists of them are shown; text
# only under the keys below, which carry codes or the names of staff, agencies and kinds of
# records. Any other text is withheld, so that a new record_event call that puts text in its
# detail shows nothing until someone decides its key is safe here. (The emergency reason is read
# where it is reviewed, on the emergency access's own page.)
SHOWN_TEXT = frozenset(
    {
        # codes and dates
        "action",
        "closed",
        "date_style",
        "disposition",
        "event",
        "form",
        "include_closed",
        "kind",
        "mine",
        "next",
        "object_id",
        "object_type",
        "on",
        "outcome",
        "prefix",
        "purpose",
        "relationship",
        "review",
        "risk",
        "role",
        "since",
        "stage",
        "status",
        "until",
        # records named by kind and number, fields by name, pages by path
        "fields",
        "path",
        "shown",
        # staff, agencies, the municipality's own lists (an auditor's or exporter's filters)
        "actor",
        "district",
        "issue",
        "organization",
        "type",
        "user",
        "worker",
    }
)
# Text that is the act's own technical record under a few actions only.
SHOWN_TEXT_FOR = {
    "csrf_failure": frozenset({"reason"}),
    "api_auth_failed": frozenset({"reason"}),
    # A case read names its tab or the printed sheet (fixed labels). A disclosure's `what` may
    # name an attachment by its title: the 情報提供記録 it points to holds it.
    "view": frozenset({"what"}),
}
WITHHELD = _("(text not shown)")


def _shown(value: Any, text_allowed: bool) -> Any:
    if isinstance(value, str):
        return value if text_allowed else str(WITHHELD)
    if isinstance(value, list | tuple):
        return [_shown(item, text_allowed) for item in value]
    if isinstance(value, dict):
        return {key: _shown(item, text_allowed) for key, item in value.items()}
    return value


def shown_detail(action: str, detail: dict[str, Any]) -> dict[str, Any]:
    """An audit row's detail without its content: text withheld except under SHOWN_TEXT."""
    allowed = SHOWN_TEXT | SHOWN_TEXT_FOR.get(action, frozenset())
    return {key: _shown(value, key in allowed) for key, value in detail.items()}


class AppendOnlyError(Exception):
    """Audit rows are never changed or removed through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """監査イベント (one audited act). Written only by `tsunagu.audit.services.record_event`.

    `hash` covers every column and the previous row's hash, so `tsunagu verify_audit` finds a
    row that was edited or removed directly in the database. Until it is chained, a row has no
    hash, no previous hash and no position (it is not yet protected).
    """

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
        db_constraint=False,
    )
    organization_label = models.CharField(_("organization"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip_address = models.CharField(_("IP address"), max_length=45, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    chain_position = models.PositiveBigIntegerField(unique=True, null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time_idx"),
            models.Index(fields=["action", "occurred_at"], name="audit_action_time_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["organization", "occurred_at"], name="audit_org_time_idx"),
            models.Index(
                fields=["id"], condition=models.Q(hash__isnull=True), name="audit_unchained_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity, not a business rule: an existing row is never rewritten.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def object_label(self) -> str:
        """The recorded object's kind in words (所属・役割 #10), falling back to its code."""
        if not self.object_type:
            return ""
        try:
            kind = str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            kind = self.object_type
        return f"{kind} #{self.object_id}" if self.object_id else kind

    @property
    def shown_detail(self) -> dict[str, Any]:
        """The detail as auditors see it: numbers and codes, never a title or typed text."""
        return shown_detail(self.action, self.detail or {})

    @property
    def shown_detail_text(self) -> str:
        shown = self.shown_detail
        return json.dumps(shown, ensure_ascii=False, sort_keys=True) if shown else ""

    @property
    def legal_basis_label(self) -> str:
        if self.legal_basis in LegalBasis.values:
            return str(LegalBasis(self.legal_basis).label)
        return self.legal_basis

    @property
    def actor_display(self) -> str:
        return self.actor_label or str(_("System"))

    @property
    def is_chained(self) -> bool:
        return self.hash is not None

    def compute_hash(self) -> str:
        """SHA-256 over the previous hash and a canonical JSON of every recorded column (the id
        and the position are left out: the id is not known before the insert, and the link to
        the previous hash fixes the order)."""
        payload = {
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "organization": self.organization_id,
            "organization_label": self.organization_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "legal_basis": self.legal_basis,
            "detail": self.detail,
            "request_id": self.request_id,
            "ip_address": self.ip_address,
        }
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(f"{self.previous_hash}|{canonical}".encode()).hexdigest()


class ChainVerification(models.Model):
    """改ざん検査 (a run of the audit chain check) and what it found."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    checked = models.PositiveIntegerField(_("rows checked"))
    ok = models.BooleanField(_("intact"))
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # Rows written while the chain was busy: linked by this check first, or written during it.
    linked = models.PositiveIntegerField(_("rows linked"), default=0)
    unchained = models.PositiveIntegerField(_("rows not yet chained"), default=0)
    # The chain's last row as this check saw it: the next check finds rows removed from the end.
    head_event_id = models.PositiveBigIntegerField(null=True, blank=True)
    head_position = models.PositiveBigIntegerField(null=True, blank=True)
    head_hash = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = _("audit chain verification")
        verbose_name_plural = _("audit chain verifications")

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'BROKEN'}"
