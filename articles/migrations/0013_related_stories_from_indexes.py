"""
Automatic related stories ranked from indexes alone (articles/related.py).

- ``article_visibility``: each story's id with the columns ``published()``
  and the ranking read. PostgreSQL only: SQLite has no INCLUDE, and its
  archives are small. It is not in the model's state, because Django would
  then warn on SQLite that the index cannot be built there.
- A tag row's story no longer has an index of its own: the (story, tag)
  unique constraint serves the same look-ups.
"""

from django.db import migrations, models

INDEX = models.Index(
    fields=["id"],
    include=["section", "first_published_at", "status", "expire_at", "trashed_at"],
    name="article_visibility",
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_published_at_copies"),
    ]

    operations = [
        migrations.RunPython(add_index, remove_index),
        migrations.AlterField(
            model_name="taggedarticle",
            name="content_object",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.CASCADE,
                related_name="tagged_items",
                to="articles.article",
            ),
        ),
    ]
