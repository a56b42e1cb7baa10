"""The GIN indexes behind PostgreSQL search, for the migrations of claims (0012) and sources (0009).

Each index is on the exact expression ``factcheck.lib.textsearch.pg_match`` filters on: ``to_tsvector`` with a
constant configuration (``fr_unaccent`` or ``en_unaccent``) over the searched columns, as Django writes it
(``COALESCE(col, '')::text`` joined by ``' '``). Change one and the other must follow, or search falls back to a
sequential scan (``tests/claims/test_search_index.py`` runs ``EXPLAIN`` to catch that).
"""

from __future__ import annotations

from typing import Any

CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}


def index_name(table: str, lang: str) -> str:
    return f"{table}_fts_{lang}"


def create_sql(table: str, columns: list[str]) -> list[str]:
    # ``::text`` as Django writes it for a varchar column (a no-op PostgreSQL drops for a text one).
    document = " || ' ' || ".join(f"COALESCE({column}, '')::text" for column in columns)
    return [
        f"CREATE INDEX IF NOT EXISTS {index_name(table, lang)} ON {table} "
        f"USING gin (to_tsvector('{config}'::regconfig, {document}))"
        for lang, config in CONFIGS.items()
    ]


def drop_sql(table: str) -> list[str]:
    return [f"DROP INDEX IF EXISTS {index_name(table, lang)}" for lang in CONFIGS]


def forward(schema_editor: Any, tables: dict[str, list[str]]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches its FTS5 tables
    for table, columns in tables.items():
        for sql in create_sql(table, columns):
            schema_editor.execute(sql)


def backward(schema_editor: Any, tables: dict[str, list[str]]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in tables:
        for sql in drop_sql(table):
            schema_editor.execute(sql)
