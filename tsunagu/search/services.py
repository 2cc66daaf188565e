"""Keeping the search index up to date. Called by the services that write searchable text,
inside their transaction, so the index never disagrees with the records."""

import datetime as dt
from collections.abc import Iterable

from tsunagu.cases.models import Case
from tsunagu.core.japanese import index_terms
from tsunagu.search import backends
from tsunagu.search.models import SearchDocument
from tsunagu.sharing.access import search_visibility
from tsunagu.sharing.choices import CASE_RECORD_CATEGORIES


def index_document(
    *,
    kind: str,
    object_id: int,
    case_id: int | None,
    title: str,
    content: str,
    organization_ids: Iterable[int],
    occurred_at: dt.datetime,
    categories: int = CASE_RECORD_CATEGORIES,
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
            "categories": categories,
            "occurred_at": occurred_at,
        },
    )
    backends.write(document.pk, terms, visibility)
    return document


def remove_document(*, kind: str, object_id: int) -> None:
    for document in SearchDocument.objects.filter(kind=kind, object_id=object_id):
        backends.delete(document.pk)
        document.delete()


def index_case_text(
    *,
    kind: str,
    object_id: int,
    case: Case,
    content: str,
    categories: int,
    occurred_at: dt.datetime,
) -> SearchDocument:
    """Index a text of a case: found by the lead organization, and by those whose consent
    grants cover every category the text carries."""
    return index_document(
        kind=kind,
        object_id=object_id,
        case_id=case.pk,
        title=case.display_name,
        content=content,
        organization_ids=search_visibility(case, categories),
        occurred_at=occurred_at,
        categories=categories,
    )


def refresh_case_visibility(case: Case) -> int:
    """When who may see a case changes (a consent, a withdrawal, a team change, an expiry),
    every indexed text of the case follows at once."""
    by_categories: dict[int, str] = {}
    changed = 0
    for document in SearchDocument.objects.filter(case_id=case.pk):
        if document.categories not in by_categories:
            by_categories[document.categories] = backends.visibility_key(
                search_visibility(case, document.categories)
            )
        visibility = by_categories[document.categories]
        if visibility != document.visibility:
            document.visibility = visibility
            document.save(update_fields=["visibility"])
            backends.write(document.pk, document.terms, visibility)
            changed += 1
    return changed


def reindex(documents: Iterable[SearchDocument] | None = None) -> int:
    """Index again the words of every text (after the way words are made changed): each
    document's terms from its own content; visibility stays."""
    count = 0
    for document in documents if documents is not None else SearchDocument.objects.iterator():
        terms = " ".join(index_terms(document.content))
        if terms != document.terms:
            type(document).objects.filter(pk=document.pk).update(terms=terms)
            backends.write(document.pk, terms, document.visibility)
            count += 1
    return count
