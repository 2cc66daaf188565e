from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagu.audit.services import run_chain_verification


class Command(BaseCommand):
    help = (
        "Link the audit rows written unchained, then check the audit log's hash chain; name "
        "every row edited or removed in the database."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = run_chain_verification(actor=None)
        if result.linked:
            self.stdout.write(f"linked {result.linked} event(s) written while the chain was busy")
        if result.unchained:
            self.stdout.write(
                f"{result.unchained} event(s) written during the check are not yet chained "
                "(the next check links them)"
            )
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result.checked} events"))
            return
        for problem in result.problems:
            self.stderr.write(f"BROKEN: {problem['message']}")
        raise CommandError(
            f"audit chain broken: {len(result.problems)} problem(s) in {result.checked} events"
        )
