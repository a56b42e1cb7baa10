"""Merge of the moderation and ui migrations, and the SQLite search triggers made again.

On SQLite, adding moderation's columns (claims 0003) rebuilds the claim table when it runs after the full-text
search (claims 0005), and a rebuilt table loses its triggers, so the FTS5 index would stop following the rows.
The triggers are made again here (whatever order the two branches ran in) and the index rebuilt. Any later
migration that rebuilds these tables on SQLite must do the same.
"""

import importlib

from django.db import migrations

_fts = importlib.import_module("claims.migrations.0005_full_text_search")

TABLES = {"claims_claim": ["text"], "claims_article": ["title", "body"]}


def remake_triggers(schema_editor, tables):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns in tables.items():
        for sql in _fts._drop(table)[:3]:  # the triggers only; the FTS5 table and its rows stay
            schema_editor.execute(sql)
        for sql in _fts._fts_table(table, columns)[1:]:  # the triggers, then 'rebuild'
            schema_editor.execute(sql)


def forward(apps, schema_editor):
    remake_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_soft_delete_flags_withdrawal"),
        ("claims", "0005_full_text_search"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
