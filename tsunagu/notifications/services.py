"""Sending お知らせ. In the application always; by e-mail too when the deployment has a mail
server (TSUNAGU_EMAIL_HOST), from a background task after the writing transaction commits."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.audit.services import record_text
from tsunagu.notifications.models import Notification

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def notify(
    *,
    users: Iterable[User],
    kind: str,
    message: "StrOrPromise",
    params: Mapping[str, Any] | None = None,
    url: str = "",
) -> list[Notification]:
    """One notification per user (each once, the inactive skipped). The message must name no
    more than every recipient may see: a case number and organizations, not the person. It is
    written in the installation's language (the message lazy, its labels lazy), whoever acted:
    a worker's English screen or the background worker must not send English to the town."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    text = record_text(message, params)
    notes = Notification.objects.bulk_create(
        Notification(user=user, kind=kind, message=text[:300], url=url)
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
