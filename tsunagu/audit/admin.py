from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tsunagu.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: nothing edits or deletes an audit event, not even a superuser here."""

    list_display = ["id", "occurred_at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action"]
    # The detail as auditors see it (AuditEvent.shown_detail): never a title or typed text.
    exclude = ["detail"]
    readonly_fields = ["detail_shown"]

    @admin.display(description=_("detail"))
    def detail_shown(self, event: AuditEvent) -> str:
        return event.shown_detail_text

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
