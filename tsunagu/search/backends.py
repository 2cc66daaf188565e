"""The full-text index behind SearchDocument: SQLite FTS5 or a PostgreSQL tsvector.

Words are already normalized by SudachiPy, so neither database tokenizes Japanese itself:
FTS5 splits our space-separated tokens (unicode61, with '@' kept inside a token), and
PostgreSQL takes them verbatim (array_to_tsvector, quoted tsquery lexemes).

The visibility key is inside every token: a word is indexed once per organization that may see
the text, as ``介護@o12``. A search for 介護 by a worker of organization 12 then reads only the
entries of 介護 that organization 12 may see. With the key in a separate column the database
would intersect every match with the organization's whole list of documents, a cost that grows
with the city's records (DESIGN.md: a visibility filter joined after matching saves nothing).
"""

from collections.abc import Callable, Iterable, Sequence

from django.db import connection

FTS_TABLE = "search_fts"  # spelled out in the SQL below, which takes no table names as input

#: Relevance is ranked among the most recent matches only, and the count stops here: ranking
#: every match of a common word is what makes search slow as records grow, and a consultant
#: looks for recent notes first. Both keep the cost flat as the data grows.
RANKED_POOL = 500
COUNT_CAP = 1000


def visibility_token(organization_id: int) -> str:
    return f"o{organization_id}"


def visibility_key(organization_ids: Iterable[int]) -> str:
    """The organizations that may see a text, as stored: " o12 o15 "."""
    return " " + " ".join(visibility_token(o) for o in sorted(set(organization_ids))) + " "


def keyed_tokens(terms: str, visibility: str) -> str:
    """Every word joined with every organization that may see it: "介護@o12 介護@o15 …"."""
    words = dict.fromkeys(terms.split())
    keys = visibility.split()
    return " ".join(f"{word}@{key}" for key in keys for word in words)


def create_index(schema_editor) -> None:  # type: ignore[no-untyped-def]
    """Called from the migration: the index structure for this database."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(tokens, "
            "tokenize = \"unicode61 remove_diacritics 0 tokenchars '@'\")"
        )
    elif vendor == "postgresql":
        # A narrow table of its own: matching reads ~20 vectors per page instead of one wide
        # document row per page (4x faster on the benchmark city).
        schema_editor.execute(
            "CREATE TABLE search_vector (id bigint PRIMARY KEY, vector tsvector NOT NULL)"
        )
        schema_editor.execute("CREATE INDEX search_vector_idx ON search_vector USING GIN (vector)")


def drop_index(schema_editor) -> None:  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_vector")


#: PostgreSQL: every vector also carries the "age bucket" of its document (its id in blocks of
#: PG_BUCKET), so that a search reads the newest block first and stops once it has enough:
#: a GIN bitmap cannot be read newest-first, and ranking "the most recent matches" would
#: otherwise visit every match of a common word.
PG_BUCKET = 50_000

_PG_VECTOR_UPSERT = (
    "INSERT INTO search_vector (id, vector) SELECT id, array_to_tsvector(ARRAY("
    "SELECT word || '@' || key FROM unnest(string_to_array(terms, ' ')) AS word, "
    "unnest(string_to_array(btrim(visibility), ' ')) AS key "
    "WHERE word <> '' AND key <> '' "
    "UNION ALL SELECT '_b' || (id / %s)::text)) FROM search_searchdocument "
    "WHERE id = ANY(%s) ON CONFLICT (id) DO UPDATE SET vector = EXCLUDED.vector"
)


def pg_write_vectors(document_ids: list[int]) -> None:
    """(Re)build the tsvectors of these documents: PostgreSQL makes the keyed tokens itself
    from the stored words and visibility."""
    with connection.cursor() as cursor:
        cursor.execute(_PG_VECTOR_UPSERT, [PG_BUCKET, document_ids])


_PG_NEWEST = (
    "SELECT id, ts_rank(vector, %s::tsquery) FROM (SELECT id, vector FROM search_vector "
    "WHERE vector @@ %s::tsquery ORDER BY id DESC LIMIT %s) AS newest"
)
_PG_NEWEST_IN_BUCKET = (
    "SELECT id, ts_rank(vector, %s::tsquery) FROM (SELECT id, vector FROM search_vector "
    "WHERE vector @@ (%s::tsquery && %s::tsquery) ORDER BY id DESC LIMIT %s) AS newest"
)


def write(document_id: int, terms: str, visibility: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document_id])
            cursor.execute(
                "INSERT INTO search_fts (rowid, tokens) VALUES (%s, %s)",
                [document_id, keyed_tokens(terms, visibility)],
            )
        else:
            pg_write_vectors([document_id])


def delete(document_id: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [document_id])
        else:
            cursor.execute("DELETE FROM search_vector WHERE id = %s", [document_id])


def _expression(
    parts: list[list[list[str]]],
    keys: list[str],
    quote: Callable[[str], str],
    both: str,
    either: str,
) -> str:
    """For each organization: every part matches (any alternative, all of its words); any
    organization will do."""
    per_key = []
    for key in keys:
        groups = []
        for alternatives in parts:
            options = [
                f" {both} ".join(quote(f"{word}@{key}") for word in words) for words in alternatives
            ]
            groups.append("(" + f" {either} ".join(f"({option})" for option in options) + ")")
        per_key.append("(" + f" {both} ".join(groups) + ")")
    return f" {either} ".join(per_key)


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _ts_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def match(
    parts: list[list[list[str]]], organization_ids: Sequence[int], limit: int, offset: int = 0
) -> tuple[list[tuple[int, float]], int]:
    """Document ids matching every part, visible to one of the organizations, best first among
    the RANKED_POOL most recent; and the number of matches, counted up to COUNT_CAP."""
    if not parts or not organization_ids:
        return [], 0
    keys = [visibility_token(o) for o in sorted(set(organization_ids))]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = _expression(parts, keys, _fts_phrase, "AND", "OR")
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "LIMIT %s)",
                [expression, COUNT_CAP],
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                "SELECT rowid, bm25(search_fts) FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s",
                [expression, RANKED_POOL],
            )
            pool = [(row[0], -row[1]) for row in cursor.fetchall()]
        else:
            query = _expression(parts, keys, _ts_lexeme, "&", "|")
            # The capped count stops after COUNT_CAP rows of the bitmap: cheap either way.
            cursor.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_vector "
                "WHERE vector @@ %s::tsquery LIMIT %s) AS matches",
                [query, COUNT_CAP],
            )
            total = cursor.fetchone()[0]
            pool = []
            if total < COUNT_CAP:
                buckets: list[str | None] = [None]  # few matches: rank them all at once
            else:  # a common word: newest block of documents first, until the pool is full
                cursor.execute("SELECT max(id) FROM search_vector")
                newest = (cursor.fetchone()[0] or 0) // PG_BUCKET
                buckets = [f"'_b{b}'" for b in range(newest, -1, -1)]
            for bucket in buckets:
                if bucket is None:
                    cursor.execute(_PG_NEWEST, [query, query, RANKED_POOL])
                else:
                    cursor.execute(
                        _PG_NEWEST_IN_BUCKET, [query, query, bucket, RANKED_POOL - len(pool)]
                    )
                pool.extend((row[0], float(row[1])) for row in cursor.fetchall())
                if len(pool) >= RANKED_POOL:
                    break
    pool.sort(key=lambda hit: (-hit[1], -hit[0]))
    return pool[offset : offset + limit], total
