"""PostgreSQL only: GIN indexes on the French and English documents of archived pages (title and text), the
expressions sources.selectors.search_sources matches on (see factcheck.lib.pg_search_indexes)."""

from django.db import migrations

from factcheck.lib import pg_search_indexes

TABLES = {"sources_snapshot": ["title", "extracted_text"]}


def forward(apps, schema_editor):
    pg_search_indexes.forward(schema_editor, TABLES)


def backward(apps, schema_editor):
    pg_search_indexes.backward(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("sources", "0008_coded_errors_data"), ("claims", "0005_full_text_search")]
    operations = [migrations.RunPython(forward, backward)]
