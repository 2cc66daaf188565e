from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.choices import CASE_ROLES
from tsunagu.accounts.models import District, Membership, User
from tsunagu.community.choices import (
    DAYS,
    ActorKind,
    Field,
    HowMet,
    IdeaKind,
    IdeaStatus,
    PlaceKind,
)
from tsunagu.community.models import Actor, GatheringType, Place
from tsunagu.core.forms import Form, JapaneseDateField
from tsunagu.outreach.choices import Urgency
from tsunagu.resources.models import Resource

DAY_CHOICES = [(str(number), name) for number, name in DAYS]


def _text(label: Any, help_text: Any = "", rows: int = 3, required: bool = False) -> forms.Field:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _organizations() -> Any:
    return Actor.objects.filter(kind=ActorKind.ORGANIZATION, left_on__isnull=True)


def _named_people() -> Any:
    return Actor.objects.filter(
        kind=ActorKind.PERSON, agreed_on__isnull=False, left_on__isnull=True
    )


def _workers() -> Any:
    working = Membership.objects.active().filter(role__in=list(CASE_ROLES))
    return User.objects.filter(is_active=True, pk__in=working.values("user_id")).order_by(
        "display_name_kana", "display_name"
    )


class _UserChoice(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class _OneUserChoice(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PlaceForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_kana = forms.CharField(label=_("Name (kana)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind of place"), choices=PlaceKind.choices)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    days = forms.MultipleChoiceField(
        label=_("Days open"),
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours = forms.CharField(
        label=_("Hours"), max_length=200, required=False, help_text=_("17時〜23時, 第2水曜 10時〜")
    )
    interests = forms.CharField(
        label=_("What goes on"), max_length=300, required=False, help_text=_("将棋, お茶, 手芸 …")
    )
    description = _text(_("What it is like"))
    easy_description = _text(
        _("In easy Japanese (やさしい日本語)"),
        _("Short sentences, everyday words: 「だれでも 来て いいです。おちゃが のめます。」"),
    )
    resource = forms.ModelChoiceField(
        label=_("Entry in the directory"),
        queryset=Resource.objects.order_by("name_kana", "name"),
        required=False,
    )
    member = forms.ModelChoiceField(
        label=_("In the network as"), queryset=Actor.objects.none(), required=False
    )
    public = forms.BooleanField(
        label=_("Show it on the public pages"),
        required=False,
        help_text=_("Only its name, kind, district, address, hours and description are shown."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _organizations()  # type: ignore[attr-defined]


class GatekeeperForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    role_title = forms.CharField(
        label=_("Role"), max_length=100, required=False, help_text=_("店主, 管理人 …")
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    agreed_way = _text(
        _("The agreed way to pass a worry on"),
        _("「気になるお客さんがいたら、山本（社協）の携帯へ。返事は『受け取りました』だけ」"),
        required=True,
    )
    agreed_on = JapaneseDateField(label=_("Agreed on"))


class WorryForm(Form):
    """What the gatekeeper passed on: it goes to the outreach team as a concern."""

    noticed = _text(
        _("What they noticed"),
        _("常連さんが最近来ない、痩せた様子 … A place and a worry are enough."),
        required=True,
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    noticed_on = JapaneseDateField(label=_("Noticed on"), required=False)


class VisitForm(Form):
    visited_on = JapaneseDateField(label=_("Visited on"))
    visitors = _UserChoice(
        label=_("Who else went"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = _text(
        _("What was talked about, in general"),
        _("最近の客足, 商店街の祭り, 空き店舗 … — no one's name or situation."),
    )
    names_checked = forms.BooleanField(
        label=_("The names written are nobody's, or staff members' (not residents')"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = _workers()  # type: ignore[attr-defined]


def attendance_field_name(field: str) -> str:
    return f"came_{field}"


class GatheringForm(Form):
    type = forms.ModelChoiceField(
        label=_("Kind"),
        queryset=GatheringType.objects.filter(active=True),
        error_messages={"required": _("Choose what kind of gathering it is (車座, サロン …).")},
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = JapaneseDateField(
        label=_("Date"),
        error_messages={"required": _("Give the date it is held (令和8年6月10日, 2026-06-10).")},
    )
    ends_on = JapaneseDateField(label=_("Until (for several days)"), required=False)
    starts_at = forms.TimeField(label=_("Starts"), required=False, help_text=_("18:30"))
    ends_at = forms.TimeField(label=_("Ends"), required=False)
    place = forms.ModelChoiceField(
        label=_("Place"), queryset=Place.objects.filter(closed_on__isnull=True), required=False
    )
    venue = forms.CharField(
        label=_("Venue (when not one of the places)"), max_length=300, required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    organizers = forms.ModelMultipleChoiceField(
        label=_("Organized by"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = _text(_("Topics"))
    outcome = _text(_("What came out"))
    named = forms.ModelMultipleChoiceField(
        label=_("Named as having come (only those who agreed)"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    public = forms.BooleanField(
        label=_("Show it on the public pages and the town's calendar"),
        required=False,
        help_text=_("Shows its title, date, place, description and how to join; never who came."),
    )
    description = _text(_("Description for the public"))
    easy_description = _text(_("In easy Japanese (やさしい日本語)"))
    application = forms.CharField(label=_("How to join"), max_length=300, required=False)
    fee = forms.CharField(label=_("Cost"), max_length=100, required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=0, max_value=100_000, required=False
    )
    contact = forms.CharField(label=_("Contact for the public"), max_length=200, required=False)
    url = forms.URLField(label=_("Web page"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizers"].queryset = Actor.objects.filter(left_on__isnull=True)  # type: ignore[attr-defined]
        self.fields["named"].queryset = _named_people()  # type: ignore[attr-defined]
        for value, label in Field.choices:
            self.fields[attendance_field_name(value)] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=100_000,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "number"}),
                error_messages={
                    "min_value": _("The number of people cannot be below zero."),
                    "invalid": _("Write a whole number of people."),
                },
            )

    def people_offered(self) -> list[Actor]:
        """The people of the network the form names (as choices)."""
        return [
            a
            for a in self.fields["organizers"].queryset  # type: ignore[attr-defined]
            if a.kind == ActorKind.PERSON
        ]

    def attendance_fields(self) -> list[Any]:
        return [self[attendance_field_name(value)] for value in Field.values]

    def main_fields(self) -> list[Any]:
        skip = {attendance_field_name(v) for v in Field.values}
        return [f for f in self.visible_fields() if f.name not in skip]

    def split(self) -> tuple[dict[str, Any], dict[str, int], list[Actor], list[Actor]]:
        """The gathering's fields, its attendance by field, organizers, named attendees."""
        data = dict(self.cleaned_data)
        attendance = {value: data.pop(attendance_field_name(value)) or 0 for value in Field.values}
        organizers = list(data.pop("organizers") or [])
        named = list(data.pop("named") or [])
        return data, attendance, organizers, named


class IdeaForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IdeaKind.choices)
    text = _text(_("What"), required=True, rows=2)


class IdeaSettleForm(Form):
    status = forms.ChoiceField(
        label=_("What became of it"),
        choices=[
            (v, label) for v, label in IdeaStatus.choices if v in ("open", "resource", "dropped")
        ],
    )
    resource = forms.ModelChoiceField(
        label=_("Entry in the directory"),
        queryset=Resource.objects.order_by("name_kana", "name"),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FollowUpForm(Form):
    title = forms.CharField(label=_("What to do"), max_length=300)
    due_on = JapaneseDateField(label=_("Due"))
    assignee = _OneUserChoice(label=_("Who"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _workers()  # type: ignore[attr-defined]


class ActorForm(Form):
    kind = forms.ChoiceField(label=_("Organization or person"), choices=ActorKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_kana = forms.CharField(label=_("Name (kana)"), max_length=200, required=False)
    field = forms.ChoiceField(label=pgettext_lazy("field of work", "Field"), choices=Field.choices)
    role_title = forms.CharField(
        label=_("Role"),
        max_length=100,
        required=False,
        help_text=_("店主, 代表, 教授, 当事者として …"),
    )
    member_of = forms.ModelChoiceField(
        label=_("Belongs to"), queryset=Actor.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    interests = _text(
        _("Topics and interests"),
        _("What they care about and would talk about: 空き家, 子ども食堂, 移動販売 …"),
    )
    agreed_on = JapaneseDateField(
        label=_("Agreed to be named on"),
        required=False,
        help_text=_("A person is in the network only with their agreement."),
    )
    joined_on = JapaneseDateField(label=_("In the network since"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member_of"].queryset = _organizations()  # type: ignore[attr-defined]

    def clean_joined_on(self) -> Any:
        from django.utils import timezone

        return self.cleaned_data.get("joined_on") or timezone.localdate()


class TieForm(Form):
    other = forms.ModelChoiceField(label=_("Tied with"), queryset=Actor.objects.none())
    since = JapaneseDateField(label=_("Since"))
    how = forms.ChoiceField(label=_("How they met"), choices=HowMet.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, exclude: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Actor.objects.filter(left_on__isnull=True)  # type: ignore[attr-defined]


class GatheringTieForm(Form):
    """A tie the gathering made: two of the network."""

    a = forms.ModelChoiceField(label=_("One"), queryset=Actor.objects.none())
    b = forms.ModelChoiceField(label=_("The other"), queryset=Actor.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].queryset = Actor.objects.filter(left_on__isnull=True)  # type: ignore[attr-defined]


class KeepSuggestionForm(Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Who"), queryset=Actor.objects.all(), widget=forms.MultipleHiddenInput
    )
    reason = _text(_("Why they should meet"), required=True, rows=2)


class SuggestionTieForm(Form):
    a = forms.ModelChoiceField(label=_("One"), queryset=Actor.objects.none())
    b = forms.ModelChoiceField(label=_("The other"), queryset=Actor.objects.none())
    since = JapaneseDateField(label=_("Since"))

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].queryset = members if members is not None else Actor.objects.none()  # type: ignore[attr-defined]


class NetworkFilterForm(Form):
    on = JapaneseDateField(label=_("As it stood on"), required=False)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("All districts"),
    )
    field = forms.ChoiceField(
        label=pgettext_lazy("field of work", "Field"),
        choices=[("", _("All fields")), *Field.choices],
        required=False,
    )

    def clean_on(self) -> Any:
        from django.core.exceptions import ValidationError

        from tsunagu.community.network import check_day

        on = self.cleaned_data.get("on")
        try:
            return on and check_day(on)
        except ValidationError as error:
            raise ValidationError(error.message_dict["on"]) from error


class PlaceFilterForm(Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("All districts"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of place"), choices=[("", _("All kinds")), *PlaceKind.choices], required=False
    )
    not_visited_months = forms.IntegerField(
        label=_("Not visited for (months)"), min_value=1, max_value=120, required=False
    )


class GatheringFilterForm(Form):
    type = forms.ModelChoiceField(
        label=_("Kind"),
        queryset=GatheringType.objects.all(),
        required=False,
        empty_label=_("All kinds"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("All districts"),
    )
    since = JapaneseDateField(label=_("From"), required=False)
    until = JapaneseDateField(label=_("Until"), required=False)


class PublicSearchForm(Form):
    """For residents: where, which day, what they like."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[("", _("Any day")), *DAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    day = JapaneseDateField(label=_("Date"), required=False)
    words = forms.CharField(
        label=_("What you like"),
        max_length=100,
        required=False,
        help_text=_("将棋, 子ども, 体操 …"),
    )

    def __init__(self, *args: Any, areas: list[District] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", _("Anywhere in town")),
            *((d.code, d.name) for d in areas or []),
        ]


def _reason() -> forms.CharField:
    return forms.CharField(label=_("Why it is corrected"), max_length=300)


class PlaceCorrectionForm(PlaceForm):
    closed_on = JapaneseDateField(label=_("Closed on"), required=False)
    reason = _reason()


class VisitCorrectionForm(Form):
    visited_on = JapaneseDateField(label=_("Visited on"))
    topics = _text(_("What was talked about, in general"))
    names_checked = forms.BooleanField(
        label=_("The names written are nobody's, or staff members' (not residents')"),
        required=False,
    )
    reason = _reason()


class GatheringCorrectionForm(GatheringForm):
    reason = _reason()


class ActorCorrectionForm(ActorForm):
    left_on = JapaneseDateField(label=_("Left the network on"), required=False)
    reason = _reason()


class EndForm(Form):
    ended_on = JapaneseDateField(label=_("Ended on"))
