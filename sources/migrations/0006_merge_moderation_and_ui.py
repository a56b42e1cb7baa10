"""Merge of the moderation and ui migrations; the SQLite search triggers of snapshots made again.

See claims 0006: a table SQLite rebuilds for a new column loses its triggers, whatever order the branches ran in.
"""

import importlib

from django.db import migrations

_merge = importlib.import_module("claims.migrations.0006_merge_moderation_and_ui")


def forward(apps, schema_editor):
    _merge.remake_triggers(schema_editor, {"sources_snapshot": ["title", "extracted_text"]})


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_merge_moderation_and_ui"),
        ("sources", "0004_article_import"),
        ("sources", "0005_editor_moderation_permissions"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
