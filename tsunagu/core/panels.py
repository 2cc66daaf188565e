"""The home page ("what needs me today") is made of panels that apps contribute.

An app registers its panels in `AppConfig.ready()`; the home page shows each panel whose roles
meet the user's. This keeps `core` free of imports from the apps it shows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """One box on the home page: its template, the roles it is for (empty: everyone signed in),
    and a function that returns its context."""

    key: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 100


_registry: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _registry[panel.key] = panel


def panels_for(request: HttpRequest, roles: Iterable[str]) -> list[tuple[Panel, dict[str, Any]]]:
    held = set(roles)
    chosen = [p for p in _registry.values() if not p.roles or p.roles & held]
    return [(panel, panel.context(request)) for panel in sorted(chosen, key=lambda p: p.order)]
