"""和暦 (Japanese era dates): read what a person types, show dates as each user prefers.

Accepted, in 全角 or 半角: ``令和8年4月1日``, ``令和元年5月1日``, ``R8.4.1``, ``R8/4/1``,
``令8.4.1``, ``H31.4.30``, ``2026-04-01``, ``2026/4/1``, ``2026年4月1日``, ``20260401``.
The eras and their first days come from japanera, which the Japanese public sector's Python
code already relies on; the reading of abbreviations is ours.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from japanera import EraDate


@dataclass(frozen=True)
class Era:
    kanji: str
    letter: str
    since: dt.date
    until: dt.date | None

    def year(self, era_year: int) -> int:
        return self.since.year + era_year - 1


def _modern_eras() -> tuple[Era, ...]:
    """明治 to 令和, read from japanera (one date inside each era is enough to find it)."""
    samples = [
        dt.date(1900, 1, 1),
        dt.date(1920, 1, 1),
        dt.date(1960, 1, 1),
        dt.date(2000, 1, 1),
        dt.date(2020, 1, 1),
    ]
    eras = []
    for sample in samples:
        era = EraDate.from_date(sample).era
        # japanera's `until` is the next era's first day; keep the last day of this one.
        until = era.until - dt.timedelta(days=1) if era.until else None
        eras.append(Era(era.kanji, era.english_head.upper(), era.since, until))
    return tuple(eras)


ERAS = _modern_eras()
STYLE_WAREKI = "wareki"
STYLE_SEIREKI = "seireki"

_SEP = r"\s*[./\-・年月]\s*"
_ERA_DATE = re.compile(
    r"^(?P<era>[A-Za-z]|[明大昭平令][治正和成]?)\s*(?P<year>\d{1,2}|元)"
    + _SEP
    + r"(?P<month>\d{1,2})"
    + _SEP
    + r"(?P<day>\d{1,2})\s*日?$"
)
_WESTERN_DATE = re.compile(
    r"^(?P<year>\d{4})" + _SEP + r"(?P<month>\d{1,2})" + _SEP + r"(?P<day>\d{1,2})\s*日?$"
)
_COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")


class DateReadError(ValueError):
    """The text is not a date we can read; the message says what to type instead."""


def _find_era(token: str) -> Era:
    for era in ERAS:
        if token.upper() == era.letter or era.kanji.startswith(token):
            return era
    raise DateReadError(
        _("There is no era “%(era)s”. Use 明治, 大正, 昭和, 平成 or 令和 (M, T, S, H, R).")
        % {"era": token}
    )


def parse_date(text: str) -> dt.date:
    """Read a date typed in 和暦 or 西暦; raise DateReadError with a helpful message."""
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        raise DateReadError(_("The date is empty."))
    era: Era | None = None
    match = _ERA_DATE.match(value)
    if match:
        era = _find_era(match["era"])
        era_year = 1 if match["year"] == "元" else int(match["year"])
        if era_year < 1:
            raise DateReadError(_("An era year starts at 1 (元年)."))
        year = era.year(era_year)
    else:
        match = _WESTERN_DATE.match(value) or _COMPACT_DATE.match(value)
        if not match:
            raise DateReadError(
                _(
                    "“%(text)s” is not a date. For example: 令和8年4月1日, R8.4.1, 2026-04-01, 2026/4/1"
                )
                % {"text": text}
            )
        year = int(match["year"])
    try:
        date = dt.date(year, int(match["month"]), int(match["day"]))
    except ValueError as error:
        raise DateReadError(
            _("“%(text)s” does not exist in the calendar. Check the month and the day.")
            % {"text": text}
        ) from error
    if era is not None and (date < era.since or (era.until and date > era.until)):
        raise DateReadError(
            _("“%(text)s” is outside %(era)s, which runs from %(since)s to %(until)s.")
            % {
                "text": text,
                "era": era.kanji,
                "since": format_date(era.since),
                "until": format_date(era.until) if era.until else _("today"),
            }
        )
    return date


def era_of(date: dt.date) -> Era | None:
    for era in reversed(ERAS):
        if date >= era.since:
            return era
    return None


def format_date(date: dt.date, style: str = STYLE_WAREKI, *, english: bool = False) -> str:
    """令和8年4月1日 (wareki) or 2026年4月1日 (seireki); in English R8.4.1 or 2026-04-01."""
    era = era_of(date) if style == STYLE_WAREKI else None
    if era is None:
        return date.isoformat() if english else f"{date.year}年{date.month}月{date.day}日"
    era_year = date.year - era.since.year + 1
    if english:
        return f"{era.letter}{era_year}.{date.month}.{date.day} ({date.isoformat()})"
    year = "元" if era_year == 1 else str(era_year)
    return f"{era.kanji}{year}年{date.month}月{date.day}日"


def age_label(birth_date: dt.date, today: dt.date | None = None) -> str:
    """75歳: today's age in full years."""
    today = today or timezone.localdate()
    years = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    return _("%(years)d years old") % {"years": years}
