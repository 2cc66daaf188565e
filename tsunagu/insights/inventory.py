"""庁内事業の棚卸し as a spreadsheet: every section fills in its programmes (課, 事業名, 目的, 対象,
機能, 財源, 予算, 担当, 連絡先), the 主管課 imports the workbook, and exports it again to share.

The import is all or nothing: a row with a problem and nothing is imported, the report names each
row and column and what to fix. A programme is the same one when its 年度, 課 and 事業名 are; a
changed value is a correction, the earlier one kept."""

import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.choices import Action
from tsunagu.audit.services import record_event
from tsunagu.core.calendar import fiscal_year_start
from tsunagu.core.documents import Sheet
from tsunagu.insights.choices import Function, Funding, TargetGroup
from tsunagu.insights.models import Program
from tsunagu.insights.services import (
    correct_program,
    lead_section_organization,
    record_program,
)
from tsunagu.resources.opendata import Problem

#: The spreadsheet's words for the codes (what a section types in a cell).
WORDS: dict[str, dict[str, str]] = {
    "functions": {
        "consultation": "相談",
        "place": "居場所",
        "work": "就労",
        "transport": "移動",
        "housing": "住まい",
        "watching": "見守り",
        "food": "食",
        "money": "経済的支援",
        "learning": "学習",
        "care": "介護・医療",
        "information": "情報提供",
        "volunteers": "担い手育成",
        "community": "地域活動",
    },
    "targets": {
        "everyone": "住民全般",
        "elderly": "高齢者",
        "disability": "障害者",
        "children": "子ども",
        "parents": "子育て世帯",
        "youth": "若者",
        "hardship": "生活困窮者",
        "foreign": "外国人住民",
        "businesses": "事業者・団体",
    },
    "funding": {
        "general": "一般財源",
        "national": "国庫補助",
        "prefecture": "都道府県補助",
        "jusou": "重層的支援体制整備事業交付金",
        "care_insurance": "介護保険",
        "fund": "基金",
        "other": "その他",
    },
}
CHOICES = {"functions": Function, "targets": TargetGroup, "funding": Funding}

#: The columns, in the order of the sheet: (header, field).
COLUMNS = [
    ("年度", "fiscal_year"),
    ("課", "section"),
    ("事業名", "name"),
    ("目的", "purpose"),
    ("対象", "target"),
    ("対象区分", "targets"),
    ("機能", "functions"),
    ("財源", "funding"),
    ("予算（千円）", "budget"),
    ("担当", "staff"),
    ("連絡先", "contact"),
    ("実施中", "is_active"),
]
REQUIRED = {"section", "name"}
#: Other headers a section may have used for the same column.
ALIASES = {
    "事業": "name",
    "所管課": "section",
    "担当課": "section",
    "部署": "section",
    "事業の目的": "purpose",
    "対象者": "target",
    "予算額（千円）": "budget",
    "予算額": "budget",
    "予算": "budget",
    "担当者": "staff",
    "電話": "contact",
    "問い合わせ先": "contact",
}
_SPLIT = re.compile(r"[、・,，/／;；\s]+")
YES = {"○", "〇", "はい", "実施中", "yes", "true", "1", "実施"}
NO = {"×", "いいえ", "廃止", "終了", "休止", "no", "false", "0"}
MAX_PROBLEMS = 50


def _plain(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def words(field_name: str, codes: Iterable[str]) -> str:
    return "・".join(WORDS[field_name].get(code, code) for code in codes)


def program_sheet(programs: Iterable[Program]) -> Sheet:
    """The inventory as a sheet, in the columns the import reads."""
    return Sheet(
        "庁内事業",
        [header for header, _field in COLUMNS],
        [
            [
                p.fiscal_year,
                p.section,
                p.name,
                p.purpose,
                p.target,
                words("targets", p.targets),
                words("functions", p.functions),
                words("funding", p.funding),
                p.budget,
                p.staff,
                p.contact,
                "○" if p.is_active else "×",
            ]
            for p in programs
        ],
    )


@dataclass
class InventoryReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0

    @property
    def imported(self) -> bool:
        return not self.problems and self.rows > 0

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        else:
            self.more_problems += 1


def _codes(field_name: str, text: str) -> tuple[list[str], list[str]]:
    """A cell's codes (by the sheet's word, the code, or the interface's label) and the words
    that are none."""
    by_word = {word: code for code, word in WORDS[field_name].items()}
    by_word |= {_plain(label): code for code, label in CHOICES[field_name].choices}
    by_word |= {code: code for code in WORDS[field_name]}
    if field_name == "functions":
        by_word |= {"介護": "care", "医療": "care"}
    found: list[tuple[int, str]] = []
    # Whole words first, the longest first: some hold a separator (事業者・団体, 介護・医療).
    rest = _plain(text)
    for word in sorted(by_word, key=len, reverse=True):
        while word and (at := rest.find(word)) >= 0:
            found.append((at, by_word[word]))
            rest = rest[:at] + " " * len(word) + rest[at + len(word) :]
    unknown = [part for part in _SPLIT.split(rest) if part]
    return list(dict.fromkeys(code for _at, code in sorted(found))), unknown


def _row_values(
    cells: list[Any], columns: dict[int, str], number: int, report: InventoryReport, year: int
) -> dict[str, Any] | None:
    header = {f: h for h, f in COLUMNS}
    values: dict[str, Any] = {"fiscal_year": year}
    before = len(report.problems) + report.more_problems
    for index, name in columns.items():
        raw = cells[index] if index < len(cells) else None
        text = _plain(raw)
        if name == "fiscal_year":
            digits = re.sub(r"(年度|年)$", "", text)
            if not text:
                continue
            if not isinstance(raw, bool) and (isinstance(raw, int | float) or digits.isdigit()):
                values[name] = int(raw) if isinstance(raw, int | float) else int(digits)
            else:
                report.add(number, header[name], _("Give the fiscal year as 2026."))
        elif name == "budget":
            if text:
                amount = text.replace(",", "").removesuffix("千円").removesuffix("千")
                try:
                    values[name] = round(float(amount))
                    if values[name] < 0:
                        report.add(number, header[name], _("A budget is not below zero."))
                except (ValueError, OverflowError):
                    report.add(
                        number,
                        header[name],
                        _("“%(text)s” is not an amount in thousand yen.") % {"text": text},
                    )
        elif name in CHOICES:
            codes, unknown = _codes(name, text)
            if unknown:
                report.add(
                    number,
                    header[name],
                    _("“%(words)s” is not one of: %(known)s")
                    % {"words": "、".join(unknown), "known": "、".join(WORDS[name].values())},
                )
            values[name] = codes
        elif name == "is_active":
            if text and text.lower() not in YES | NO:
                report.add(number, header[name], _("Write ○ for running, × for ended."))
            values[name] = not text or text.lower() in YES
        else:
            values[name] = text
    for name in REQUIRED:
        if not values.get(name):
            report.add(number, header[name], _("This cell is empty."))
    return values if len(report.problems) + report.more_problems == before else None


def import_programs(
    *, actor: User, stream: IO[bytes], source_name: str = "", fiscal_year: int | None = None
) -> InventoryReport:
    """Read a workbook of programmes into the inventory: all rows or none."""
    from openpyxl import load_workbook

    lead_section_organization(actor)  # the 主管課 keeps the inventory (403 before reading)
    report = InventoryReport()
    year = fiscal_year or fiscal_year_start().year
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        report.add(
            0,
            "",
            _("This is not an Excel workbook (.xlsx). Save the sheet as .xlsx and try again."),
        )
        return report
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    known = {_plain(h): f for h, f in [*COLUMNS, *ALIASES.items()]}
    columns = {i: known[_plain(h)] for i, h in enumerate(first) if _plain(h) in known}
    for name in REQUIRED - set(columns.values()):
        header = next(h for h, f in COLUMNS if f == name)
        report.add(1, header, _("This column is required and the sheet has none like it."))
    if report.problems:
        return report
    seen: dict[tuple[int, str, str], int] = {}
    with transaction.atomic():
        for number, cells in enumerate(rows, start=2):
            if not any(_plain(c) for c in cells):
                continue
            report.rows += 1
            values = _row_values(list(cells), columns, number, report, year)
            if values is None:
                continue
            key = (values["fiscal_year"], values["section"], values["name"])
            if key in seen:
                report.add(
                    number,
                    "事業名",
                    _("The same programme as row %(row)s: one row per programme.")
                    % {"row": seen[key]},
                )
                continue
            seen[key] = number
            if report.problems:
                continue
            try:
                _save(actor, values, report)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    header = next((h for h, f in COLUMNS if f == name), "")
                    report.add(number, header, " ".join(messages))
        if report.problems or not report.rows:
            transaction.set_rollback(True)
        else:
            record_event(
                actor=actor,
                action=Action.IMPORT,
                object_type="insights.program",
                detail={
                    "file": source_name,
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                },
            )
    return report


def _save(actor: User, values: dict[str, Any], report: InventoryReport) -> None:
    existing = Program.objects.filter(
        fiscal_year=values["fiscal_year"], section=values["section"], name=values["name"]
    ).first()
    if existing is None:
        record_program(actor=actor, **values)
        report.created += 1
        return
    changes = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if not changes:
        report.unchanged += 1
        return
    correct_program(actor=actor, program=existing, reason=_("Imported from a workbook"), **changes)
    report.updated += 1
