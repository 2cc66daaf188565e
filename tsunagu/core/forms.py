"""Form pieces shared by every app."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tsunagu.core.wareki import DateReadError, parse_date


class Form(forms.Form):
    """Base of every form: Japanese labels take no trailing colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class JapaneseDateInput(forms.TextInput):
    """A text box (not a calendar widget) so that 和暦 can be typed as the person says it."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "inputmode": "text",
            "autocomplete": "off",
            "class": "date-input",
            "placeholder": _("e.g. 令和8年4月1日 / R8.4.1 / 2026-04-01"),
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return value.isoformat()
        formatted: str | None = super().format_value(value)
        return formatted


class JapaneseDateField(forms.DateField):
    """A date typed as 令和8年4月1日, R8.4.1, 2026-04-01 or 2026/4/1 (全角 too)."""

    widget = JapaneseDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except DateReadError as error:
            raise ValidationError(str(error), code="invalid") from error
