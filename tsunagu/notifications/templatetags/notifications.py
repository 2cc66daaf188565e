from django import template

from tsunagu.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    user = context.get("user")
    return unread_count(user) if user is not None and user.is_authenticated else 0
