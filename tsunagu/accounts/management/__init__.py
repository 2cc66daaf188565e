"""What the accounts commands share."""

from django.core.management.base import CommandError

from tsunagu.accounts.models import User


def active_user(email: str) -> User:
    """The active account with this e-mail address, or the command stops saying so."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise CommandError(f"No active account with the e-mail address {email}.")
    return user
