"""Full-text search: unaccented French and English configurations on PostgreSQL, FTS5 tables on SQLite.

Each half runs only on its own database. The SQLite tables are external-content FTS5 indexes kept in
step with the claim and article rows by triggers (bulk writes included), rebuilt once here for the rows
that already exist.
"""

from django.db import migrations

from factcheck.lib import fts

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION fr_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'en_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION en_unaccent (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION en_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
      END IF;
    END
    $$;
    """,
]
PG_BACKWARD = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent", "DROP TEXT SEARCH CONFIGURATION IF EXISTS en_unaccent"]


# The SQL comes from factcheck.lib.fts, which also puts an index back after a table rebuild.
_fts_table = fts.create_statements
_drop = fts.drop_statements


SQLITE_FORWARD = _fts_table("claims_claim", ["text"]) + _fts_table("claims_article", ["title", "body"])
SQLITE_BACKWARD = _drop("claims_claim") + _drop("claims_article")


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = PG_FORWARD if vendor == "postgresql" else SQLITE_FORWARD if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = PG_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_reviewer_edits")]
    operations = [migrations.RunPython(forward, backward)]
