from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization, User
from tsunagu.core.forms import Form, JapaneseDateField
from tsunagu.plans.choices import ASSESSMENT_AREAS, PLAN_CATEGORIES, Attainment, NextDirection
from tsunagu.plans.models import PlanGoal
from tsunagu.sharing.forms import CategoriesField

ACTION_ROWS = 5
GOAL_ROWS = 3


class AssessmentForm(Form):
    assessed_on = JapaneseDateField(label=_("Assessed on"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, label in ASSESSMENT_AREAS:
            self.fields[field] = forms.CharField(
                label=label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["summary"] = forms.CharField(
            label=_("Overall view"),
            required=False,
            max_length=20000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class PlanForm(Form):
    """支援プラン: the person's wishes first, then goals, then who does what by when."""

    persons_wishes = forms.CharField(
        label=_("The person's wishes (in their words)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    long_term_goal = forms.CharField(
        label=_("Long-term goal"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    period_start = JapaneseDateField(label=_("Plan from"), required=False)
    period_end = JapaneseDateField(label=_("Plan until"), required=False)
    next_review_on = JapaneseDateField(label=_("Next review"), required=False)
    employment_support = forms.BooleanField(
        label=_("The plan includes support towards work (就労支援)"),
        required=False,
        help_text=_("Counted as 就労支援対象者 in the national survey of 生活困窮者自立支援."),
    )
    categories = CategoriesField(
        initial=PLAN_CATEGORIES,
        help_text=_(
            "What the plan speaks of. Other agencies read it only if a consent covers all of these."
        ),
    )

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization] | None = None,
        workers: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, GOAL_ROWS + 1):
            self.fields[f"goal_{n}"] = forms.CharField(
                label=_("Short-term goal %(n)d") % {"n": n}, required=n == 1, max_length=2000
            )
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=_("Action %(n)d") % {"n": n}, required=False, max_length=2000
            )
            self.fields[f"action_{n}_organization"] = forms.ModelChoiceField(
                label=_("Responsible organization"),
                required=False,
                empty_label=_("Lead organization"),
                queryset=organizations if organizations is not None else Organization.objects.all(),
            )
            self.fields[f"action_{n}_worker"] = forms.ModelChoiceField(
                label=_("Responsible worker"),
                required=False,
                empty_label=_("—"),
                queryset=workers if workers is not None else User.objects.none(),
            )
            self.fields[f"action_{n}_due_on"] = JapaneseDateField(label=_("By"), required=False)

    def goals(self) -> list[str]:
        return [
            self.cleaned_data[f"goal_{n}"]
            for n in range(1, GOAL_ROWS + 1)
            if self.cleaned_data.get(f"goal_{n}")
        ]

    def actions(self) -> list[dict[str, object]]:
        return [
            {
                "description": self.cleaned_data[f"action_{n}"],
                "responsible_organization": self.cleaned_data.get(f"action_{n}_organization"),
                "responsible_worker": self.cleaned_data.get(f"action_{n}_worker"),
                "due_on": self.cleaned_data.get(f"action_{n}_due_on"),
            }
            for n in range(1, ACTION_ROWS + 1)
            if self.cleaned_data.get(f"action_{n}")
        ]

    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [
                self[f"action_{n}"],
                self[f"action_{n}_organization"],
                self[f"action_{n}_worker"],
                self[f"action_{n}_due_on"],
            ]
            for n in range(1, ACTION_ROWS + 1)
        ]


class EvaluationForm(Form):
    evaluated_on = JapaneseDateField(label=_("Evaluated on"), required=False)
    persons_change = forms.CharField(
        label=_("The person's change"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_direction = forms.ChoiceField(label=_("Next direction"), choices=NextDirection.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    found_work = forms.BooleanField(label=_("Found work since the plan (就労)"), required=False)
    income_rose = forms.BooleanField(label=_("Income rose since the plan (増収)"), required=False)

    def __init__(self, *args: Any, goals: Sequence[PlanGoal] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal_fields = []
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.text, choices=Attainment.choices, widget=forms.RadioSelect
            )
            self.fields[f"goal_{goal.pk}_comment"] = forms.CharField(
                label=_("Comment on this goal"), required=False, max_length=2000
            )
            self.goal_fields.append((goal.pk, f"goal_{goal.pk}", f"goal_{goal.pk}_comment"))

    def attainments(self) -> dict[int, tuple[str, str]]:
        return {
            pk: (self.cleaned_data[field], self.cleaned_data.get(comment, ""))
            for pk, field, comment in self.goal_fields
        }
