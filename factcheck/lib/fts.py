"""SQLite full-text indexes (FTS5) kept in step with their tables by triggers, and kept there.

On SQLite, search over claims, articles and archived pages uses external-content FTS5 tables that
triggers keep in step with the rows (bulk writes included). SQLite cannot alter a column in place, so
an ``AlterField`` migration rebuilds the table (new table, copy, rename) and the rebuild silently
drops those triggers: from then on new and edited rows are never found. Rather than ask every later
migration to remember that, each app registers its indexes here and a ``post_migrate`` handler puts
back any index or trigger that is missing (and rebuilds the index from the rows). The migrations
that first created the indexes build their SQL with the same functions.

PostgreSQL needs none of this: its search runs on expressions of the rows themselves.
"""

from __future__ import annotations

from typing import Any

_INDEXES: dict[str, tuple[str, ...]] = {}
_TRIGGERS = ("ai", "ad", "au")


def register(table: str, columns: list[str] | tuple[str, ...]) -> None:
    """Declare that ``table`` has an FTS5 index over ``columns`` on SQLite."""
    _INDEXES[table] = tuple(columns)


def registered() -> dict[str, tuple[str, ...]]:
    return dict(_INDEXES)


def create_statements(table: str, columns: list[str] | tuple[str, ...]) -> list[str]:
    """The FTS5 table, its three triggers, and a rebuild from the rows that already exist."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in _TRIGGERS] + [f"DROP TABLE IF EXISTS {fts}"]


def _names(cursor: Any) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    return {row[0] for row in cursor.fetchall()}


def missing(connection: Any) -> list[str]:
    """Indexed tables whose FTS table exists but has lost a trigger (what a table rebuild does).

    A table whose FTS table does not exist yet is left alone: its migration has not run and will
    create it (a database migrated only part of the way)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        names = _names(cursor)
    triggers = {table: {f"{table}_fts_{s}" for s in _TRIGGERS} for table in _INDEXES}
    return sorted(table for table, parts in triggers.items() if f"{table}_fts" in names and not parts <= names)


def repair(connection: Any) -> list[str]:
    """Recreate and rebuild every incomplete index; returns the tables repaired."""
    tables = missing(connection)
    with connection.cursor() as cursor:
        for table in tables:
            for sql in drop_statements(table) + create_statements(table, _INDEXES[table]):
                cursor.execute(sql)
    return tables


def repair_after_migrate(sender: Any, using: str = "default", verbosity: int = 1, **_: Any) -> None:
    """``post_migrate`` handler: connected once by the claims app (it runs for every app)."""
    from django.db import connections

    repaired = repair(connections[using])
    if repaired and verbosity:
        print(f"  Rebuilt the full-text search index of {', '.join(repaired)} (a table rebuild had dropped it).")


def check_indexes(app_configs: Any = None, databases: Any = None, **_: Any) -> list[Any]:
    """System check (``manage.py check --database default``): a search index has lost a trigger.

    A warning, not an error: ``migrate`` runs the database checks first and must still run to repair it."""
    from django.core.checks import Warning
    from django.db import connections

    problems = []
    for alias in databases or []:
        for table in missing(connections[alias]):
            problems.append(
                Warning(
                    f"The full-text search index of {table} has lost its triggers (a table rebuild?): "
                    "new and edited rows are not found by search.",
                    hint="Run `python manage.py migrate`, which rebuilds it.",
                    id="factcheck.W010",
                )
            )
    return problems
