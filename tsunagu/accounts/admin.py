"""The administration site is where the account administrator role manages accounts,
organizations and districts. It shows no case content; every change is audited."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts import services
from tsunagu.accounts.models import ApiToken, District, Membership, Organization, User
from tsunagu.audit.choices import LegalBasis
from tsunagu.audit.services import record_event


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Adds an audit row to every change and deletion made on the administration site."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            action="update" if change else "create",
            obj=obj,
            legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
            detail={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record_event(
            actor=request.user,
            action="delete",
            obj=obj,
            legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
        )
        super().delete_model(request, obj)


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["code", "name", "name_kana"]
    search_fields = ["code", "name", "name_kana"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "is_coordinating_body", "is_active"]
    list_filter = ["kind", "is_coordinating_body", "is_active", "districts"]
    search_fields = ["name", "name_kana"]
    filter_horizontal = ["districts"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedAdmin):  # type: ignore[type-arg]
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "memberships__role", "memberships__organization"]
    search_fields = ["email", "display_name", "display_name_kana"]
    inlines = [MembershipInline]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("display_name", "display_name_kana", "date_style")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )
    filter_horizontal = ()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for membership in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
            record_event(
                actor=request.user,
                action="update",
                obj=membership,
                legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
                detail={
                    "user": membership.user.email,
                    "role": membership.role,
                    "organization": membership.organization.name,
                    "active": membership.is_active,
                },
            )
        for membership in formset.deleted_objects:
            record_event(
                actor=request.user,
                action="delete",
                object_type="accounts.membership",
                object_id=membership.pk or "",
                legal_basis=LegalBasis.ACCOUNT_ADMINISTRATION,
                detail={"user": membership.user.email, "role": membership.role},
            )
        # The account administrator role opens this site; keep is_staff in step with it.
        services.sync_staff_status(user=form.instance)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "token_hash", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued by `tsunagu issue_token`, which shows the token once
