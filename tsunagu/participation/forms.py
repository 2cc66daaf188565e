from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, User
from tsunagu.core.forms import Form, JapaneseDateField
from tsunagu.participation.choices import (
    UCLA_QUESTIONS,
    DeclineReason,
    EndReason,
    Loneliness,
    StepKind,
    TimeOfDay,
    UclaAnswer,
    WellbeingPoint,
)
from tsunagu.participation.matching import DAYS
from tsunagu.resources.models import Provider

DAY_CHOICES = [(str(number), name) for number, name in enumerate(DAYS[:7])]


def _text(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _display_name(user: User) -> str:
    return user.display_name


class ProfileForm(Form):
    """参加・つながり: in the person's words."""

    interests = _text(
        _("What they like, what interests them"), _("In their words: 料理、猫、昔の映画 …")
    )
    strengths = _text(
        _("What they are good at, what they used to do"), _("喫茶店で10年働いた、字がきれい …")
    )
    wishes = _text(
        _("What they would like to do"), _("誰かの役に立ちたい、外に出るきっかけがほしい …")
    )
    dislikes = _text(_("What they do not want"), _("大勢の前で話すこと、朝早い時間 …"), rows=2)
    days = forms.MultipleChoiceField(
        label=_("Days that suit"),
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    times = forms.MultipleChoiceField(
        label=_("Times that suit"),
        choices=TimeOfDay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts they can get to"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_pickup = forms.BooleanField(label=_("Needs a lift"), required=False)
    needs_step_free = forms.BooleanField(label=_("Needs step-free access"), required=False)
    needs_wheelchair = forms.BooleanField(label=_("Uses a wheelchair"), required=False)
    needs_quiet = forms.BooleanField(label=_("Needs a quiet place, few people"), required=False)
    max_cost = forms.IntegerField(
        label=_("Cost they can pay per visit (yen)"),
        required=False,
        min_value=0,
        help_text=_("0: free places only; empty: no limit."),
    )
    health = forms.CharField(label=_("Health to keep in mind"), required=False, max_length=300)
    other_limits = _text(_("Other limits"), rows=2)


class ProfileCorrectionForm(ProfileForm):
    reason = forms.CharField(
        label=_("Why it is corrected"),
        max_length=300,
        help_text=_("e.g. 本人と話して、好きなことが分かった"),
    )


class IntroduceForm(Form):
    resource = forms.IntegerField(widget=forms.HiddenInput)
    adaptation = forms.IntegerField(widget=forms.HiddenInput, required=False)
    host_contact = forms.CharField(
        label=_("Host's contact person"),
        required=False,
        max_length=100,
        help_text=_("e.g. 店主の大西さん"),
    )
    host_name = forms.CharField(required=False, max_length=30)
    host_note = forms.CharField(required=False, max_length=300)


class DeclineForm(Form):
    resource = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Why they said no"), choices=DeclineReason.choices)
    note = forms.CharField(label=_("In their words"), required=False, max_length=300)


class StepForm(Form):
    kind = forms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    accompanied_by = forms.ModelChoiceField(
        label=_("Who goes along (同行)"),
        queryset=User.objects.none(),
        required=False,
    )
    note = _text(_("Note"), rows=2)

    def __init__(self, *args: Any, workers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if workers is not None:
            field = self.fields["accompanied_by"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = workers
            field.label_from_instance = _display_name  # type: ignore[method-assign, assignment]


class PlanStepForm(StepForm):
    planned_on = JapaneseDateField(label=_("Planned for"))


class RecordStepForm(StepForm):
    step = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A planned step says what it is; one not planned is chosen here (the service asks).
        self.fields["kind"].required = False

    happened_on = JapaneseDateField(label=_("Happened on"))
    note = _text(_("How it went"), rows=3)


class EndForm(Form):
    reason = forms.ChoiceField(label=_("Why it ended"), choices=EndReason.choices)
    ended_on = JapaneseDateField(label=_("Ended on"), required=False)
    note = _text(_("About the ending"), rows=2)
    outcome = _text(_("What changed for the person"), rows=3)


class AdaptationForm(Form):
    what = forms.CharField(
        label=_("What the host offers"),
        max_length=300,
        help_text=_("e.g. 開店前の30分、静かな席で品出しを手伝う"),
    )
    days = forms.MultipleChoiceField(
        label=_("Days"),
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    times = forms.MultipleChoiceField(
        label=_("Times"),
        choices=TimeOfDay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(label=_("People at a time"), min_value=1, initial=1)
    valid_until = JapaneseDateField(label=_("Valid until"), required=False)
    quiet = forms.BooleanField(label=_("A quiet place, few people"), required=False)
    step_free = forms.BooleanField(label=_("Step-free"), required=False)
    pickup = forms.BooleanField(label=_("A lift"), required=False)
    host_contact = forms.CharField(label=_("Host's contact person"), required=False, max_length=100)


class ParticipationCorrectionForm(Form):
    host_contact = forms.CharField(label=_("Host's contact person"), required=False, max_length=100)
    host_name = forms.CharField(
        label=_("Name the host may know"),
        required=False,
        max_length=30,
        help_text=_("As the person agreed (e.g. 健二さん). Empty: the host is not told who comes."),
    )
    host_note = forms.CharField(
        label=_("What the host may know"),
        required=False,
        max_length=300,
        help_text=_("Only what the person agreed to share (e.g. 人が多い時間は苦手です)."),
    )
    outcome = _text(_("What changed for the person"), rows=3)
    reason = forms.CharField(label=_("Why it is corrected"), max_length=300)


def _answers(label: Any, choices: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, widget=forms.RadioSelect
    )


class WellbeingForm(Form):
    """孤独感: the national survey's questions, asked with the person's agreement."""

    point = forms.ChoiceField(label=_("Asked at"), choices=WellbeingPoint.choices)
    measured_on = JapaneseDateField(label=_("Asked on"), required=False)
    loneliness = _answers(
        _("How often do you feel lonely?"), Loneliness.choices
    )  # あなたはどの程度、孤独であると感じることがありますか
    companionship = _answers(UCLA_QUESTIONS[0], UclaAnswer.choices)
    left_out = _answers(UCLA_QUESTIONS[1], UclaAnswer.choices)
    isolated = _answers(UCLA_QUESTIONS[2], UclaAnswer.choices)


class HostUpdateForm(Form):
    resource = forms.IntegerField(widget=forms.HiddenInput)
    available = forms.IntegerField(
        label=_("Places free now"), required=False, min_value=0, max_value=100_000
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class HostAccountForm(Form):
    provider = forms.ModelChoiceField(label=_("Host"), queryset=Provider.objects.none())
    display_name = forms.CharField(label=_("Name of the person who signs in"), max_length=100)
    email = forms.EmailField(label=_("E-mail address (used to sign in)"))

    def __init__(self, *args: Any, providers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if providers is not None:
            field = self.fields["provider"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = providers
