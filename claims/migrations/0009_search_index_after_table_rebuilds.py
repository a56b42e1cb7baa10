"""SQLite only: put the full-text search triggers back after the claims table was rebuilt.

SQLite cannot alter a column in place, so Django rebuilds the table (new table, copy, rename) for an
``AlterField``; the rebuild drops the triggers that keep ``claims_claim_fts`` in step (0005). This
recreates both indexes and their triggers and rebuilds them from the rows. A later migration that
alters a column of ``claims_claim`` or ``claims_article`` on SQLite must do the same.
"""

import importlib

from django.db import migrations

_fts = importlib.import_module("claims.migrations.0005_full_text_search")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _fts.SQLITE_BACKWARD + _fts.SQLITE_FORWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_merge_moderation_and_spans")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
