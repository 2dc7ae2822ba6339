"""
The sitemap index's per-month look-up (see ``SITEMAP_MONTH`` in models).

Built on PostgreSQL only: on SQLite the expression would call a function
Django registers per connection, so any other program writing to the file
(the ``sqlite3`` shell, a backup tool) would fail on it, and SQLite archives
are small enough to group without it.
"""

import django.db.models.functions.comparison
import django.db.models.functions.datetime
from django.db import migrations, models

INDEX = models.Index(
    django.db.models.functions.datetime.TruncMonth("first_published_at"),
    models.OrderBy(django.db.models.functions.comparison.Coalesce("updated_at", "first_published_at"), descending=True),
    name="article_by_sitemap_month",
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_lead_renditions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="article", index=INDEX)],
            database_operations=[migrations.RunPython(add_index, remove_index)],
        ),
    ]
