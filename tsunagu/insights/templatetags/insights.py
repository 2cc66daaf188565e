"""Tags of the policy pages."""

from django import template

from tsunagu.insights.models import Program

register = template.Library()


@register.filter
def program_labels(program: Program, field: str) -> str:
    """A programme's functions, target groups or funding, in words (相談・居場所)."""
    return "・".join(program.labels(field))
