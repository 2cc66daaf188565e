"""The sign-in backend: e-mail and password as Django's ModelBackend, and the signed-in user of
each request loaded in one query with what every page reads."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery

from tsunagu.accounts.models import Membership, User
from tsunagu.notifications.models import Notification


def _unread_notifications() -> Subquery:
    unread = (
        Notification.objects.filter(user=OuterRef("user_id"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(unread)


class AccountBackend(ModelBackend):
    """ModelBackend, except that `get_user` (once per request) reads the user's active
    memberships, the user and the header's count of unread notifications in one query: roles are
    checked on every page, so loading them apart cost a second round trip on each."""

    def get_user(self, user_id: Any) -> User | None:
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user_id)
            .select_related("user", "organization")
            .annotate(unread_notifications=_unread_notifications())
        )
        if not memberships:
            return super().get_user(user_id)
        user = memberships[0].user
        if not self.user_can_authenticate(user):
            return None
        for membership in memberships:
            membership.user = user
        user.active_memberships = memberships
        user.unread_notifications = getattr(memberships[0], "unread_notifications", None) or 0
        return user
