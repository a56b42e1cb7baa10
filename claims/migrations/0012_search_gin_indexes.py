"""PostgreSQL only: GIN indexes on the French and English documents of claims and articles, so search reads an
index instead of computing ``to_tsvector`` for every row (see factcheck.lib.pg_search_indexes)."""

from django.db import migrations

from factcheck.lib import pg_search_indexes

TABLES = {"claims_claim": ["text"], "claims_article": ["title", "body"]}


def forward(apps, schema_editor):
    pg_search_indexes.forward(schema_editor, TABLES)


def backward(apps, schema_editor):
    pg_search_indexes.backward(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_coded_reasons")]
    operations = [migrations.RunPython(forward, backward)]
