"""
Automatic related stories, to fill in when an editor picked few READ links.

Candidates share a tag with the story or are in its section; those sharing
more tags come first, then those in the same section, newest first. Three
queries, whatever the number of candidates: the newest ``CANDIDATES``
stories in the section and the newest of each of its tags (index range
scans, so a large archive costs the same as a small one), then those
candidates ranked, the shared-tag count being a correlated subquery, not a
query per story.
"""

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Article, TaggedArticle

CANDIDATES = 50


def newest_tagged(tag_ids, limit):
    """
    Ids of the newest ``limit`` stories carrying each tag.

    One range scan per tag, glued with UNION ALL where the database allows:
    ``tag_id IN (…) ORDER BY … LIMIT`` would read every story of a popular
    tag (tens of thousands on a large archive) to sort them.
    """
    newest_first = TaggedArticle.objects.order_by("-content_object_id").values_list("content_object_id", flat=True)
    if len(tag_ids) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [newest_first.filter(tag_id=tag_id)[:limit] for tag_id in tag_ids]
        return list(parts[0].union(*parts[1:], all=True))
    # SQLite cannot slice inside UNION; its archives are small.
    return list(newest_first.filter(tag_id__in=tag_ids)[:limit])


def related_count():
    return getattr(settings, "NEWSROOM_RELATED_COUNT", 3)


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
    shared_tags = (
        TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    visible = Article.objects.published()
    candidates = set(
        visible.filter(section_id=article.section_id)
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    if tag_ids:
        candidates.update(newest_tagged(tag_ids, CANDIDATES))
    candidates -= excluded
    return list(
        visible.filter(pk__in=candidates)
        .defer("body", "search_vector")
        .select_related("section")
        .annotate(
            shared_tags=Coalesce(Subquery(shared_tags, output_field=IntegerField()), Value(0)),
            same_section=Case(When(section_id=article.section_id, then=Value(1)), default=Value(0)),
        )
        .order_by("-shared_tags", "-same_section", "-first_published_at", "-pk")[:limit]
    )
