"""
Automatic related stories, to fill in when an editor picked few READ links.

Candidates share a tag with the story or are in its section; those sharing
more tags come first, then those in the same section, newest first.

The candidates are the newest ``CANDIDATES`` stories in the section and the
newest of each of the story's tags: index range scans, so a large archive
costs the same as a small one. They are ranked in the database, then only
the few winners are read in full. The ranking touches indexes alone (on
PostgreSQL: the covering ``article_visibility`` index of migration 0013 for
each candidate's visibility, section and time, and the (story, tag) unique
index for the shared-tag count), so an old story's first visit does not
read hundreds of cold story rows. Two queries on PostgreSQL, four on
SQLite, whatever the number of candidates.
"""

import functools

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from .models import Article, TaggedArticle

CANDIDATES = 50


def related_count():
    return getattr(settings, "NEWSROOM_RELATED_COUNT", 3)


def candidate_ids(article, tag_ids, visible):
    """
    The newest stories in ``article``'s section and the newest carrying each
    of ``tag_ids``: a subquery where the database allows, else a list.
    ``tag_id IN (…) ORDER BY … LIMIT`` would read every story of a popular
    tag (tens of thousands on a large archive) to sort them, so each tag is
    its own range scan.
    """
    in_section = visible.filter(section_id=article.section_id).order_by("-first_published_at").values("pk")
    if connection.vendor == "postgresql":
        if not tag_ids:
            return in_section[:CANDIDATES]
        section_sql, section_params = in_section[:CANDIDATES].query.sql_with_params()
        tagged_sql, tagged_params = newest_per_tag_sql()
        # Both halves are SQL Django compiled; every value is a parameter.
        return RawSQL(  # noqa: S611 # nosec B611
            f"({section_sql}) UNION ALL ({tagged_sql})", (*section_params, tag_ids, *tagged_params)
        )
    # SQLite has no LATERAL; its archives are small.
    ids = {row["pk"] for row in in_section[:CANDIDATES]}
    if tag_ids:
        newest_tagged = TaggedArticle.objects.filter(tag_id__in=tag_ids).order_by("-content_object_id")
        ids.update(newest_tagged.values_list("content_object_id", flat=True)[:CANDIDATES])
    return ids


@functools.cache
def newest_per_tag_sql():
    """
    SQL (and its parameters, after the array of tag ids it takes first) for
    the newest ``CANDIDATES`` stories of each tag: one index range scan per
    tag (LATERAL), compiled once per process instead of a query per tag.
    """
    wanted_tag = RawSQL("wanted.tag_id", (), output_field=IntegerField())
    newest = (
        TaggedArticle.objects.filter(tag_id=wanted_tag)
        .order_by("-content_object_id")
        .values("content_object_id")[:CANDIDATES]
    )
    sql, params = newest.query.sql_with_params()
    lateral = (
        f"SELECT newest.id FROM unnest(%s::integer[]) AS wanted(tag_id) CROSS JOIN LATERAL ({sql}) "  # noqa: S608 # nosec B608
        "AS newest(id)"
    )
    return lateral, params


def related_stories(article, *, tag_ids, exclude_ids=(), limit=None):
    """
    Up to ``limit`` visible stories related to ``article``.

    ``tag_ids`` are the story's tags (the caller has them prefetched);
    ``exclude_ids`` are stories already linked from it.
    """
    limit = related_count() if limit is None else limit
    if limit <= 0:
        return []
    tag_ids = list(tag_ids)
    excluded = {pk for pk in exclude_ids if pk is not None}
    if article.pk is not None:
        excluded.add(article.pk)
    # Count("*"), not the row id: the count then needs nothing outside the
    # (story, tag) index.
    shared_tags = (
        TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(n=Count("*"))
        .values("n")
    )
    visible = Article.objects.published()
    ranked = list(
        visible.filter(pk__in=candidate_ids(article, tag_ids, visible))
        .exclude(pk__in=excluded)
        .annotate(
            shared_tags=Coalesce(Subquery(shared_tags, output_field=IntegerField()), Value(0)),
            same_section=Case(When(section_id=article.section_id, then=Value(1)), default=Value(0)),
        )
        .order_by("-shared_tags", "-same_section", "-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ranked:
        return []
    # Filtered again: one may have been unpublished since it was ranked.
    stories = visible.defer("body", "search_vector").select_related("section").order_by().in_bulk(ranked)
    return [stories[pk] for pk in ranked if pk in stories]
