import datetime as dt

import pytest

from tsunagu.core.forms import JapaneseDateField
from tsunagu.core.wareki import STYLE_SEIREKI, DateReadError, format_date, parse_date

APRIL_FIRST = dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    "text",
    [
        "令和8年4月1日",
        "R8.4.1",
        "2026-04-01",
        "2026/4/1",
        "r8/4/1",
        "令8.4.1",
        "令和８年４月１日",
        "ｒ８．４．１",
        "2026年4月1日",
        "20260401",
        " 2026/04/01 ",
    ],
)
def test_every_way_of_typing_april_first_2026(text: str) -> None:
    assert parse_date(text) == APRIL_FIRST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("S45.3.14", dt.date(1970, 3, 14)),
        ("大正15年12月24日", dt.date(1926, 12, 24)),
    ],
)
def test_era_boundaries(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("平成31年5月1日", "平成"),
        ("H32.1.1", "平成"),
        ("令和8年2月30日", "存在しません"),
        ("X8.1.1", "元号"),
        ("abc", "日付として読めません"),
        ("", "入力されていません"),
    ],
)
def test_unreadable_dates_say_what_to_fix(text: str, says: str) -> None:
    with pytest.raises(DateReadError, match=says):
        parse_date(text)


def test_format_in_each_style() -> None:
    assert format_date(APRIL_FIRST) == "令和8年4月1日"
    assert format_date(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert format_date(APRIL_FIRST, STYLE_SEIREKI) == "2026年4月1日"
    assert format_date(APRIL_FIRST, english=True) == "R8.4.1 (2026-04-01)"


def test_form_field_accepts_wareki_and_reports_errors_in_japanese() -> None:
    field = JapaneseDateField()
    assert field.clean("R8.4.1") == APRIL_FIRST
    with pytest.raises(Exception, match="日付として読めません"):
        field.clean("来週の火曜")
