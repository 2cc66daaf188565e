from django import template

from tsunagu.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The header's count: read with the user at sign-in (AccountBackend), else counted here."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    counted = getattr(user, "unread_notifications", None)
    return unread_count(user) if counted is None else counted
