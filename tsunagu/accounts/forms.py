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
