"""
Sitemaps: an index (``/sitemap.xml``) over paged sitemaps of stories,
sections, tags and reporters, and a Google News sitemap of the last 48 hours
(``/news-sitemap.xml``). All stories come from ``published()``.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
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


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    limit = 5000
    changefreq = "daily"

    def items(self):
        used = TaggedArticle.objects.filter(content_object__in=Article.objects.published()).values("tag_id")
        return Tag.objects.filter(pk__in=used).order_by("name")

    def location(self, item):
        return reverse("articles:tag_detail", kwargs={"slug": item.slug})


class ReporterSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        visible = Byline.objects.filter(article__in=Article.objects.published()).values("reporter_id")
        return Reporter.objects.filter(pk__in=visible).order_by("name")


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
