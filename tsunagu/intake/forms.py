from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import Form, JapaneseDateTimeField
from tsunagu.intake.choices import (
    Channel,
    ConsentToShare,
    ConsultedBy,
    Disposition,
    RiskFlag,
    Urgency,
)
from tsunagu.intake.models import Issue
from tsunagu.intake.selectors import choosable_issues


class IssueChecklist(Form):
    """危険の兆候 and the 課題 checklist with its 主たる課題, as a consultation and a case carry
    them. The active 課題 are offered; a retired one the record carries stays choosable
    (unticking it is a correction)."""

    risk_flags = forms.MultipleChoiceField(
        label=_("Risk flags"),
        choices=RiskFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    issues = forms.ModelMultipleChoiceField(
        label=_("Issues"),
        queryset=Issue.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    main_issue = forms.ModelChoiceField(
        label=_("Main issue"), queryset=Issue.objects.none(), required=False, empty_label=_("—")
    )

    def __init__(self, *args: Any, record: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issues = choosable_issues(record)
        cast(forms.ModelChoiceField[Issue], self.fields["issues"]).queryset = issues
        cast(forms.ModelChoiceField[Issue], self.fields["main_issue"]).queryset = issues


class ConsultationForm(IssueChecklist):
    """相談受付票, in the national form's order. Only the concern is required."""

    field_order = [
        "main_concern",
        "received_at",
        "channel",
        "consulted_by",
        "consulted_by_relationship",
        "consulted_by_name",
        "consulted_by_contact",
        "urgency",
        "risk_flags",
        "issues",
        "main_issue",
    ]

    main_concern = forms.CharField(
        label=_("Main concern (in their words)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        help_text=_("What the person (or who called) says the trouble is. One line is enough."),
    )
    received_at = JapaneseDateTimeField(label=_("Received at"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    consulted_by = forms.ChoiceField(
        label=_("Who consulted"), choices=ConsultedBy.choices, initial=ConsultedBy.SELF
    )
    consulted_by_relationship = forms.CharField(
        label=_("Relationship to the person"), required=False, max_length=50
    )
    consulted_by_name = forms.CharField(
        label=_("Name of who consulted"), required=False, max_length=100
    )
    consulted_by_contact = forms.CharField(label=_("Their contact"), required=False, max_length=100)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    consent_to_share = forms.ChoiceField(
        label=_("Consent to share with other agencies"),
        choices=ConsentToShare.choices,
        initial=ConsentToShare.UNKNOWN,
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=Disposition.choices, initial=Disposition.PENDING
    )
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=200)
    response = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DispositionForm(Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=Disposition.choices)
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=200)
    response = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FirstResponseForm(Form):
    """初動対応: what was first done about an urgent consultation or case."""

    first_response = forms.CharField(
        label=_("First response"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write what was first done: a call back, a visit, a call to 119 or 110 …")
        },
        help_text=_(
            "What was done first, e.g. called back and confirmed they are safe; visiting "
            "tomorrow with the public health nurse; called 119."
        ),
    )


class ConsultationFilterForm(Form):
    """The consultation list's filters."""

    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=[("", _("All")), *Urgency.choices]
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"), required=False, choices=[("", _("All")), *Disposition.choices]
    )
    unanswered = forms.BooleanField(label=_("Urgent, not yet answered"), required=False)
    anonymous = forms.BooleanField(label=_("Only anonymous ones"), required=False)


class ConsultationCorrectionForm(ConsultationForm):
    """記録の訂正 of a consultation: the same fields as at the call (what was not known then can
    be added now), with why; the disposition keeps its own form."""

    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        required=False,
        max_length=500,
        help_text=_("e.g. 来談者の名前を後から聞いた; 受付日時の入力誤り"),
    )

    def __init__(self, *args: Any, consultation: Any, **kwargs: Any) -> None:
        super().__init__(*args, record=consultation, **kwargs)
        for name in ("disposition", "referred_to", "response"):
            del self.fields[name]
        self.fields["main_concern"].widget.attrs.pop("autofocus", None)
