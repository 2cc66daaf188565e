"""The search's evaluation set through the real index (SQLite FTS5 and PostgreSQL alike):
recall of at least 97 % and no false hit. `make bench` prints the same figures."""

import pytest
from django.utils import timezone

from tests.search.recall_set import RECALL_SET, measure
from tsunagu.core.japanese import query_alternatives
from tsunagu.search import backends
from tsunagu.search.selectors import synonym_table
from tsunagu.search.services import index_document


@pytest.fixture
def indexed(cast):  # type: ignore[no-untyped-def]
    organization = cast.lead_consultant.primary_organization
    documents = {
        index_document(
            kind="note",
            object_id=number,
            case_id=None,
            title="",
            content=note,
            organization_ids=[organization.pk],
            occurred_at=timezone.now(),
        ).pk: number
        for number, (note, _found, _not_found) in enumerate(RECALL_SET)
    }
    return documents, organization.pk


def test_the_evaluation_set_is_found_and_nothing_else(indexed) -> None:  # type: ignore[no-untyped-def]
    documents, organization = indexed
    synonyms = synonym_table()

    def search(query: str) -> set[int]:
        hits, _total = backends.match(query_alternatives(query, synonyms), [organization], 200)
        return {documents[doc_id] for doc_id, _score in hits}

    score = measure(search)
    print(
        f"recall {score.recall:.1%} ({score.found}/{score.wanted}), "
        f"precision {score.precision:.1%}, false hits {len(score.false_hits)}"
    )
    assert not score.false_hits, score.false_hits
    assert score.recall >= 0.97, score.misses


def test_a_synonym_the_administrator_adds_is_found_at_once(indexed, cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """No re-indexing: the town's own abbreviation works from the next search."""
    from tsunagu.search.models import Synonym
    from tsunagu.search.selectors import search_for_user

    documents, _organization = indexed
    assert not search_for_user(user=cast.lead_consultant, query="のぞみ園").hits
    Synonym.objects.create(terms="のぞみ園 就労継続支援B型")
    found = search_for_user(user=cast.lead_consultant, query="のぞみ園").hits
    assert {documents[h.document.pk] for h in found} >= {31, 32}
