from django.contrib import admin

from tsunagu.accounts.admin import AuditedAdmin
from tsunagu.meetings.models import MeetingType


@admin.register(MeetingType)
class MeetingTypeAdmin(AuditedAdmin):
    """会議の種類: what each kind of meeting requires (consent, or the statutory pledge), who
    convenes it, how long its material stays readable."""

    list_display = [
        "name",
        "requires_consent",
        "statutory_confidentiality",
        "convened_by",
        "material_days",
    ]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # past meetings keep their type
