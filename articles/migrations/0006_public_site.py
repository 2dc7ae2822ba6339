import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def add_search_index_and_fill(apps, schema_editor):
    # The GIN index and the vectors exist only on PostgreSQL; SQLite searches by substring.
    if schema_editor.connection.vendor != "postgresql":
        return
    from articles.search import update_search_vectors

    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_search_vector ON articles_article USING gin (search_vector)"
    )
    update_search_vectors(using=schema_editor.connection.alias)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_scheduled_by_expiry_set_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.CreateModel(
            name="SlugRedirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("old_slug", models.SlugField(max_length=80, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "verbose_name": "old story address",
                "ordering": ["-created_at"],
            },
        ),
        migrations.RunPython(add_search_index_and_fill, drop_search_index, elidable=True),
    ]
