from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import Form
from tsunagu.insights.models import BlockedBy


class BarrierForm(Form):
    would_help = forms.CharField(
        label=_("What would have made the next step possible"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "e.g. 夜間でも使える移動手段があれば通院できた. Write no names: this is read without the case."
        ),
    )
    blocked_by = forms.ChoiceField(label=_("What blocked it"), choices=BlockedBy.choices)
    detail = forms.CharField(
        label=_("How it blocked"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    program = forms.CharField(
        label=_("Section or programme involved"),
        max_length=200,
        required=False,
        help_text=_("e.g. 障害福祉課 移動支援事業"),
    )
    is_gap = forms.BooleanField(
        label=_("No programme covers this need (制度の狭間)"), required=False
    )


class BarrierFilterForm(Form):
    blocked_by = forms.ChoiceField(
        label=_("What blocked it"), choices=[("", _("All")), *BlockedBy.choices], required=False
    )
    gaps_only = forms.BooleanField(label=_("Gaps between programmes only"), required=False)
