"""tsunagu import_opendata FILE… [--dry-run] [--dataset KIND]: 自治体標準オープンデータ into the
directory, each file all or nothing, with a report of what was understood."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tsunagu.resources.opendata import DATASETS
from tsunagu.resources.services import ImportReport, import_opendata


class Command(BaseCommand):
    help = (
        "Import 自治体標準オープンデータセット CSVs (公共施設一覧, 介護サービス事業所一覧, 医療機関一覧, "
        "子育て施設一覧, AED設置箇所一覧, イベント一覧; 正式版 or 推奨データセット headers; UTF-8 or "
        "CP932) into the resource directory. Each file is imported whole or not at all; a second "
        "import of a file updates what the first made. Exits 1 when a file was not imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; change nothing."
        )
        parser.add_argument(
            "--dataset",
            choices=sorted(DATASETS),
            help="The dataset, where its headers do not tell (default: recognized).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = []
        for path in options["files"]:
            if not path.is_file():
                self.stderr.write(_("%(file)s: no such file") % {"file": path})
                failed.append(path)
                continue
            size = path.stat().st_size or 1
            with path.open("rb") as stream:

                def progress(rows: int, stream: Any = stream, size: int = size) -> None:
                    if rows % 250 == 0 and sys.stderr.isatty():
                        done = min(100, stream.tell() * 100 // size)
                        bar = "#" * (done // 4)
                        self.stderr.write(f"\r[{bar:<25}] {done:3d}%  {rows:,}", ending="")

                report = import_opendata(
                    actor=None,
                    stream=stream,
                    dataset=options["dataset"],
                    dry_run=options["dry_run"],
                    source_name=path.name,
                    progress=progress,
                )
            if sys.stderr.isatty():
                self.stderr.write("\r" + " " * 45 + "\r", ending="")
            self._report(path, report)
            if report.problems or not report.rows:
                failed.append(path)
        if failed:
            raise CommandError(
                _("Not imported: %(files)s") % {"files": ", ".join(str(p) for p in failed)}
            )

    def _report(self, path: Path, report: ImportReport) -> None:
        self.stdout.write(f"== {path.name}: {report.dataset_label}")
        for header, name in report.understood:
            self.stdout.write(f"   {header} → {name}")
        if report.ignored:
            self.stdout.write(
                _("   not used: %(headers)s") % {"headers": "、".join(report.ignored)}
            )
        counts = _("%(rows)s rows; %(created)s new, %(updated)s updated") % {
            "rows": f"{report.rows:,}",
            "created": f"{report.created:,}",
            "updated": f"{report.updated:,}",
        }
        for problem in report.problems:
            self.stdout.write(f"   ✗ {problem}")
        if report.more_problems:
            self.stdout.write(_("   … and %(n)s more problems") % {"n": report.more_problems})
        if report.problems:
            self.stdout.write(_("   Nothing was imported. Fix the rows above and import again."))
        elif report.dry_run:
            self.stdout.write(_("   Dry run: %(counts)s would be imported.") % {"counts": counts})
        elif report.rows:
            self.stdout.write(_("   Imported: %(counts)s.") % {"counts": counts})
        else:
            self.stdout.write(_("   The file has no rows."))
