"""Keeping the search index up to date. Called by the services that write searchable text,
inside their transaction, so the index never disagrees with the records."""

import datetime as dt
from collections.abc import Iterable

from tsunagu.core.japanese import index_terms
from tsunagu.search import backends
from tsunagu.search.models import SearchDocument


def index_document(
    *,
    kind: str,
    object_id: int,
    case_id: int | None,
    title: str,
    content: str,
    organization_ids: Iterable[int],
    occurred_at: dt.datetime,
) -> SearchDocument:
    """Add or replace one text in the index, visible to `organization_ids`."""
    terms = " ".join(index_terms(content))
    visibility = backends.visibility_key(organization_ids)
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "case_id": case_id,
            "title": title[:200],
            "content": content,
            "terms": terms,
            "visibility": visibility,
            "occurred_at": occurred_at,
        },
    )
    backends.write(document.pk, terms, visibility)
    return document


def remove_document(*, kind: str, object_id: int) -> None:
    for document in SearchDocument.objects.filter(kind=kind, object_id=object_id):
        backends.delete(document.pk)
        document.delete()


def set_case_visibility(*, case_id: int, organization_ids: Iterable[int]) -> int:
    """When who may see a case changes, every indexed text of the case follows at once."""
    visibility = backends.visibility_key(organization_ids)
    documents = list(SearchDocument.objects.filter(case_id=case_id))
    for document in documents:
        document.visibility = visibility
        document.save(update_fields=["visibility"])
        backends.write(document.pk, document.terms, visibility)
    return len(documents)
