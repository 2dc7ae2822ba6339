"""
RSS and Atom feeds: site-wide, per section, per tag and per reporter.

Each feed is an RSS class with an Atom twin; all start from ``published()``
and fetch the byline and tags for every item in a fixed number of queries.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from taggit.models import Tag

from authors.models import Reporter

from .models import Article, Section
from .templatetags.newsroom import join_names

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    description_template = None

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: latest stories"

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return f"The latest stories from {settings.NEWSROOM_SITE_NAME}."

    # What the feed sorts by: reporter and tag feeds use the copy on their
    # byline or tag rows, which an index gives in order (as their pages do).
    time = "first_published_at"

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).with_byline().order_by(f"-{self.time}", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers render a description (RSS) or summary (Atom, type="html") as
        # HTML, and the standfirst is plain text: escape it, or a "<script>"
        # typed into a standfirst would run in someone's feed reader.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at or item.first_published_at

    def item_author_name(self, item):
        return join_names(item.reporters) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags_in_order]

    def item_guid(self, item):
        return f"{settings.NEWSROOM_SITE_URL.rstrip('/')}/stories/{item.pk}"

    item_guid_is_permalink = False


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"The latest {obj.name} stories."

    def stories(self, obj):
        return Article.objects.published().filter(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description


class TagFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: stories tagged {obj.name}"

    def link(self, obj=None):
        from django.urls import reverse

        return reverse("articles:tag_detail", kwargs={"slug": obj.slug})

    def description(self, obj=None):
        return f"The latest stories tagged {obj.name}."

    time = "listed_at"

    def stories(self, obj):
        return Article.objects.published().tagged(obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed
    subtitle = TagFeed.description


class ReporterFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Reporter, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: stories by {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"The latest stories by {obj.name}."

    time = "listed_at"

    def stories(self, obj):
        return Article.objects.published().by_reporter(obj)


class ReporterAtomFeed(ReporterFeed):
    feed_type = Atom1Feed
    subtitle = ReporterFeed.description
