"""全文検索の索引 (the search index), as the services that write searchable text see it.

The index is kept by `tsunagu.search`, near the top of the layers (its page reads cases); the
services below it (intake, cases, plans, and sharing when who may see a case changes) tell it
what changed through `search_index`, inside their transaction, so the index never disagrees with
the records. `tsunagu.search` registers its services here (SearchConfig.ready), so no app below
it imports it.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from tsunagu.core.registry import Registry


class SearchIndex(Protocol):
    """What an index offers: `tsunagu.search.services` is one. A case is typed loosely here (core
    names no app); the index reads its number, name and lead organization."""

    def index_document(
        self,
        *,
        kind: str,
        object_id: int,
        case_id: int | None,
        title: str,
        content: str,
        organization_ids: Iterable[int],
        occurred_at: dt.datetime,
        categories: int = ...,
    ) -> object: ...

    def index_case_text(
        self,
        *,
        kind: str,
        object_id: int,
        case: Any,
        content: str,
        categories: int,
        occurred_at: dt.datetime,
    ) -> object: ...

    def refresh_case_visibility(self, case: Any) -> object: ...


indexes: Registry[SearchIndex] = Registry()


class _EveryIndex:
    """Hands each change to every registered index."""

    def index_document(self, **document: Any) -> None:
        for index in indexes.entries():
            index.index_document(**document)

    def index_case_text(self, **text: Any) -> None:
        for index in indexes.entries():
            index.index_case_text(**text)

    def refresh_case_visibility(self, case: Any) -> None:
        for index in indexes.entries():
            index.refresh_case_visibility(case)


search_index: SearchIndex = _EveryIndex()
