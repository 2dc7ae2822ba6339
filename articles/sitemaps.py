"""
Sitemaps: an index (``/sitemap.xml``) over paged sitemaps of stories,
sections, tags and reporters, and a Google News sitemap of the last 48 hours
(``/news-sitemap.xml``). All stories come from ``published()``.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Reporter

from .models import Article, Byline, Section, TaggedArticle


class StorySitemap(Sitemap):
    limit = 5000
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "first_published_at", "updated_at")
            .order_by("-first_published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at or item.first_published_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not a walk over every story (Django's default).
        latest = Max(Coalesce("updated_at", "first_published_at"))
        return Article.objects.published().aggregate(latest=latest)["latest"]


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class VisibleTagPaginator(Paginator):
    """
    Pages over every tag, each page keeping only the tags with a visible story.

    Counting the tags that have a visible story means probing every tag (four
    seconds at a million stories) on each load of the sitemap index; counting
    all tags is cheap. A page may hold fewer than ``limit`` tags, and a tag of
    embargoed stories only is never named.
    """

    def _get_page(self, object_list, number, paginator):
        tags = list(object_list)
        visible = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=Article.objects.published())
        shown = set(
            Tag.objects.filter(pk__in=[t.pk for t in tags]).filter(Exists(visible)).values_list("pk", flat=True)
        )
        return super()._get_page([t for t in tags if t.pk in shown], number, paginator)


class TagSitemap(Sitemap):
    limit = 5000
    changefreq = "daily"

    def items(self):
        return Tag.objects.order_by("name", "pk")

    @property
    def paginator(self):
        return VisibleTagPaginator(self._items(), self.limit)

    def location(self, item):
        return reverse("articles:tag_detail", kwargs={"slug": item.slug})


class ReporterSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        visible = Byline.objects.filter(reporter=OuterRef("pk"), article__in=Article.objects.published())
        return Reporter.objects.filter(Exists(visible)).order_by("name")


class NewsSitemap(Sitemap):
    """Google News: stories first published in the last 48 hours (at most 1,000)."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(hours=48)
        return (
            Article.objects.published()
            .filter(first_published_at__gte=since)
            .select_related("section")
            .prefetch_related("tags")
            .order_by("-first_published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at or item.first_published_at


SITEMAPS = {
    "articles": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "reporters": ReporterSitemap,
}
