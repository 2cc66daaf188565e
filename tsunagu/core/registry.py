"""Registries: how a lower app uses what a higher app provides without importing it.

The apps are layered (STYLE.md, "Layout"; `make lint` checks it). Where a lower app must reach up
(a page that shows what higher apps know, the daily work, the search index), it offers a registry
and the higher app fills it in its `AppConfig.ready()`, as the home page's panels are registered
(`tsunagu.core.panels`).
"""

from collections.abc import Callable
from typing import Any


class Registry[T]:
    """Entries by key; registering a key again replaces its entry (ready() may run twice)."""

    def __init__(self) -> None:
        self._entries: dict[str, T] = {}

    def register(self, key: str, entry: T) -> None:
        self._entries[key] = entry

    def entries(self) -> list[T]:
        return list(self._entries.values())

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())


class Sections[U, S](Registry[Callable[[U, S], object]]):
    """What higher apps add to a page of a lower one: each entry reads, for the user, what it shows
    of the page's subject (a person, a household, a case), under its key in the template."""

    def context(self, user: U, subject: S) -> dict[str, Any]:
        return {key: read(user, subject) for key, read in self._entries.items()}
