"""Printable documents: A4 PDF through WeasyPrint, Excel through openpyxl.

PDF text is set in IPAex fonts (Debian's fonts-ipaexfont), found through fontconfig: nothing is
fetched at run time, and no slow fallback to a large CJK font is needed.
"""

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from tsunagu.core.wareki import STYLE_SEIREKI, STYLE_WAREKI

#: Excel's own formats: a date shows in 和暦 (令和8年4月1日) or 西暦 as the user chose, and stays a
#: date (sortable, countable); a rate shows as a percentage.
EXCEL_DATE = {
    STYLE_WAREKI: '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"',
    STYLE_SEIREKI: 'yyyy"年"m"月"d"日"',
}


class Percent(NamedTuple):
    """A rate (0.333) that a sheet shows as 33.3%."""

    value: float


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "printed_at": timezone.now()}, request=request)
    pdf: bytes = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return pdf


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


class Sheet(NamedTuple):
    """One sheet of a workbook: a bold, frozen header row and the rows under it."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


def xlsx_book(sheets: Iterable[Sheet], date_style: str = STYLE_WAREKI) -> bytes:
    """A workbook of `sheets`, columns wide enough for Japanese text; dates are date cells in
    the reader's 和暦 or 西暦, a Percent a percentage, None an empty cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    first = workbook.active
    for n, (title, header, rows) in enumerate(sheets):
        sheet = first if n == 0 and first is not None else workbook.create_sheet()
        sheet.title = title[:31]
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) * 2 + 2 for h in header]
        for row in rows:
            values = list(row)
            sheet.append([v.value if isinstance(v, Percent) else v for v in values])
            widths += [4] * (len(values) - len(widths))
            for i, value in enumerate(values):
                cell = sheet.cell(row=sheet.max_row, column=i + 1)
                if isinstance(value, Percent):
                    cell.number_format = "0.0%"
                elif isinstance(value, dt.date):
                    cell.number_format = EXCEL_DATE.get(date_style, EXCEL_DATE[STYLE_WAREKI])
                    value = "令和00年00月00日"  # the width it shows at
                widths[i] = min(60, max(widths[i], len(str(value or "")) * 2 + 2))
        for i, width in enumerate(widths):
            sheet.column_dimensions[sheet.cell(row=1, column=i + 1).column_letter].width = width
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def xlsx_response(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filename: str,
    date_style: str = STYLE_WAREKI,
) -> HttpResponse:
    """A workbook of one sheet, as a download."""
    return xlsx_download(xlsx_book([Sheet(title, header, rows)], date_style), filename)
