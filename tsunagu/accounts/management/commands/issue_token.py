from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagu.accounts.models import User
from tsunagu.accounts.services import issue_api_token


class Command(BaseCommand):
    help = "Issue a personal API token for EMAIL and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active account with the e-mail address {options['email']}.")
        token, raw = issue_api_token(actor=None, user=user, name=options["name"])
        self.stderr.write(f"Token {token.prefix}… for {user.email}. It is shown only now:")
        self.stdout.write(raw)
