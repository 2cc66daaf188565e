from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District
from tsunagu.core.forms import Form
from tsunagu.resources.choices import ConfirmedHow, Weekday
from tsunagu.resources.models import Kind
from tsunagu.resources.opendata import DATASETS


class DirectorySearchForm(Form):
    q = forms.CharField(label=_("Name or words"), max_length=100, required=False)
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=Kind.objects.all(), required=False, empty_label=_("All")
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("All")
    )
    day = forms.TypedChoiceField(
        label=_("Open on"),
        choices=[("", _("Any day")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    step_free = forms.BooleanField(label=_("Step-free"), required=False)


class ConfirmForm(Form):
    how = forms.ChoiceField(
        label=_("How it was confirmed"),
        choices=[c for c in ConfirmedHow.choices if c[0] != ConfirmedHow.IMPORT],
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("e.g. 代表の方に電話。水曜の回は第2・第4のみに変更"),
    )


class ImportForm(Form):
    file = forms.FileField(
        label=_("File (CSV)"),
        help_text=_(
            "A 自治体標準オープンデータセット CSV: UTF-8 (with or without a BOM) or Shift_JIS."
        ),
    )
    dataset = forms.ChoiceField(
        label=_("Dataset"),
        choices=[("", _("Recognise it from the columns")), *DATASETS.items()],
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would be created and updated, keep nothing"), required=False
    )
