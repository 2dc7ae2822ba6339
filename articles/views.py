from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import F, IntegerField, Prefetch, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from . import search as story_search
from .images import lead_image_renditions
from .listing import paginate, refuse_page_numbers
from .metadata import story_metadata
from .models import Article, Byline, RelatedLink, Section, SlugRedirect
from .readlinks import story_segments
from .related import related_count, related_stories


def feed_links(*pairs):
    """``<link rel="alternate">`` entries: (title, RSS URL name, Atom URL name, kwargs)."""
    links = []
    for title, rss_name, atom_name, kwargs in pairs:
        links.append(
            {"title": f"{title} (RSS)", "type": "application/rss+xml", "href": reverse(rss_name, kwargs=kwargs)}
        )
        links.append(
            {"title": f"{title} (Atom)", "type": "application/atom+xml", "href": reverse(atom_name, kwargs=kwargs)}
        )
    return links


def site_feeds():
    return feed_links((f"{settings.NEWSROOM_SITE_NAME}: latest stories", "articles:feed_rss", "articles:feed_atom", {}))


def attach_card_parts(stories):
    """
    Give each listed story what its card shows beyond its own row and
    section: ``renditions`` (stored on the row: no query once made) and
    ``byline_names``, the byline in order, for all the stories in one query.

    Names, not a byline prefetch: a card links no reporter, and building
    byline and reporter objects, with the filter Django's prefetch builds
    for each story, cost a tenth of the home page.
    """
    names = defaultdict(list)
    bylines = Byline.objects.filter(article__in=[story.pk for story in stories]).order_by("article", "position", "pk")
    for article_id, name in bylines.values_list("article", "reporter__name"):
        names[article_id].append(name)
    for story in stories:
        story.renditions = lead_image_renditions(story)
        story.byline_names = names[story.pk]


class PublishedArticleMixin:
    """Every public view starts from the one visibility rule."""

    per_page = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class StoryListView(PublishedArticleMixin, ListView):
    """A newest-first listing, cut into pages by cursor (see ``articles.listing``)."""

    # What the listing sorts and cuts pages by (see ``articles.listing.paginate``).
    time = "first_published_at"

    def get_context_data(self, **kwargs):
        page = paginate(self.object_list, self.request.GET, per_page=self.per_page, time=self.time)
        attach_card_parts(page.object_list)
        return super().get_context_data(
            object_list=page.object_list, cursor_page=page, feeds=self.get_feeds(), **kwargs
        )

    def get_feeds(self):
        return site_feeds()


class HomeView(PublishedArticleMixin, ListView):
    """Stories editors pinned (by ``top_story_position``), then the latest in each section."""

    template_name = "articles/home.html"
    top_story_count = 5

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(top_story_position__isnull=False)
            .order_by("top_story_position", "-first_published_at")[: self.top_story_count]
        )

    def get_context_data(self, **kwargs):
        refuse_page_numbers(self.request.GET)
        top_stories = list(self.object_list)
        per_section = getattr(settings, "NEWSROOM_HOME_STORIES_PER_SECTION", 4)
        ids = latest_ids_by_section(per_section, exclude=[story.pk for story in top_stories])
        stories = Article.objects.filter(pk__in=ids).for_listing().order_by("-first_published_at", "-pk")
        by_section = {}
        for story in stories:
            by_section.setdefault(story.section, []).append(story)
        sections = sorted(by_section.items(), key=lambda item: (item[0].position, item[0].name))
        attach_card_parts([*top_stories, *(story for _, stories in sections for story in stories)])
        return super().get_context_data(top_stories=top_stories, section_blocks=sections, feeds=site_feeds(), **kwargs)


def latest_ids_by_section(per_section, *, exclude=()):
    """Ids of the newest ``per_section`` visible stories of every section, in one query."""
    visible = Article.objects.published().exclude(pk__in=exclude)
    if connection.vendor == "postgresql":
        # One index range scan per section (LATERAL), from one compiled query:
        # a UNION of a query per section cost more to build than to run.
        newest = (
            visible.filter(section_id=RawSQL("section.id", (), output_field=IntegerField()))
            .order_by("-first_published_at", "-pk")
            .values("pk")[:per_section]
        )
        sql, params = newest.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT newest.id FROM {Section._meta.db_table} AS section "  # noqa: S608 # nosec B608
                f"CROSS JOIN LATERAL ({sql}) AS newest(id)",
                params,
            )
            return [pk for (pk,) in cursor.fetchall()]
    ranked = visible.annotate(
        rank=Window(
            RowNumber(), partition_by=F("section_id"), order_by=[F("first_published_at").desc(), F("pk").desc()]
        )
    )
    return list(ranked.filter(rank__lte=per_section).values_list("pk", flat=True))


class SectionView(StoryListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, current_section=self.section, **kwargs)

    def get_feeds(self):
        slug = {"slug": self.section.slug}
        return feed_links(
            (f"{self.section.name} stories", "articles:section_feed_rss", "articles:section_feed_atom", slug)
        )


class TagView(StoryListView):
    template_name = "articles/tag_detail.html"
    time = "listed_at"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_feeds(self):
        slug = {"slug": self.tag.slug}
        return feed_links((f"Stories tagged {self.tag.name}", "articles:tag_feed_rss", "articles:tag_feed_atom", slug))


def story_context(request, article):
    """
    Everything the story template shows besides the article's own fields.

    Works for a saved story (using what the detail view prefetched, or
    querying) and for an unsaved preview object (no relations yet).
    """
    saved = article.pk is not None
    prefetched = getattr(article, "_prefetched_objects_cache", {})
    if not saved:
        reporters, tags, links, notes = [], [], [], []
    else:
        reporters = article.reporters
        tags = article.tags_in_order
        if "read_links" in prefetched:
            links = list(article.read_links.all())
        else:
            links = list(RelatedLink.objects.visible().in_order().filter(article=article))
        notes = list(article.update_notes.all())
    ad_after = getattr(settings, "NEWSROOM_AD_SLOTS_AFTER", [3, 8])
    segments, leftover = story_segments(article.body, links, ad_after)
    wanted = related_count() - len(links)
    related = []
    if wanted > 0 and article.section_id:
        related = related_stories(
            article,
            tag_ids=[tag.pk for tag in tags],
            exclude_ids=[link.target_id for link in links],
            limit=wanted,
        )
    renditions = lead_image_renditions(article)
    return {
        "article": article,
        "current_section": article.section if article.section_id else None,
        "reporters": reporters,
        "tags": tags,
        "segments": segments,
        "more_links": leftover,
        "related": related,
        "update_notes": notes,
        "renditions": renditions,
        "meta": story_metadata(request, article, reporters=reporters, tags=tags, renditions=renditions),
        "feeds": site_feeds()
        + (
            feed_links(
                (
                    f"{article.section.name} stories",
                    "articles:section_feed_rss",
                    "articles:section_feed_atom",
                    {"slug": article.section.slug},
                )
            )
            if article.section_id
            else []
        ),
    }


def render_story(request, article, *, preview=False):
    """
    The story page for ``article``, exactly as readers see it.

    The public story view and previews (admin and signed share links) both
    render through here, so a preview can never drift from the real page.
    ``preview`` marks the page not-for-indexing and keeps it out of caches.
    """
    context = story_context(request, article)
    response = render(request, "articles/article_detail.html", {**context, "preview": preview})
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


class ArticleDetailView(PublishedArticleMixin, DetailView):
    def get_queryset(self):
        return (
            Article.objects.published()
            .with_byline()
            .defer("search_vector")
            .prefetch_related(Prefetch("read_links", queryset=RelatedLink.objects.visible().in_order()), "update_notes")
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # A story's old address answers 301 to its current one.
            moved = (
                SlugRedirect.objects.filter(old_slug=kwargs["slug"], article__in=Article.objects.published())
                .select_related("article")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())
        return render_story(request, self.object)


def search(request):
    """``/search/?q=``: ranked results on PostgreSQL, substring matches on SQLite."""
    query = story_search.clean_query(request.GET.get("q", ""))
    page = None
    if query:
        from django.core.paginator import Paginator

        paginator = Paginator(story_search.search_articles(query), settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        for story in page.object_list:
            story.snippet = story_search.snippet_html(getattr(story, "snippet_text", "")) or story.standfirst
    # PostgreSQL ranks only the newest matches: at that cap there are likely more.
    more = page is not None and getattr(page.paginator.object_list, "capped", False)
    context = {"query": query, "page_obj": page, "more_than_ranked": more, "feeds": site_feeds()}
    response = render(request, "articles/search.html", context)
    patch_cache_control(response, public=True, max_age=60)
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
