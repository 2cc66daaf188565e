"""Template tags every page uses: dates in 和暦 or 西暦 as the user prefers."""

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from tsunagu.core.japanese import phone_key
from tsunagu.core.wareki import STYLE_WAREKI, age_label, format_date

register = template.Library()


def _style(context: template.Context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    return getattr(user, "date_style", None) or STYLE_WAREKI


@register.simple_tag(takes_context=True)
def jdate(context: template.Context, value: dt.date | dt.datetime | None) -> str:
    """{% jdate case.opened_on %} → 令和8年4月1日 or 2026年4月1日, by the user's preference."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, _style(context), english=get_language() == "en")


@register.simple_tag(takes_context=True)
def jdatetime(context: template.Context, value: dt.datetime | None) -> str:
    """{% jdatetime event.occurred_at %} → 令和8年4月1日 14:05."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{jdate(context, local.date())} {local:%H:%M}"


@register.simple_tag
def age(birth_date: dt.date | None) -> str:
    """{% age person.birth_date %} → 75歳 (today's age, in full years); nothing when the date
    is unknown (or there is no person: a template's missing variable comes as "")."""
    return age_label(birth_date) if isinstance(birth_date, dt.date) else ""


@register.simple_tag
def elapsed(since: dt.datetime | None) -> str:
    """{% elapsed consultation.received_at %} → 35分, 2時間10分, 3日4時間: how long it has waited."""
    if not isinstance(since, dt.datetime):
        return ""
    minutes = max(0, int((timezone.now() - since).total_seconds() // 60))
    if minutes < 60:
        return gettext("%(minutes)d min") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    days, hours = divmod(hours, 24)
    return gettext("%(days)d d %(hours)d h") % {"days": days, "hours": hours}


@register.simple_tag
def tel(number: str | None) -> str:
    """{% tel person.phone %} → a tap-to-call link (090-1234-5678), or — when there is none."""
    digits = phone_key(number or "")
    if not digits:
        return "—"
    return format_html('<a href="tel:{}">{}</a>', digits, number)


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    """{{ notes.corrections|get_item:note.pk }}: a value of a dict by its key, or nothing."""
    return (mapping or {}).get(key)
