"""
Automatic related stories, to fill in when an editor picked few READ links.

Candidates share a tag with the story or are in its section; those sharing
more tags come first, then those in the same section, newest first. One
query, whatever the number of candidates: the shared-tag count is a
correlated subquery, not a query per story.
"""

from django.conf import settings
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Article, TaggedArticle


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
    match = Q(section_id=article.section_id)
    if tag_ids:
        match |= Q(pk__in=TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id"))
    return list(
        Article.objects.published()
        .filter(match)
        .exclude(pk__in=excluded)
        .select_related("section")
        .annotate(
            shared_tags=Coalesce(Subquery(shared_tags, output_field=IntegerField()), Value(0)),
            same_section=Case(When(section_id=article.section_id, then=Value(1)), default=Value(0)),
        )
        .order_by("-shared_tags", "-same_section", "-first_published_at", "-pk")[:limit]
    )
