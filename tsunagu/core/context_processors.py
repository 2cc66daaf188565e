from typing import Any

from django.conf import settings
from django.http import HttpRequest


def tsunagu(request: HttpRequest) -> dict[str, Any]:
    """Values every page's frame shows: the municipality and whether this is the demo."""
    return {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, "DEMO": settings.DEMO}
