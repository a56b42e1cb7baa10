"""Full-text search over archived pages (title and extracted text): FTS5 on SQLite.

On PostgreSQL the search uses the unaccented configurations created by claims 0005 and needs no table.
"""

from django.db import migrations

from factcheck.lib import fts


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in fts.create_statements("sources_snapshot", ["title", "extracted_text"]):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in fts.drop_statements("sources_snapshot"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_translatable_labels"), ("claims", "0005_full_text_search")]
    operations = [migrations.RunPython(forward, backward)]
