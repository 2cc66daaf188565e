from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.cases.models import Case
from tsunagu.core.forms import Form
from tsunagu.referrals.choices import Outcome
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.forms import CategoriesField
from tsunagu.sharing.models import Consent


class ReferralForm(Form):
    to_organization = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organization.objects.none(), required=False
    )
    to_external = forms.CharField(
        label=_("Or an agency not on Tsunagu"),
        max_length=200,
        required=False,
        help_text=_("e.g. ハローワークつなぐ (you record its answers by hand)"),
    )
    reason = forms.CharField(
        label=_("Reason and what you hope the receiver does"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categories = CategoriesField(
        label=_("Information shared with the referral"),
        initial=InfoCategory.FAMILY | InfoCategory.HISTORY,
    )
    consent = forms.ModelChoiceField(
        label=_("Consent (for an agency not on Tsunagu)"),
        queryset=Consent.objects.none(),
        required=False,
    )
    emergency_reason = forms.CharField(
        label=_("Only if life or body is at risk and there is no consent: why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.filter(is_active=True)
            .exclude(pk=case.lead_organization_id)
            .order_by("name")
        )
        # Only the consents in force are offered (an expired one would be refused on sending).
        self.fields["consent"].queryset = case.consents.in_force()  # type: ignore[attr-defined]


class DeclineForm(Form):
    reason = forms.CharField(label=_("Why you decline"), widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class EventNoteForm(Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
