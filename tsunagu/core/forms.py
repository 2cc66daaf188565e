"""Form pieces shared by every app."""

import datetime as dt
import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.core.calendar import fiscal_year_start
from tsunagu.core.wareki import DateReadError, parse_date

#: Django 6.1's empty choice of a model's select; its Japanese catalogue does not have it yet,
#: so ours does (LOCALE_PATHS comes first).
BLANK_CHOICE_LABEL = _("- Select an option -")


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


class JapaneseDateTimeField(forms.Field):
    """A date (和暦 or 西暦) and an optional time: "R8.4.1 14:30", "2026/4/1 9:05"."""

    widget = forms.TextInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("e.g. 令和8年4月1日 14:30, R8.4.1 9:05, 2026-04-01"))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return f"{local:%Y-%m-%d %H:%M}"
        return value

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        match = re.match(r"^(.*?)(?:[ T]+(\d{1,2})[:時](\d{2})分?)?$", text)
        assert match is not None  # noqa: S101 - the pattern matches any string
        try:
            day = parse_date(match[1])
        except DateReadError as error:
            raise ValidationError(str(error), code="invalid") from error
        hour, minute = int(match[2] or 0), int(match[3] or 0)
        if hour > 23 or minute > 59:
            raise ValidationError(_("“%(text)s” is not a time of day.") % {"text": value})
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PeriodForm(Form):
    """A period (和暦 or 西暦), both ends optional: the end is not before the start."""

    since = JapaneseDateField(label=pgettext_lazy("start of a period", "From"), required=False)
    until = JapaneseDateField(label=_("Until"), required=False)

    #: The years a period of the work may span (a date outside is a typing slip).
    FIRST, LAST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("since", "until"):
            day = data.get(name)
            if day and not self.FIRST <= day <= self.LAST:
                self.add_error(name, _("Choose a date from 2000 to 2100."))
                data[name] = None
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("“Until” must be on or after “From”."))
        return data


def fiscal_period(data: Any) -> tuple[PeriodForm, dt.date, dt.date]:
    """The period a figures page shows: this fiscal year up to today, unless the query asks for
    another (和暦 accepted)."""
    today = timezone.localdate()
    form = PeriodForm(data or None)
    since, until = fiscal_year_start(today), today
    if form.is_bound and form.is_valid():
        since = form.cleaned_data["since"] or since
        until = form.cleaned_data["until"] or until
    return form, since, until
