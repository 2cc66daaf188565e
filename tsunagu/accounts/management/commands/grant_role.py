from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagu.accounts.choices import Role
from tsunagu.accounts.management import active_user
from tsunagu.accounts.models import Organization
from tsunagu.accounts.services import grant_role


class Command(BaseCommand):
    help = (
        "Give EMAIL the ROLE in ORGANIZATION at once, as the system (audited). For the first "
        "account administrator and managers of an installation: on the administration site, a "
        "role given to oneself or in another agency waits for that agency's manager."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("organization", help="The organization's exact name.")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--title", default="", help="Job title (職名).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = active_user(options["email"])
        organization = Organization.objects.filter(
            name=options["organization"].strip(), is_active=True
        ).first()
        if organization is None:
            raise CommandError(f"No active organization named {options['organization']}.")
        try:
            membership = grant_role(
                actor=None,
                user=user,
                organization=organization,
                role=options["role"],
                title=options["title"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{user.email}: {membership.get_role_display()} in {organization.name}.")
