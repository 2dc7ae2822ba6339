"""
Bylines and tags carry their story's first-published time (see
PUBLISHED_AT_COPIES in articles/models/bylines_and_tags.py). Existing rows are filled in here.

On PostgreSQL triggers keep the copies from now on: a byline or tag row
inserted without the time takes its story's, an updated row always takes its
story's, and a change of the story's time is copied to its rows. On SQLite
the same triggers are installed after every ``migrate`` and removed before
it (``articles/time_copies.py``): SQLite rebuilds a table to alter it, and a
trigger naming the table would make that rebuild fail.
"""

from django.db import migrations, models

POSTGRESQL = [
    (
        """
        CREATE FUNCTION articles_byline_copy_published_at() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' OR NEW.published_at IS NULL THEN
                SELECT first_published_at INTO NEW.published_at FROM articles_article WHERE id = NEW.article_id;
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER articles_byline_copy_published_at BEFORE INSERT OR UPDATE ON articles_byline
            FOR EACH ROW EXECUTE FUNCTION articles_byline_copy_published_at();

        CREATE FUNCTION articles_taggedarticle_copy_published_at() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' OR NEW.published_at IS NULL THEN
                SELECT first_published_at INTO NEW.published_at FROM articles_article WHERE id = NEW.content_object_id;
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER articles_taggedarticle_copy_published_at BEFORE INSERT OR UPDATE ON articles_taggedarticle
            FOR EACH ROW EXECUTE FUNCTION articles_taggedarticle_copy_published_at();

        CREATE FUNCTION articles_article_published_at_changed() RETURNS trigger AS $$
        BEGIN
            UPDATE articles_byline SET published_at = NEW.first_published_at WHERE article_id = NEW.id;
            UPDATE articles_taggedarticle SET published_at = NEW.first_published_at WHERE content_object_id = NEW.id;
            RETURN NULL;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER articles_article_published_at_changed AFTER UPDATE OF first_published_at ON articles_article
            FOR EACH ROW WHEN (OLD.first_published_at IS DISTINCT FROM NEW.first_published_at)
            EXECUTE FUNCTION articles_article_published_at_changed();
        """,
        """
        DROP TRIGGER articles_article_published_at_changed ON articles_article;
        DROP FUNCTION articles_article_published_at_changed();
        DROP TRIGGER articles_taggedarticle_copy_published_at ON articles_taggedarticle;
        DROP FUNCTION articles_taggedarticle_copy_published_at();
        DROP TRIGGER articles_byline_copy_published_at ON articles_byline;
        DROP FUNCTION articles_byline_copy_published_at();
        """,
    )
]

BACKFILL = [
    """UPDATE articles_byline SET published_at =
        (SELECT first_published_at FROM articles_article WHERE id = articles_byline.article_id)""",
    """UPDATE articles_taggedarticle SET published_at =
        (SELECT first_published_at FROM articles_article WHERE id = articles_taggedarticle.content_object_id)""",
]


def add_triggers(apps, schema_editor):
    for update in BACKFILL:
        schema_editor.execute(update)
    if schema_editor.connection.vendor == "postgresql":
        for create, _ in POSTGRESQL:
            schema_editor.execute(create)


def remove_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, drop in POSTGRESQL:
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_sitemap_month_index"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="taggedarticle",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(fields=["reporter", "-published_at"], name="byline_by_reporter_time"),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(fields=["tag", "-published_at"], name="tagged_article_by_tag_time"),
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
