import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.accounts.models import District, Organization, User
from tsunagu.core.calendar import add_months, fiscal_year_start, month_end
from tsunagu.core.forms import Form, JapaneseDateField, PeriodForm
from tsunagu.core.wareki import STYLE_WAREKI, format_date
from tsunagu.insights.choices import (
    DIALOGUE_SOURCES,
    BlockedBy,
    Decision,
    Direction,
    Function,
    Funding,
    IndicatorSource,
    Level,
    ResponseStatus,
    Source,
    TargetGroup,
    ToldBy,
)
from tsunagu.insights.models import LogicModel, Program, WelfarePlan


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
        self.fields["since"].help_text = _(
            "Or any whole months: 令和8年4月1日, 2026/4/1 … (a period counts from the first of its "
            "first month to the end of its last)."
        )

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
        """Whole months: a period from the first of its first month to the last of its last
        (one that ended a day earlier would give a day's counts back by subtraction)."""
        today = timezone.localdate()
        year = data.get("year") or fiscal_year_start(today).year
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        since = data.get("since") or start
        until = data.get("until") or (end if data.get("since") is None else max(since, today))
        if not data.get("since") and not data.get("until"):
            until = min(end, max(today, start))
        since = since.replace(day=1)
        until = month_end(until)
        return since, until

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for; this fiscal year up to today when the form is not valid."""
        return self.period_of(self.cleaned_data if self.is_bound and self.is_valid() else {})


class DialogueBarrierForm(BarrierForm):
    """あとちょっと heard in dialogue with no case."""

    source = forms.ChoiceField(
        label=_("Heard in"), choices=[(s.value, s.label) for s in DIALOGUE_SOURCES]
    )
    occasion = forms.CharField(
        label=_("Occasion"),
        max_length=200,
        required=False,
        help_text=_("e.g. 第3回 受託事業者とのおしゃべり会"),
    )
    noticed_on = JapaneseDateField(label=_("Heard on"), required=False)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("The whole town"),
    )
    names_checked = forms.BooleanField(
        label=_("A word read as a name is nobody's (a shop, a place)"), required=False
    )
    field_order = [
        "source",
        "occasion",
        "noticed_on",
        "would_help",
        "blocked_by",
        "detail",
        "program",
        "district",
        "is_gap",
        "names_checked",
    ]


class BarrierPeriodForm(PeriodForm):
    blocked_by = forms.ChoiceField(
        label=_("What blocked it"), choices=[("", _("All")), *BlockedBy.choices], required=False
    )
    source = forms.ChoiceField(
        label=_("Noticed in"), choices=[("", _("All")), *Source.choices], required=False
    )
    gaps_only = forms.BooleanField(label=_("Gaps between programmes only"), required=False)
    unthemed = forms.BooleanField(label=_("Not under a theme yet"), required=False)


def _staff() -> Any:
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=[*CASE_ROLES, Role.MANAGER],
        )
        .distinct()
        .order_by("display_name_kana", "display_name")
    )


class ThemeForm(Form):
    title = forms.CharField(
        label=_("Theme"), max_length=200, help_text=_("e.g. 夜間・休日に相談できる窓口がない")
    )
    description = forms.CharField(
        label=_("What the barriers say"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = JapaneseDateField(label=_("Due"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()  # type: ignore[attr-defined]


class ThemeStepForm(Form):
    status = forms.ChoiceField(label=_("Step"), choices=ResponseStatus.choices)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), *Decision.choices], required=False
    )
    decision_text = forms.CharField(
        label=_("What was decided, or why not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = JapaneseDateField(label=_("Due"), required=False)
    program = forms.ModelChoiceField(
        label=_("Programme that almost fits"), queryset=Program.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()  # type: ignore[attr-defined]
        self.fields["program"].queryset = Program.objects.filter(is_active=True)  # type: ignore[attr-defined]


class FitForm(Form):
    program = forms.ModelChoiceField(label=_("Programme"), queryset=Program.objects.all())
    lacks = forms.CharField(
        label=_("What it lacks to cover the need"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. 対象が65歳以上に限られている、夜間は運行していない"),
    )


class ProgramForm(Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    section = forms.CharField(label=_("Section (課)"), max_length=100)
    name = forms.CharField(label=_("Programme (事業名)"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.CharField(
        label=_("Who it is for"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    targets = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    functions = forms.MultipleChoiceField(
        label=_("Functions"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    funding = forms.MultipleChoiceField(
        label=_("Funding (財源)"),
        choices=Funding.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget = forms.IntegerField(
        label=_("Budget (thousand yen)"), min_value=0, max_value=10**12, required=False
    )
    staff = forms.CharField(label=_("Person in charge"), max_length=100, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Running"), required=False, initial=True)


class ProgramCorrectionForm(ProgramForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)


class ProgramFilterForm(Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    function = forms.ChoiceField(
        label=_("Function"), choices=[("", _("All")), *Function.choices], required=False
    )
    funding = forms.ChoiceField(
        label=_("Funding (財源)"), choices=[("", _("All")), *Funding.choices], required=False
    )
    year = forms.TypedChoiceField(
        label=_("Fiscal year"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years_ = [(y, fiscal_year_label(y)) for y in years or []]
        self.fields["year"].choices = [("", _("All")), *years_]  # type: ignore[attr-defined]


class InventoryImportForm(Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("For rows without a 年度: this fiscal year when left empty."),
    )


class AdviceForm(Form):
    hub = forms.ModelChoiceField(
        label=_("Ask"), queryset=Organization.objects.none(), empty_label=None
    )
    topic = forms.CharField(
        label=_("Topic"), max_length=200, help_text=_("e.g. 8050世帯の息子さんへの関わり方")
    )
    situation = forms.CharField(
        label=_("The situation, naming nobody"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ages, household, what has been tried: no names, addresses or anything that tells who it is."
        ),
    )
    question = forms.CharField(
        label=_("What you would like advice on"), widget=forms.Textarea(attrs={"rows": 3})
    )
    case = forms.IntegerField(
        label=_("Case number (optional)"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "Only where the hub may already open the case (a consent that names it, or a 支援会議)."
        ),
    )
    names_checked = forms.BooleanField(
        label=_("A word read as a name is nobody's (a shop, a place)"), required=False
    )

    def __init__(self, *args: Any, hubs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs if hubs is not None else Organization.objects.none()  # type: ignore[attr-defined]


class AdviceReplyForm(Form):
    text = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_on = JapaneseDateField(label=_("Follow up on"), required=False)
    settle = forms.BooleanField(label=_("Settled: close the request"), required=False)
    names_checked = forms.BooleanField(
        label=_("A word read as a name is nobody's (a shop, a place)"), required=False
    )


class NarrativeForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    told_by = forms.ChoiceField(label=_("Whose story"), choices=ToldBy.choices)
    body = forms.CharField(
        label=_("The story"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Write it as it happened. Before it is shared, names come out and you review the result."
        ),
    )
    consent_on = JapaneseDateField(label=_("Those it names agreed on"), required=False)
    consent_how = forms.CharField(
        label=_("How they agreed"),
        max_length=300,
        required=False,
        help_text=_("e.g. 本人と店主に、研修資料として使うことを口頭で確認した"),
    )


class ShareForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    shared_body = forms.CharField(
        label=_("The story as it is shared"), widget=forms.Textarea(attrs={"rows": 12})
    )
    consent_on = JapaneseDateField(label=_("Those it names agreed on"), required=False)
    consent_how = forms.CharField(label=_("How they agreed"), max_length=300, required=False)
    names_checked = forms.BooleanField(
        label=_("The words left that read as names name nobody"), required=False
    )


class WelfarePlanForm(Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("e.g. 第3期つなぐ町地域福祉計画")
    )
    first_year = forms.IntegerField(label=_("From fiscal year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("To fiscal year"), min_value=2000, max_value=2100)
    vision = forms.CharField(
        label=_("Vision"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorForm(Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.OUTCOME)
    source = forms.ChoiceField(
        label=_("Source"), choices=IndicatorSource.choices, widget=forms.RadioSelect
    )
    metric = forms.ChoiceField(label=_("What is counted"), required=False)
    survey = forms.CharField(
        label=_("Survey or source"),
        max_length=200,
        required=False,
        help_text=_("e.g. 町民意識調査（毎年6月）"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("The whole town"),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=20, required=False, help_text=_("e.g. 件, %, 人")
    )
    direction = forms.ChoiceField(label=_("Better is"), choices=Direction.choices)
    baseline = forms.DecimalField(
        label=_("Baseline"), max_digits=14, decimal_places=2, required=False
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), min_value=2000, max_value=2100, required=False
    )
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2, required=False)
    target_year = forms.IntegerField(
        label=_("Target year"), min_value=2000, max_value=2100, required=False
    )
    logic_model = forms.ModelChoiceField(
        label=_("Logic model"), queryset=LogicModel.objects.none(), required=False
    )

    def __init__(self, *args: Any, plan: WelfarePlan | None = None, **kwargs: Any) -> None:
        from tsunagu.insights.targets import metric_choices

        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "—"), *metric_choices()]  # type: ignore[attr-defined]
        if plan is not None:
            self.fields["logic_model"].queryset = plan.logic_models.all()  # type: ignore[attr-defined]


class IndicatorValueForm(Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class LogicModelForm(Form):
    title = forms.CharField(label=_("事業 or action"), max_length=200)
    program = forms.ModelChoiceField(
        label=_("Programme"), queryset=Program.objects.all(), required=False
    )
    inputs = forms.CharField(
        label=_("Inputs (投入)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    activities = forms.CharField(
        label=_("Activities (活動)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outputs = forms.CharField(
        label=_("Outputs (結果)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcomes = forms.CharField(
        label=_("Outcomes (成果)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
