"""
SQLite's triggers for the copies of a story's time on its bylines and tags
(PUBLISHED_AT_COPIES in models; PostgreSQL's are made by migration 0012).

SQLite alters a table by building a new one and renaming it, and a trigger
that names a table missing for that moment makes the rename fail. So the
triggers are removed before every ``migrate`` and put back after it, and the
copies are then checked and mended, in case a migration wrote to them.
"""

from django.db import connections

# A byline or tag row whose copy differs from its story's time (inserted
# without it, or rewritten by a save of the row) is set to the story's.
_ROW_TRIGGER = """
    CREATE TRIGGER IF NOT EXISTS {table}_copy_published_at_on_{event} AFTER {event} ON {table}
    WHEN NEW.published_at IS NOT (SELECT first_published_at FROM articles_article WHERE id = NEW.{story})
    BEGIN
        UPDATE {table} SET published_at = (SELECT first_published_at FROM articles_article WHERE id = NEW.{story})
        WHERE id = NEW.id;
    END
"""
TRIGGERS = {
    f"{table}_copy_published_at_on_{event}": _ROW_TRIGGER.format(table=table, event=event, story=story)
    for table, story in [("articles_byline", "article_id"), ("articles_taggedarticle", "content_object_id")]
    for event in ("insert", "update")
}
# A change of a story's time is copied to its rows.
TRIGGERS["articles_article_published_at_changed"] = """
    CREATE TRIGGER IF NOT EXISTS articles_article_published_at_changed
    AFTER UPDATE OF first_published_at ON articles_article
    WHEN OLD.first_published_at IS NOT NEW.first_published_at
    BEGIN
        UPDATE articles_byline SET published_at = NEW.first_published_at WHERE article_id = NEW.id;
        UPDATE articles_taggedarticle SET published_at = NEW.first_published_at WHERE content_object_id = NEW.id;
    END
"""
REPAIRS = [
    """UPDATE articles_byline SET published_at =
        (SELECT first_published_at FROM articles_article WHERE id = articles_byline.article_id)
    WHERE published_at IS NOT
        (SELECT first_published_at FROM articles_article WHERE id = articles_byline.article_id)""",
    """UPDATE articles_taggedarticle SET published_at =
        (SELECT first_published_at FROM articles_article WHERE id = articles_taggedarticle.content_object_id)
    WHERE published_at IS NOT
        (SELECT first_published_at FROM articles_article WHERE id = articles_taggedarticle.content_object_id)""",
]


def _has_copies(connection):
    """Whether migration 0012 is in (the copy columns exist)."""
    with connection.cursor() as cursor:
        if "articles_byline" not in connection.introspection.table_names(cursor):
            return False
        columns = connection.introspection.get_table_description(cursor, "articles_byline")
    return any(column.name == "published_at" for column in columns)


def remove_triggers(using="default", **kwargs):
    """``pre_migrate``: out of the way of table rebuilds."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_triggers(using="default", **kwargs):
    """``post_migrate``: the triggers back, and any copy a migration left wrong mended."""
    connection = connections[using]
    if connection.vendor != "sqlite" or not _has_copies(connection):
        return
    with connection.cursor() as cursor:
        for create in TRIGGERS.values():
            cursor.execute(create)
        for repair in REPAIRS:
            cursor.execute(repair)
