from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.choices import DateStyle
from tsunagu.core.forms import Form


class SignInForm(Form):
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PreferencesForm(Form):
    date_style = forms.ChoiceField(
        label=_("Show dates in"), choices=DateStyle.choices, widget=forms.RadioSelect
    )


class TokenForm(Form):
    """A personal API token for a script or another system of the municipality."""

    name = forms.CharField(
        label=_("What it is for"), max_length=100, help_text=_("e.g. 月次集計の取り込み")
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=90,
        help_text=_("At most a year: a token that should live longer is issued anew."),
    )
    read_only = forms.BooleanField(
        label=_("Read only"),
        required=False,
        initial=True,
        help_text=_("It reads (GET) and changes nothing: enough for reports and exports."),
    )
