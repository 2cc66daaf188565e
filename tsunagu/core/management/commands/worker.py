from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run background tasks (reminders, escalations, checks) from the database queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is queued, then stop (for cron or tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_options: dict[str, Any] = {"verbosity": options["verbosity"]}
        if options["batch"]:
            worker_options.update(batch=True, startup_delay=False)
        call_command("db_worker", **worker_options)
