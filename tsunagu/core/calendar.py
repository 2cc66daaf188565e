"""The calendar of the work. 開庁日 (the days the municipality's offices are open): not
Saturdays or Sundays, not the national holidays (jpholiday keeps the table, 振替休日 included),
and not 12月29日–1月3日 (行政機関の休日に関する法律); timers count these days. 年度 (the fiscal
year) starts on 1 April. What is recorded as done cannot be in the future."""

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

import jpholiday
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

#: A clock a few minutes ahead on the worker's side is not the future.
FUTURE_SLACK = dt.timedelta(minutes=5)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day`, in the municipality's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def fiscal_year_start(today: dt.date | None = None) -> dt.date:
    """1 April of the current 年度."""
    today = today or timezone.localdate()
    return dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative), or the month's last day where it
    has none (1月31日 + 1 month = 2月28日)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_future(value: dt.datetime | dt.date) -> bool:
    """Is this date (or time, give or take the slack) ahead of now?"""
    if isinstance(value, dt.datetime):
        return value > timezone.now() + FUTURE_SLACK
    return value > timezone.localdate()


def refuse_future(value: dt.datetime | dt.date | None, field: str, message: str) -> None:
    """A record of what happened is not dated ahead."""
    if value is not None and is_future(value):
        raise ValidationError({field: message})


def is_business_day(day: dt.date) -> bool:
    if day.weekday() >= 5 or jpholiday.is_holiday(day):
        return False
    return not ((day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3))


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The business day `days` business days after `start` (start itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day


def subtract_business_days(start: dt.date, days: int) -> dt.date:
    """The business day `days` business days before `start` (start itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end`."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def weekday_codes(days: Iterable[Any] | str | None) -> str:
    """Days of the week as a record keeps them: digits, Monday 0 to Sunday 6, each once, in
    order ("024" for 月・水・金); anything else is refused by field "days"."""
    given = {str(d) for d in (days or [])}
    if any(d not in set("0123456") for d in given):
        raise ValidationError({"days": _("Choose days from Monday to Sunday.")})
    return "".join(sorted(given))
