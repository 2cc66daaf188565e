"""Background work of notifications, run by `tsunagu worker`."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagu.notifications.models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification once. The mail says only that there is news and where: the
    content stays behind the sign-in."""
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("user")
    for note in pending:
        with translation.override(settings.LANGUAGE_CODE):
            link = f"{settings.SITE_URL}{note.url}" if note.url else settings.SITE_URL
            send_mail(
                subject=_("[Tsunagu] %(message)s") % {"message": note.message[:60]},
                message=_("%(message)s\n\nOpen Tsunagu to see it: %(link)s")
                % {"message": note.message, "link": link},
                from_email=None,
                recipient_list=[note.user.email],
            )
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
        sent += 1
    return sent
