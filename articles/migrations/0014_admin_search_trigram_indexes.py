"""
The admin's story search by index (``ArticleAdmin.search_fields``).

Django's ``icontains`` compares ``UPPER(headline) LIKE UPPER('%word%')``,
which no b-tree can answer: at a million stories each search read the whole
table (0.7 to 1.6 s). Trigram indexes (PostgreSQL's ``pg_trgm``) on those
same expressions find the matching stories instead. PostgreSQL only, and not
in the model's state, as in 0013. ``pg_trgm`` is a trusted extension: the
database's owner may create it.
"""

from django.db import migrations

# The expressions must be the ones Django's icontains compiles, for the planner to match them.
FIELDS = ("headline", "slug")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for field in FIELDS:
            schema_editor.execute(
                f"CREATE INDEX article_{field}_trigram ON articles_article USING gin ((UPPER({field}::text)) gin_trgm_ops)"
            )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for field in FIELDS:
            schema_editor.execute(f"DROP INDEX article_{field}_trigram")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_related_stories_from_indexes"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes),
    ]
