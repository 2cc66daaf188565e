"""The full-text index behind SearchDocument: SQLite FTS5 or PostgreSQL tsvector.

Words are already normalized by SudachiPy, so neither database tokenizes Japanese itself:
FTS5 splits our space-separated words (unicode61), and PostgreSQL takes them verbatim
(array_to_tsvector, quoted tsquery lexemes), bypassing its parser.
"""

from collections.abc import Sequence

from django.db import connection

FTS_TABLE = "search_fts"  # spelled out in the SQL below, which takes no table names as input


def visibility_token(organization_id: int) -> str:
    return f"o{organization_id}"


def create_index(schema_editor) -> None:  # type: ignore[no-untyped-def]
    """Called from the migration: the index structure for this database."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(terms, visibility, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN vector tsvector")
        schema_editor.execute(
            "CREATE INDEX search_document_vector_idx ON search_searchdocument USING GIN (vector)"
        )


def drop_index(schema_editor) -> None:  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector")


#: The tsvector is the stored words taken verbatim (no parser): terms and visibility tokens.
PG_VECTOR_UPDATE = (
    "UPDATE search_searchdocument SET vector = array_to_tsvector(array_remove("
    "regexp_split_to_array(terms || ' ' || visibility, '\\s+'), '')) "
)


def write(document_id: int, terms: str, visibility: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document_id])
            cursor.execute(
                "INSERT INTO search_fts (rowid, terms, visibility) VALUES (%s, %s, %s)",
                [document_id, terms, visibility],
            )
        else:
            cursor.execute(PG_VECTOR_UPDATE + "WHERE id = %s", [document_id])


def delete(document_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document_id])


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _ts_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


#: Relevance is ranked among the most recent matches only, and the count stops here: ranking
#: every match of a common word is what makes search slow as records grow (DESIGN.md), and a
#: consultant looks for recent notes first. Both keep the cost flat as the city's data grows.
RANKED_POOL = 500
COUNT_CAP = 1000


def match(
    parts: list[list[list[str]]], organization_ids: Sequence[int], limit: int, offset: int = 0
) -> tuple[list[tuple[int, float]], int]:
    """Document ids matching every part (any alternative of each), visible to one of the
    organizations, best first among the RANKED_POOL most recent; and the number of matches,
    counted up to COUNT_CAP."""
    if not parts or not organization_ids:
        return [], 0
    visible = [visibility_token(o) for o in organization_ids]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":

            def group(alternatives: list[list[str]]) -> str:
                return (
                    "("
                    + " OR ".join(
                        "(" + " AND ".join(_fts_phrase(w) for w in words) + ")"
                        for words in alternatives
                    )
                    + ")"
                )

            expression = "terms : (" + " AND ".join(group(p) for p in parts) + ")"
            expression += " AND visibility : (" + " OR ".join(_fts_phrase(v) for v in visible) + ")"
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "LIMIT %s)",
                [expression, COUNT_CAP],
            )
            total = cursor.fetchone()[0]
            # bm25 weights: relevance comes from the words, not from the visibility column.
            cursor.execute(
                "SELECT rowid, bm25(search_fts, 1.0, 0.0) FROM search_fts "
                "WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
                [expression, RANKED_POOL],
            )
            pool = [(row[0], -row[1]) for row in cursor.fetchall()]
        else:

            def ts_group(alternatives: list[list[str]]) -> str:
                return (
                    "("
                    + " | ".join(
                        "(" + " & ".join(_ts_lexeme(w) for w in words) + ")"
                        for words in alternatives
                    )
                    + ")"
                )

            query = " & ".join(ts_group(p) for p in parts)
            query += " & (" + " | ".join(_ts_lexeme(v) for v in visible) + ")"
            cursor.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_searchdocument "
                "WHERE vector @@ %s::tsquery LIMIT %s) AS matches",
                [query, COUNT_CAP],
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                "SELECT id, ts_rank(vector, %s::tsquery) FROM (SELECT id, vector FROM "
                "search_searchdocument WHERE vector @@ %s::tsquery ORDER BY id DESC LIMIT %s) "
                "AS recent",
                [query, query, RANKED_POOL],
            )
            pool = [(row[0], float(row[1])) for row in cursor.fetchall()]
    pool.sort(key=lambda hit: (-hit[1], -hit[0]))
    return pool[offset : offset + limit], total
