"""
READ links whose story did not exist yet.

An imported "READ: <headline>" line that matches no story is kept as a
*pending* link (no target, no outside address, the headline as ``title``).
Whenever a story is saved with a matching headline (compared by
``headline_key``: case, punctuation and spacing do not count), its pending
links are pointed at it. Visibility is not decided here: a link to a story
that is not public yet is simply not shown until it is (READ links are
rendered from ``Article.objects.published()``).
"""

from django.db.models import Count, F, Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from .headline_keys import headline_key
from .models import Article, RelatedLink


def pending_links():
    """READ links still waiting for their story, for the admin and reports."""
    return RelatedLink.objects.filter(target__isnull=True, url="").exclude(title="")


def articles_with_pending_links():
    return Article.objects.filter(read_links__in=pending_links()).distinct()


def with_pending_link_counts(queryset):
    """``queryset`` annotated with ``pending_read_links``: how many of each story's READ links wait for a story."""
    return queryset.annotate(
        pending_read_links=Count(
            "read_links", filter=Q(read_links__target__isnull=True, read_links__url="") & ~Q(read_links__title="")
        )
    )


def story_matching(headline, *, exclude=None):
    """The story a READ line means: same headline key, the latest published first."""
    key = headline_key(headline)
    if not key:
        return None
    candidates = Article.objects.outside_trash().filter(headline_key=key)
    if exclude is not None and exclude.pk:
        candidates = candidates.exclude(pk=exclude.pk)
    return candidates.order_by(F("first_published_at").desc(nulls_last=True), "-pk").first()


def pending_links_resolve(*, article):
    """Point the pending links that name ``article``'s headline at it; returns how many."""
    key = article.headline_key or headline_key(article.headline)
    if not key or article.trashed_at is not None:
        return 0
    # Pending links are few (they exist only until their story is written),
    # so comparing keys in Python is cheaper than a key column on every link.
    matches = [
        link.pk
        for link in pending_links().exclude(article=article).only("pk", "title")
        if headline_key(link.title) == key
    ]
    if not matches:
        return 0
    return RelatedLink.objects.filter(pk__in=matches, target__isnull=True).update(target=article)


@receiver(post_save, sender=Article, dispatch_uid="readlink_resolution")
def _resolve_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Workflow saves touch only status and times; only a new or re-headlined story can match.
    if raw or (update_fields is not None and "headline" not in update_fields):
        return
    pending_links_resolve(article=instance)
