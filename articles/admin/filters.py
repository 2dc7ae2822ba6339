"""The story list's filters: mine, by tag, by reporter."""

from django.contrib import admin
from django.db.models import Count
from taggit.models import Tag

from ..models import Article, Byline, TaggedArticle
from .access import stories_of


class MyStoriesFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "My stories")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(stories_of(request.user))
        return queryset


class TagFilter(admin.SimpleListFilter):
    """
    The tags most used in the latest stories (any tag via ``?tag=<slug>``).

    What the desk is writing about now, and a bounded query: counting every
    tag's uses over the whole archive reads millions of rows on each load.
    """

    title = "tag"
    parameter_name = "tag"
    recent_stories = 1000
    most = 25

    def lookups(self, request, model_admin):
        recent = Article.objects.order_by("-pk").values("pk")[: self.recent_stories]
        # Counted from the (story, tag) index alone, before any tag is read:
        # joining first would read all 20,000 tags for the ~5,000 tag rows.
        uses = dict(
            TaggedArticle.objects.filter(content_object__in=recent)
            .values("tag_id")
            .annotate(uses=Count("*"))
            .order_by("-uses", "tag_id")
            .values_list("tag_id", "uses")[: self.most]
        )
        popular = sorted(Tag.objects.filter(pk__in=uses), key=lambda tag: (-uses[tag.pk], tag.name))
        return [(tag.slug, tag.name) for tag in popular]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


class ReporterFilter(admin.SimpleListFilter):
    """
    The reporters with the most bylines in the latest stories, listed by name
    (any reporter via ``?reporter=<id>``): the desk's current names, not a
    list of hundreds.
    """

    title = "reporter"
    parameter_name = "reporter"
    recent_stories = 1000
    most = 50

    def lookups(self, request, model_admin):
        from authors.models import Reporter

        recent = Article.objects.order_by("-pk").values("pk")[: self.recent_stories]
        busiest = (
            Reporter.objects.active()
            .filter(bylines__article__in=recent)
            .annotate(recent_bylines=Count("bylines"))
            .order_by("-recent_bylines", "name")[: self.most]
        )
        reporters = sorted(busiest.values_list("pk", "name"), key=lambda reporter: reporter[1])
        return [(str(pk), name) for pk, name in reporters]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(pk__in=Byline.objects.filter(reporter_id=self.value()).values("article_id"))
        return queryset
