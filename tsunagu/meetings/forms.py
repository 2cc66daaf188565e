from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.accounts.models import Organization, User
from tsunagu.cases.models import Case
from tsunagu.core.forms import Form, JapaneseDateField, JapaneseDateTimeField
from tsunagu.meetings.choices import DecisionKind
from tsunagu.meetings.models import MeetingType
from tsunagu.sharing.choices import InfoCategory
from tsunagu.sharing.forms import CategoriesField

ROLE_ROWS = 3


def _case_workers() -> Any:
    return (
        User.objects.filter(
            is_active=True, memberships__role__in=CASE_ROLES, memberships__is_active=True
        )
        .distinct()
        .order_by("display_name_kana", "display_name")
    )


def _worker_label(user: User) -> str:
    """A name with the organization it works for: 佐藤 美咲（自立相談支援センター）."""
    organizations = sorted(
        {
            m.organization.name
            for m in user.memberships.all()
            if m.is_active and m.role in CASE_ROLES
        }
    )
    return (
        f"{user.display_name}（{'、'.join(organizations)}）" if organizations else user.display_name
    )


class MeetingForm(Form):
    type = forms.ModelChoiceField(label=_("Kind of meeting"), queryset=MeetingType.objects.all())
    held_at = JapaneseDateTimeField(label=_("Date and time"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    title = forms.CharField(
        label=pgettext_lazy("meeting", "Title (optional)"), max_length=200, required=False
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each attends for their organization."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        attendees.queryset = _case_workers().prefetch_related(  # type: ignore[attr-defined]
            "memberships__organization"
        )
        attendees.label_from_instance = _worker_label  # type: ignore[attr-defined]


class MeetingCorrectionForm(Form):
    """会議情報の訂正."""

    held_at = JapaneseDateTimeField(label=_("Date and time"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    title = forms.CharField(
        label=pgettext_lazy("meeting", "Title (optional)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Why it is corrected (optional)"),
        max_length=500,
        required=False,
        help_text=_("e.g. 日程変更; 会場の入力誤り"),
    )


class AgendaForm(Form):
    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())
    material = forms.CharField(
        label=_("Material for the meeting"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only this is shown to the attendees of a 支援会議: write what they need."),
    )
    categories = CategoriesField(
        label=_("Information in the material"), initial=InfoCategory.FAMILY | InfoCategory.HISTORY
    )

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Case], self.fields["case"])
        field.queryset = cases.select_related(
            "person__district", "household__district", "lead_worker"
        ).order_by("-opened_on", "-pk")
        # Two 髙橋 咲 are told apart by number, age, district and lead worker.
        field.label_from_instance = lambda case: case.distinguishing_label()  # type: ignore[method-assign,assignment]


class DecisionForm(Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices)
    text = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 3}))
    support_decided_on = JapaneseDateField(
        label=_("支援決定 date (with a plan approval)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ROLE_ROWS + 1):
            self.fields[f"role_{n}"] = forms.CharField(
                label=_("Role %(n)d") % {"n": n}, max_length=300, required=False
            )
            self.fields[f"role_{n}_organization"] = forms.ModelChoiceField(
                label=_("Organization"),
                queryset=Organization.objects.filter(is_active=True).order_by("name"),
                required=False,
            )
            self.fields[f"role_{n}_user"] = forms.ModelChoiceField(
                label=_("Worker"), queryset=_case_workers(), required=False
            )
            self.fields[f"role_{n}_due_on"] = JapaneseDateField(label=_("By"), required=False)

    def role_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"role_{n}{suffix}"] for suffix in ("", "_organization", "_user", "_due_on")]
            for n in range(1, ROLE_ROWS + 1)
        ]

    def roles(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "description": data[f"role_{n}"],
                "organization": data[f"role_{n}_organization"],
                "user": data[f"role_{n}_user"],
                "due_on": data[f"role_{n}_due_on"],
            }
            for n in range(1, ROLE_ROWS + 1)
            if data.get(f"role_{n}")
        ]


class MinutesForm(Form):
    minutes = forms.CharField(
        label=_("Minutes (overall)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
