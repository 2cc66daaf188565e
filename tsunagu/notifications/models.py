"""お知らせ: what a user must learn of (a referral, an assignment, an escalation, an emergency
access), in the application and by e-mail when the deployment has a mail server."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    REFERRAL = "referral", _("Referral")
    ASSIGNMENT = "assignment", _("Assignment")
    ESCALATION = "escalation", _("Escalation")
    EMERGENCY_ACCESS = "emergency_access", _("Emergency access")
    CONSENT = "consent", _("Consent")
    MEETING = "meeting", _("Meeting")
    ROLE = "role", _("Role")
    ADVICE = "advice", _("Request for advice")  # 支援者支援


class Notification(models.Model):
    """One message to one user. It names no personal detail beyond what the recipient may
    see; the link leads to the page, which applies the access rule again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.message
