from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District
from tsunagu.core.forms import Form, JapaneseDateField, JapaneseDateTimeField
from tsunagu.outreach.choices import (
    ContactMethod,
    ContactOutcome,
    ReportedOnBehalfOf,
    Review,
    Stage,
    Urgency,
)


class ConcernForm(Form):
    noticed = forms.CharField(
        label=_("What you noticed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("e.g. 新聞と郵便物がたまっている。夜も電気がつかない。 A name is not needed."),
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("An address, or a description: 川辺団地3号棟の1階、角の部屋"),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    on_behalf_of = forms.ChoiceField(label=_("Who noticed"), choices=ReportedOnBehalfOf.choices)
    urgency = forms.ChoiceField(
        label=_("How urgent"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    noticed_on = JapaneseDateField(label=_("Noticed on"), required=False)
    reporter_contact = forms.CharField(label=_("How to reach you"), max_length=200, required=False)


class TargetForm(Form):
    label = forms.CharField(
        label=_("Who (as far as known)"), max_length=200, help_text=_("e.g. 川辺団地の70代男性")
    )
    place = forms.CharField(label=_("Where"), max_length=300, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    cadence_days = forms.IntegerField(label=_("Contact every (days)"), initial=14)
    next_contact_on = JapaneseDateField(label=_("First contact on"), required=False)
    trusted = forms.CharField(
        label=_("People and places the person trusts"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ContactForm(Form):
    occurred_at = JapaneseDateTimeField(label=_("When"), required=False)
    method = forms.ChoiceField(label=_("How"), choices=ContactMethod.choices)
    via = forms.CharField(label=_("Through whom"), max_length=200, required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ContactOutcome.choices, widget=forms.RadioSelect
    )
    observed = forms.CharField(
        label=_("What was seen (生活の様子)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)


class TargetCorrectionForm(TargetForm):
    """アウトリーチ対象の訂正."""

    next_contact_on = JapaneseDateField(label=_("Next contact on"))
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 住所が分かった; 訪問の間隔を見直し"),
    )


class ContactCorrectionForm(ContactForm):
    """接触記録の訂正: the contact as it should read, and why."""

    reason = forms.CharField(
        label=_("Why it is corrected"),
        max_length=500,
        error_messages={"required": _("Say why the record is corrected.")},
        help_text=_("e.g. 訪問日時の入力誤り; 結果の選択誤り"),
    )


class StageForm(Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[(value, name) for value, name in Stage.choices if value != Stage.ENGAGED],
    )
    reason = forms.CharField(label=_("Why it ends (for “ended”)"), max_length=300, required=False)


class EngageForm(Form):
    main_concern = forms.CharField(
        label=_("The concern, in the person's words"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(Form):
    review = forms.ChoiceField(
        label=_("What next"), choices=Review.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CloseConcernForm(Form):
    closed_reason = forms.CharField(label=_("Why it is closed"), max_length=300)


class IdentifyForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_kana = forms.CharField(label=_("Name in kana"), max_length=100, required=False)


class CandidateSearchForm(Form):
    """Who might it be? (duplicate candidates among the people the agency knows)"""

    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    birth_date = JapaneseDateField(label=_("Birth date"), required=False)
