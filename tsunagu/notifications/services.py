"""Sending お知らせ. In the application always; by e-mail too when the deployment has a mail
server (TSUNAGU_EMAIL_HOST), from a background task after the writing transaction commits."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.notifications.models import Notification


def notify(*, users: Iterable[User], kind: str, message: str, url: str = "") -> list[Notification]:
    """One notification per user (each once, the inactive skipped). The message must name no
    more than every recipient may see: a case number and organizations, not the person."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    notes = Notification.objects.bulk_create(
        Notification(user=user, kind=kind, message=message[:300], url=url)
        for user in recipients.values()
    )
    if notes and settings.NOTIFY_BY_EMAIL:
        from tsunagu.notifications.tasks import send_notification_emails

        ids = [note.pk for note in notes]
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return notes


def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
