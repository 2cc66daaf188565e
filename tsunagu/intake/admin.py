from django.contrib import admin

from tsunagu.accounts.admin import AuditedAdmin
from tsunagu.intake.models import Issue


@admin.register(Issue)
class IssueAdmin(AuditedAdmin):
    """課題 taxonomy: the account administrator adds local issues (e.g. 外国籍・言語) here."""

    list_display = ["name", "code", "group", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["group", "is_active"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # retire an issue with is_active; past records keep pointing at it
