"""Tags of the 地域づくり pages: the public pages' dates (both calendars, with the day of the
week, read without a session) and a place's days."""

import datetime as dt

from django import template
from django.utils.translation import get_language

from tsunagu.community.choices import DAYS, PlaceKind
from tsunagu.core.wareki import STYLE_SEIREKI, STYLE_WAREKI, format_date

register = template.Library()

_WEEKDAYS = "月火水木金土日"


@register.simple_tag
def public_date(value: dt.date | None) -> str:
    """2026年（令和8年）12月5日（土） — both calendars, as the town's notices write them."""
    if value is None:
        return ""
    if get_language() == "en":
        return f"{value:%a} {format_date(value, STYLE_SEIREKI, english=True)}"
    seireki = format_date(value, STYLE_SEIREKI)
    wareki = format_date(value, STYLE_WAREKI)
    year, _sep, rest = seireki.partition("年")
    era_year = wareki.split("年")[0]
    return f"{year}年（{era_year}年）{rest}（{_WEEKDAYS[value.weekday()]}）"


@register.filter
def days_label(days: str) -> str:
    """A place's days ("024") as 月・水・金."""
    names = dict(DAYS)
    return "・".join(str(names[int(d)]) for d in days if d.isdigit() and int(d) in names)


@register.simple_tag
def time_span(starts: dt.time | None, ends: dt.time | None) -> str:
    if starts is None:
        return ""
    return f"{starts:%H:%M}〜{ends:%H:%M}" if ends else f"{starts:%H:%M}〜"


@register.filter
def place_kind(code: str) -> str:
    """A place's kind by its code, in the reader's language (the public data keeps the code, so
    that one cached copy serves every language)."""
    return str(dict(PlaceKind.choices).get(code, code))
