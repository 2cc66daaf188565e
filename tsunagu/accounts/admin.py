"""The administration site is where the account administrator role manages accounts,
organizations and districts. It shows no case content; every change is audited."""

from typing import Any

from django import forms
from django.contrib import admin, messages
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
    list_display = ["code", "name", "name_kana", "population"]
    search_fields = ["code", "name", "name_kana"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "is_coordinating_body", "is_lead_section", "is_active"]
    list_filter = ["kind", "is_coordinating_body", "is_lead_section", "is_active", "districts"]
    search_fields = ["name", "name_kana"]
    filter_horizontal = ["districts"]


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    """A role row: the agency and the role are chosen once; a change of either is a new role."""

    class Meta:
        model = Membership
        fields = ["organization", "role", "title", "is_active", "can_declare_emergency"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["role"].disabled = True
        if self.instance.is_pending and self.instance.pk:
            # Shown as given (its status says it waits); unticking it withdraws it.
            self.initial["is_active"] = True


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    """Roles are given, changed and ended through the services (`grant_role` …), never saved
    here: a role given to oneself or in another agency waits for that agency's manager."""

    model = Membership
    form = MembershipForm
    fk_name = "user"
    extra = 0
    can_delete = False  # a role ends (its history kept); it is not deleted
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "title", "is_active", "can_declare_emergency", "status"]
    readonly_fields = ["status"]

    @admin.display(description=_("status"))
    def status(self, membership: Membership) -> str:
        return str(membership.status_label) if membership.pk else ""


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
        (_("The user"), {"fields": ("display_name", "display_name_kana", "date_style")}),
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
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # fills new_objects and changed_objects, saves nothing
        actor = request.user
        grants = list(formset.new_objects)
        for row, fields in formset.changed_objects:
            membership = Membership.objects.get(pk=row.pk)
            if "is_active" in fields and not row.is_active:
                services.end_membership(actor=actor, membership=membership)
            elif "is_active" in fields:  # an ended or refused role given again
                grants.append(row)
            else:
                membership = services.change_membership(
                    actor=actor,
                    membership=membership,
                    title=row.title,
                    can_declare_emergency=row.can_declare_emergency,
                )
                self._tell_if_pending(request, membership)
        for row in grants:
            membership = services.grant_role(
                actor=actor,
                user=form.instance,
                organization=row.organization,
                role=row.role,
                title=row.title,
                can_declare_emergency=row.can_declare_emergency,
            )
            self._tell_if_pending(request, membership)

    def _tell_if_pending(self, request: HttpRequest, membership: Membership) -> None:
        if not membership.is_pending:
            return
        from tsunagu.accounts.selectors import role_confirmers

        params = {
            "role": membership.get_role_display(),
            "organization": membership.organization.name,
        }
        if role_confirmers(membership):
            self.message_user(
                request,
                _(
                    "The role %(role)s in %(organization)s waits for a manager of "
                    "%(organization)s to confirm it; they have been told. Until then it "
                    "opens nothing."
                )
                % params,
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                _(
                    "The role %(role)s in %(organization)s waits for a manager of "
                    "%(organization)s to confirm it, but %(organization)s has no other manager "
                    "who may. The auditors have been told."
                )
                % params,
                messages.ERROR,
            )


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = [
        "prefix",
        "name",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
        "read_only",
        "revoked_at",
    ]
    list_filter = ["read_only"]
    # The expiry is set when the token is issued and never lengthened here: a token that
    # should live longer is issued anew. Revoking stays possible.
    readonly_fields = [
        "user",
        "prefix",
        "token_hash",
        "created_at",
        "last_used_at",
        "expires_at",
        "read_only",
    ]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued by `tsunagu issue_token`, which shows the token once
