"""開庁日 (the days the municipality's offices are open): not Saturdays or Sundays, not the
national holidays (jpholiday keeps the table, 振替休日 included), and not 12月29日–1月3日
(行政機関の休日に関する法律). Timers of the work count these days, not calendar days."""

import datetime as dt

import jpholiday


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


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end`."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
