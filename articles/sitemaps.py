"""
Sitemaps: an index (``/sitemap.xml``) over a sitemap per month of stories
and paged sitemaps of sections, tags and reporters, and a Google News
sitemap of the last 48 hours (``/news-sitemap.xml``). All stories come from
``published()``.

Stories are cut by month, not into numbered pages, so that nothing counts
the archive: the index finds each month's latest change with one index
probe, and a month's file is one index range scan. A month holds every story
first published in it; the protocol's 50,000-address limit would take more
than 1,600 stories a day.
"""

import html
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import CharField, DateTimeField, Exists, Func, Max, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Reporter

from .metadata import news_language
from .models import LAST_CHANGED, SITEMAP_MONTH, Article, Byline, Section, TaggedArticle


def story_months():
    """
    ``(month, last change)`` for every month with a visible story, newest
    first; ``month`` is the first day of the month in the newsroom's zone.
    """
    visible = Article.objects.published()
    oldest = visible.order_by("first_published_at").values_list("first_published_at", flat=True).first()
    if oldest is None:
        return []
    if connection.vendor == "postgresql":
        return _story_months_by_index(visible, oldest)
    months = visible.annotate(month=SITEMAP_MONTH).values("month").annotate(last_changed=Max(LAST_CHANGED))
    return [(row["month"], row["last_changed"]) for row in months.order_by("-month")]


def _story_months_by_index(visible, oldest):
    """
    One probe of ``article_by_sitemap_month`` per month since the oldest
    story. Grouping a million stories by month reads them all (a quarter of
    a second); a month's latest change is the first visible entry under it.
    """
    latest_in_month = (
        visible.annotate(month=SITEMAP_MONTH, last_changed=LAST_CHANGED)
        .filter(month=RawSQL("series.month", (), output_field=DateTimeField()))
        .order_by("-last_changed")
        .values("last_changed")[:1]
    )
    probe, params = latest_in_month.query.sql_with_params()
    first, last = (_month_start(when).replace(tzinfo=None) for when in (oldest, timezone.now()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT series.month, ({probe}) FROM generate_series(%s::timestamp, %s::timestamp, "  # noqa: S608 # nosec B608
            "interval '1 month') AS series(month) ORDER BY 1 DESC",
            [*params, first, last],
        )
        rows = cursor.fetchall()
    zone = timezone.get_current_timezone()
    return [(month.replace(tzinfo=zone), last_changed) for month, last_changed in rows if last_changed is not None]


def _month_start(when):
    return timezone.localtime(when).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _next_month(start):
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return start.replace(year=year, month=month)


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


def with_a_published_story(tags):
    """
    The ``tags`` that have a visible story.

    Each tag's rows are walked newest first, by the (tag, time) index,
    probing each row's story by primary key until one is visible: usually
    the first. As an EXISTS, PostgreSQL joined all 5.5 million tag rows to
    every published story instead, three seconds for each tag sitemap page
    at a million stories.
    """
    newest_visible = (
        TaggedArticle.objects.filter(Article.objects.published_condition(through="content_object"), tag=OuterRef("pk"))
        .order_by("-published_at")
        .values("content_object")[:1]
    )
    return tags.alias(newest_visible=Subquery(newest_visible)).filter(newest_visible__isnull=False)


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
        page_tags = Tag.objects.filter(pk__in=[t.pk for t in tags])
        shown = set(with_a_published_story(page_tags).values_list("pk", flat=True))
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
        visible = Byline.objects.filter(Article.objects.published_condition(through="article"), reporter=OuterRef("pk"))
        return Reporter.objects.filter(Exists(visible)).order_by("name")


SITEMAPS = {
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "reporters": ReporterSitemap,
}


def _site(request):
    return f"{request.scheme}://{get_current_site(request).domain}"


@x_robots_tag
def sitemap_index(request):
    """
    ``/sitemap.xml``: a file per month of stories, each with its latest
    change, then the section, tag and reporter sitemaps (Django's, paged).
    """
    site = _site(request)
    entries = [
        SitemapIndexItem(
            site + reverse("sitemap_stories", kwargs={"year": f"{month.year:04d}", "month": f"{month.month:02d}"}),
            last_changed,
        )
        for month, last_changed in story_months()
    ]
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = site + reverse("sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries.extend(
            SitemapIndexItem(f"{location}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


_SLUG_MARK = "slug-mark"


def _address_halves(request, url_name):
    """
    A page's full address, escaped for XML, before and after its slug.

    Story and tag slugs are ASCII letters, digits, hyphens and underscores
    (their URL patterns allow nothing else), so a sitemap writes each address
    as these two halves around the slug, escaped once, instead of a
    ``reverse()`` and an escape per page.
    """
    before, after = reverse(url_name, kwargs={"slug": _SLUG_MARK}).split(_SLUG_MARK)
    # Plain strings: Django's escape() returns safe strings, which an
    # f-string formats through a Python-level __str__, twice for each of the
    # thousands of entries of a month's file.
    return html.escape(_site(request) + before), html.escape(after)


class W3CTimeUTC(Func):
    """
    A time as the sitemap protocol's text in UTC ("2026-11-27T08:49:00+00:00"),
    written by the database: a month's file has thousands, and making each a
    Python datetime to format it again took a third of the page's time.
    """

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite keeps times as UTC text; "%%%%" reaches the database as "%".
        template = "strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%S+00:00', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _urlset_response(entries, *, namespaces=""):
    """A sitemap file around ``entries`` (each line of them ending in a newline)."""
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>\n{entries}</urlset>\n',
        content_type="application/xml",
    )


@x_robots_tag
def story_sitemap(request, year, month):
    """
    ``/sitemap-stories-2026-11.xml``: the visible stories first published in
    that month, newest first, with their last change.

    Written out directly rather than through Django's sitemap template: a
    month of a large archive lists thousands of stories, and the template
    (a model instance, ``reverse()`` and seven lookups per story) took about
    a third of a second for 5,000 of them.
    """
    try:
        start = datetime(int(year), int(month), 1, tzinfo=timezone.get_current_timezone())
        end = _next_month(start)
        # Months at the ends of the calendar (0001-01, 9999-12) cannot be
        # expressed in UTC, which is what the database compares in.
        start.astimezone(UTC), end.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise Http404("No such month.") from error
    stories = (
        Article.objects.published()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .annotate(last_changed=W3CTimeUTC(LAST_CHANGED))
        .order_by("-first_published_at", "-pk")
        .values_list("slug", "last_changed")
    )
    prefix, after = _address_halves(request, "articles:article_detail")
    lines = [f"<url><loc>{prefix}{slug}{after}</loc><lastmod>{changed}</lastmod></url>" for slug, changed in stories]
    if not lines:
        raise Http404("No stories that month.")
    return _urlset_response("\n".join(lines) + "\n")


NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_LIMIT = 1000


@x_robots_tag
def news_sitemap(request):
    """
    ``/news-sitemap.xml``, for Google News: the stories first published in
    the last 48 hours (at most 1,000), newest first, their tags as keywords.

    Written out directly, as the month files are: through Django's sitemap
    framework and template, the 535 stories of the bench archive's last two
    days took 130 ms, most of it building model instances.
    """
    # One page, as Django's sitemap view had it: any other ?p= is a 404, not
    # one more copy of the file in the page cache.
    if request.GET.get("p", "1") != "1":
        raise Http404("The news sitemap has one page.")
    since = timezone.now() - timedelta(hours=NEWS_SITEMAP_HOURS)
    stories = list(
        Article.objects.published()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "slug", "headline", "first_published_at", "updated_at")[:NEWS_SITEMAP_LIMIT]
    )
    keywords = defaultdict(list)
    tags = TaggedArticle.objects.filter(content_object_id__in=[story[0] for story in stories]).order_by("pk")
    for story_id, name in tags.values_list("content_object_id", "tag__name"):
        keywords[story_id].append(name)
    prefix, after = _address_halves(request, "articles:article_detail")
    publication = (
        f"<news:publication><news:name>{html.escape(settings.NEWSROOM_SITE_NAME)}</news:name>"
        f"<news:language>{news_language()}</news:language></news:publication>"
    )
    # What timezone.localtime() and escape() do, without looking up the
    # current zone, or wrapping the result as safe, twice per story.
    zone = timezone.get_current_timezone()
    entries = []
    for pk, slug, headline, published, updated in stories:
        names = keywords.get(pk)
        keyword_line = f"<news:keywords>{html.escape(', '.join(names))}</news:keywords>" if names else ""
        entries.append(
            f"<url>\n  <loc>{prefix}{slug}{after}</loc>\n"
            f"  <lastmod>{(updated or published).astimezone(zone).isoformat()}</lastmod>\n"
            f"  <news:news>\n    {publication}\n"
            f"    <news:publication_date>{published.astimezone(zone).isoformat()}</news:publication_date>\n"
            f"    <news:title>{html.escape(headline)}</news:title>\n"
            f"    {keyword_line}\n"
            "  </news:news>\n</url>\n"
        )
    return _urlset_response("".join(entries), namespaces=' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


@x_robots_tag
def tag_sitemap(request):
    """
    ``/sitemap-tags.xml?p=N``: a page of ``TagSitemap.limit`` tags, keeping
    those with a visible story (``VisibleTagPaginator``).

    Written out directly, as the month files are: Django's sitemap view and
    template took about 0.3 s for each page of 5,000 tags, a ``reverse()``
    and a template loop per tag. The file is the same.
    """
    sitemap = TagSitemap()
    number = request.GET.get("p", 1)
    try:
        page = sitemap.paginator.page(number)
    except InvalidPage as error:
        raise Http404(f"No page {number!r}.") from error
    prefix, after = _address_halves(request, "articles:tag_detail")
    entries = "".join(
        f"<url><loc>{prefix}{tag.slug}{after}</loc><changefreq>{sitemap.changefreq}</changefreq></url>"
        for tag in page.object_list
    )
    # The namespace Django's sitemap template declared, kept so the file is the same.
    return _urlset_response(entries + "\n", namespaces=' xmlns:xhtml="http://www.w3.org/1999/xhtml"')
