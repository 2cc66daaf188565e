from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, User
from tsunagu.cases.choices import CaseStatus, ClosureReason, NoteMethod
from tsunagu.core.forms import Form, JapaneseDateField, JapaneseDateTimeField
from tsunagu.intake.choices import RiskFlag
from tsunagu.intake.forms import IssueChecklist
from tsunagu.intake.models import Issue
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.forms import CategoriesField


class CaseFilterForm(Form):
    q = forms.CharField(
        label=_("Name or case number"),
        max_length=100,
        required=False,
        help_text=_("e.g. 高橋 (the family name alone), たかはし, or 34"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open cases")), *CaseStatus.choices]
    )
    issue = forms.ModelChoiceField(
        label=_("Issue"),
        required=False,
        empty_label=_("All"),
        queryset=Issue.objects.filter(is_active=True),
    )
    district = forms.ModelChoiceField(
        label=_("District"), required=False, empty_label=_("All"), queryset=District.objects.all()
    )
    risk = forms.ChoiceField(
        label=_("Risk"), required=False, choices=[("", _("All")), *RiskFlag.choices]
    )
    worker = forms.ModelChoiceField(
        label=_("Lead worker"), required=False, empty_label=_("All"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, organization_ids: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[User], self.fields["worker"]).queryset = (
            User.objects.filter(
                memberships__organization_id__in=organization_ids,
                memberships__is_active=True,
            )
            .distinct()
            .order_by("display_name_kana", "display_name")
        )


class OpenCaseForm(Form):
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=200,
        required=False,
        help_text=_("e.g. 8050: 母の介護と長男のひきこもり"),
    )
    opened_on = JapaneseDateField(label=_("Opened on"), required=False)
    second_case = forms.BooleanField(
        label=_("Open a second case"),
        required=False,
        help_text=_(
            "Only when a second, separate support is meant: otherwise write in the open one."
        ),
    )

    def __init__(self, *args: Any, open_cases: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not open_cases:  # asked only where the person already has an open case
            del self.fields["second_case"]


class CaseCorrectionForm(IssueChecklist):
    """ケース情報の訂正: the facts of the case as they are now known, and why."""

    field_order = ["title", "opened_on", "support_decided_on"]

    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    opened_on = JapaneseDateField(label=_("Opened on"))
    support_decided_on = JapaneseDateField(label=_("Support decided on (支援決定)"), required=False)
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 3回目の訪問でDVの訴え; 開始日の入力誤り"),
    )

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, record=case, **kwargs)


class NoteCorrectionForm(Form):
    """支援経過記録の訂正: the note as it should read, and why it is corrected."""

    occurred_at = JapaneseDateTimeField(label=_("When"), required=False)
    method = forms.ChoiceField(label=_("Method"), choices=NoteMethod.choices)
    with_whom = forms.CharField(label=_("With whom"), max_length=200, required=False)
    body = forms.CharField(
        label=_("What happened"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    categories = CategoriesField()
    reason = forms.CharField(
        label=_("Why it is corrected"),
        max_length=500,
        error_messages={"required": _("Say why the note is corrected.")},
        help_text=_("e.g. 訪問日の入力誤り; 同席者の名前を追記"),
    )


class NoteForm(Form):
    """支援経過記録."""

    starts_at = "body"  # where the focus goes when the form opens

    occurred_at = JapaneseDateTimeField(label=_("When"), required=False)
    method = forms.ChoiceField(label=_("Method"), choices=NoteMethod.choices)
    with_whom = forms.CharField(label=_("With whom"), max_length=200, required=False)
    body = forms.CharField(
        label=_("What happened"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    next_action = forms.CharField(label=_("Next action"), max_length=300, required=False)
    next_action_on = JapaneseDateField(label=_("Next action by"), required=False)
    categories = CategoriesField(
        initial=InfoCategory.HISTORY,
        help_text=_(
            "What the note speaks of. Other agencies read it only if a consent covers all of these."
        ),
    )


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Move to"), choices=CaseStatus.choices)


class CloseForm(Form):
    closure_reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    closed_on = JapaneseDateField(label=_("Closed on"), required=False)
    note = forms.CharField(
        label=_("Closing note"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead_worker = forms.ModelChoiceField(
        label=_("Who keeps in touch afterwards"),
        queryset=User.objects.none(),
        help_text=_("The named worker who stays in touch after closure (伴走)."),
    )
    check_in_months = forms.TypedMultipleChoiceField(
        label=_("Check in after"),
        choices=[(1, _("1 month")), (3, _("3 months")), (6, _("6 months")), (12, _("12 months"))],
        coerce=int,
        required=False,
        initial=[1, 3, 6],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each check-in is a task for the worker who keeps in touch."),
    )

    def __init__(self, *args: Any, organization_id: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField[User], self.fields["lead_worker"]
        ).queryset = User.objects.filter(
            memberships__organization_id=organization_id,
            memberships__is_active=True,
            is_active=True,
        ).distinct()


class ReopenForm(Form):
    reason = forms.CharField(label=_("Why reopen"), max_length=500)


class AttachmentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. 診断書 2026年11月"))
    file = forms.FileField(label=_("File (PDF, image, Word, Excel; up to 20 MB)"))
    categories = CategoriesField(
        initial=InfoCategory.HISTORY,
        help_text=_(
            "What the document holds. Other agencies open it only if a consent covers all of these."
        ),
    )
