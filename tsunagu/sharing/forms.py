"""Forms of lawful sharing: consent, team, emergency access, and the categories field every
piece of case content carries."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization, User
from tsunagu.core.forms import Form, JapaneseDateField
from tsunagu.sharing.choices import (
    ConsentMethod,
    InfoCategory,
    ReviewOutcome,
    TeamRole,
    categories_mask,
    category_values,
)


class CategoriesField(forms.TypedMultipleChoiceField):
    """情報の区分 as checkboxes; cleans to the bit mask the models store."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Information categories"))
        kwargs.setdefault(
            "error_messages", {"required": _("Choose at least one kind of information.")}
        )
        super().__init__(choices=InfoCategory.choices, coerce=int, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return category_values(value)
        return value

    def clean(self, value: Any) -> int:
        return categories_mask(super().clean(value))


class ConsentForm(Form):
    categories = CategoriesField(
        help_text=_("Only what the person agreed to. Content outside these stays with the lead.")
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations it may go to"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_members = forms.BooleanField(
        label=_("Also the members of the 重層的支援会議 on this case"), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. 母の介護と長男の就労について、関係機関で支援を検討するため"),
    )
    method = forms.ChoiceField(
        label=_("How it was given"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    witness = forms.CharField(
        label=_("Witness (for an oral consent)"), max_length=100, required=False
    )
    given_by = forms.CharField(
        label=_("Given by (if not the person)"), max_length=100, required=False
    )
    obtained_on = JapaneseDateField(label=_("Obtained on"), required=False)
    expires_on = JapaneseDateField(label=_("Valid until"), required=False)
    document = forms.FileField(label=_("Signed form (scan, PDF or image)"), required=False)

    def __init__(self, *args: Any, lead_organization_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.filter(is_active=True)
            .exclude(pk=lead_organization_id)
            .order_by("name")
        )


class WithdrawConsentForm(Form):
    note = forms.CharField(
        label=_("How the person withdrew it"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class TeamMemberForm(Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(label=_("Role on the case"), choices=TeamRole.choices)
    worker = forms.ModelChoiceField(
        label=_("Worker (optional)"),
        queryset=User.objects.filter(is_active=True).order_by("display_name_kana"),
        required=False,
        help_text=_("Leave empty to tell every case worker of the organization."),
    )

    def __init__(self, *args: Any, lead_organization_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.filter(is_active=True)
            .exclude(pk=lead_organization_id)
            .order_by("name")
        )


class EmergencyForm(Form):
    reason = forms.CharField(
        label=_("Why life or body is at risk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "This access is for 24 hours, is told to the lead organization and the auditors, "
            "and is reviewed afterwards."
        ),
    )


class ApprovalForm(Form):
    decision = forms.ChoiceField(
        label=_("Open the case to them?"),
        choices=[("approve", _("Approve: the 24 hours begin now")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    approval_note = forms.CharField(
        label=_("Note (required when refusing)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReviewForm(Form):
    review_outcome = forms.ChoiceField(
        label=_("Was the access appropriate?"),
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
    )
    review_note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
