import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.calendar import add_months, fiscal_year_start
from tsunagu.core.forms import Form, PeriodForm
from tsunagu.core.wareki import STYLE_WAREKI, format_date
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


#: 重層的支援体制整備事業 began in 令和3年度 (2021): the first fiscal year a figures page offers.
FIRST_FISCAL_YEAR = 2021
#: The longest period a figures page counts (its tables go month by month).
LONGEST_PERIOD_MONTHS = 60


def fiscal_year_label(year: int) -> str:
    return f"{year}年度（{format_date(dt.date(year, 4, 1), STYLE_WAREKI)[:-5]}年度）"


class FiguresPeriodForm(PeriodForm):
    """A fiscal year (April to March), or any period (和暦 accepted); by default this fiscal
    year up to today."""

    year = forms.TypedChoiceField(
        label=_("Fiscal year"), coerce=int, required=False, empty_value=None
    )
    field_order = ["year", "since", "until"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = fiscal_year_start().year
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, fiscal_year_label(y)) for y in range(this_year, FIRST_FISCAL_YEAR - 1, -1)
        ]
        self.fields["since"].help_text = _("Or any period: 令和8年4月1日, 2026-04-01 …")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        since, until = self.period_of(data)
        if add_months(since, LONGEST_PERIOD_MONTHS) <= until:
            self.add_error(
                "until",
                _("Choose a period of at most %(n)s years.") % {"n": LONGEST_PERIOD_MONTHS // 12},
            )
        return data

    @staticmethod
    def period_of(data: dict[str, Any]) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        year = data.get("year") or fiscal_year_start(today).year
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        since = data.get("since") or start
        until = data.get("until") or (end if data.get("since") is None else max(since, today))
        if not data.get("since") and not data.get("until"):
            until = min(end, max(today, start))
        return since, until

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for; this fiscal year up to today when the form is not valid."""
        return self.period_of(self.cleaned_data if self.is_bound and self.is_valid() else {})
