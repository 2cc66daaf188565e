"""tsunagu export_opendata FILE [--code 222127] [--town 焼津市]: the public directory as a
自治体標準 公共施設一覧 (正式版 columns, UTF-8 with a BOM): nothing the public may not see."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tsunagu.resources.opendata import facility_rows, write_csv
from tsunagu.resources.selectors import PUBLIC, listings


class Command(BaseCommand):
    help = (
        "Write the public directory as a 自治体標準 公共施設一覧 CSV (正式版 columns, UTF-8 with "
        "a BOM, CRLF): only public entries and fields; a confidential place by its municipality."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--code",
            default="",
            help="全国地方公共団体コード for entries that have none (6 digits).",
        )
        parser.add_argument("--town", default="", help="地方公共団体名 (e.g. 静岡県焼津市).")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"].strip()
        if code and not (code.isdigit() and len(code) in (5, 6)):
            raise CommandError(
                _("A local government code has 6 digits (5 without the check digit).")
            )
        entries = listings(PUBLIC)
        with options["file"].open("w", encoding="utf-8", newline="") as stream:
            write_csv(facility_rows(entries, code, options["town"].strip()), stream)
        self.stdout.write(
            _("%(n)s entries written to %(file)s.") % {"n": len(entries), "file": options["file"]}
        )
