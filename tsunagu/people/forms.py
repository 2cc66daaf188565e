from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District
from tsunagu.core.forms import Form, JapaneseDateField
from tsunagu.people.choices import Relationship


class PersonForm(Form):
    """本人情報, in the order of the 申込票."""

    name = forms.CharField(label=_("Name"), max_length=100)
    name_kana = forms.CharField(label=_("Furigana"), max_length=100, required=False)
    birth_date = JapaneseDateField(label=_("Date of birth"), required=False)
    sex = forms.CharField(label=_("Sex (as the person says)"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("—")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    phone_other = forms.CharField(
        label=_("Other phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    language_needs = forms.CharField(label=_("Language needs"), max_length=200, required=False)
    contact_preferences = forms.CharField(label=_("How to contact"), max_length=200, required=False)


class PersonCorrectionForm(PersonForm):
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 転居; 生年月日の入力誤り"),
    )


class CandidateSearchForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    name_kana = forms.CharField(label=_("Furigana"), max_length=100, required=False)
    birth_date = JapaneseDateField(label=_("Date of birth"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class PeopleSearchForm(Form):
    """本人一覧's search: any of these, together."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Kanji or kana, the family name alone is enough (髙 and 高 are one)."),
    )
    birth_date = JapaneseDateField(label=_("Date of birth"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=100, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("All")
    )


class HouseholdSearchForm(Form):
    name = forms.CharField(label=_("Household or member's name"), max_length=100, required=False)


class HouseholdForm(Form):
    name = forms.CharField(
        label=_("Household name"), max_length=100, help_text=_("e.g. 高橋さん世帯")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("—")
    )
    relationship = forms.ChoiceField(
        label=_("Relationship of this person to the head"),
        choices=Relationship.choices,
        initial=Relationship.HEAD,
    )


class HouseholdCorrectionForm(Form):
    """世帯情報の訂正."""

    name = forms.CharField(
        label=_("Household name"), max_length=100, help_text=_("e.g. 高橋さん世帯")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("—")
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 世帯で転居; 住所の入力誤り"),
    )


class MemberCorrectionForm(Form):
    """世帯員の訂正: 続柄 and the dates of living here."""

    relationship = forms.ChoiceField(
        label=_("Relationship to the head"), choices=Relationship.choices
    )
    started_on = JapaneseDateField(label=_("Living here since"), required=False)
    ended_on = JapaneseDateField(
        label=_("Moved out on"),
        required=False,
        help_text=_("Only when they no longer live here (転出, 施設入所, 死亡)."),
    )
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 続柄の入力誤り; 長男が転出"),
    )


class MemberForm(PersonForm):
    """Add someone to the household: an existing person (by id) or a new one."""

    relationship = forms.ChoiceField(
        label=_("Relationship to the head"), choices=Relationship.choices
    )
    started_on = JapaneseDateField(label=_("Living here since"), required=False)

    field_order = ["relationship", "name", "name_kana", "birth_date"]
