from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagu.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: nothing edits or deletes an audit event, not even a superuser here."""

    list_display = ["id", "occurred_at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
