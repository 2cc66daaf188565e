from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tsunagu.accounts.management import active_user
from tsunagu.accounts.services import API_TOKEN_DAYS, API_TOKEN_MAX_DAYS, issue_api_token


class Command(BaseCommand):
    help = (
        "Issue a personal API token for EMAIL and print it once (only its hash is stored). "
        "The token expires after --days; a user whose role needs two-factor authentication "
        "must have set it up first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--read-only", action="store_true", help="The token reads (GET) and changes nothing."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=API_TOKEN_DAYS,
            help=f"Days until the token expires (default {API_TOKEN_DAYS}, "
            f"at most {API_TOKEN_MAX_DAYS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = active_user(options["email"])
        try:
            token, raw = issue_api_token(
                actor=None,
                user=user,
                name=options["name"],
                days=options["days"],
                read_only=options["read_only"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        assert token.expires_at is not None  # noqa: S101 - every token is issued with an expiry
        self.stderr.write(
            f"Token {token.prefix}… for {user.email}, valid until "
            f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}. It is shown only now:"
        )
        self.stdout.write(raw)
