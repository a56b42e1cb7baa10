"""On SQLite, search keeps working after a migration rebuilds a table and drops its triggers.

Runs ``manage.py`` in a subprocess on a throwaway SQLite database (the embedded default), whatever
database the suite itself uses.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _manage(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATABASE_URL=f"sqlite:///{db}", VAR_DIR=str(db.parent), DJANGO_SETTINGS_MODULE="factcheck.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def _found(db: Path, word: str) -> list[int]:
    with sqlite3.connect(db) as conn:
        return [
            r[0] for r in conn.execute("SELECT rowid FROM claims_article_fts WHERE claims_article_fts MATCH ?", (word,))
        ]


def test_migrate_puts_back_the_search_triggers_a_table_rebuild_dropped(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    done = _manage(db, "migrate", "--noinput")
    assert done.returncode == 0, done.stderr
    made = _manage(
        db,
        "shell",
        "-c",
        "from claims.models import Article; "
        "print(Article.objects.create(title='Port', body='Le port de Brest', language='fr').pk)",
    )
    assert made.returncode == 0, made.stderr
    article = int(made.stdout.strip().splitlines()[-1])
    assert _found(db, "Brest") == [article]
    with sqlite3.connect(db) as conn:
        # What SQLite's table rebuild (AlterField) does to the triggers:
        for suffix in ("ai", "ad", "au"):
            conn.execute(f"DROP TRIGGER claims_article_fts_{suffix}")
        conn.execute("UPDATE claims_article SET body = 'Le port de Lorient' WHERE id = ?", (article,))
    assert _found(db, "Lorient") == []  # the index no longer follows the rows

    checked = _manage(db, "check", "--database", "default", "--fail-level", "WARNING")
    assert checked.returncode != 0 and "factcheck.W010" in checked.stderr + checked.stdout

    again = _manage(db, "migrate", "--noinput")
    assert again.returncode == 0, again.stderr
    assert "Rebuilt the full-text search index of claims_article" in again.stdout
    assert _found(db, "Lorient") == [article]  # rebuilt from the rows
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE claims_article SET body = 'Le port de Concarneau' WHERE id = ?", (article,))
    assert _found(db, "Concarneau") == [article]  # and the triggers follow the rows again
    assert _found(db, "Lorient") == []
    assert _manage(db, "check", "--database", "default", "--fail-level", "WARNING").returncode == 0
