"""
Server time and SQL queries per page type, measured in-process.

Run by bench/run.py in a child process whose environment selects the
benchmark database and disables the cache. Each page type is requested with
many different URLs (different stories, sections, tags, reporters, queries)
through Django's whole middleware stack; prints JSON.
"""

import gc
import json
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import os  # noqa: E402

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.listing import make_cursor  # noqa: E402
from articles.models import Article, Section  # noqa: E402
from articles.views import ArticleDetailView, story_context  # noqa: E402
from authors.models import Reporter  # noqa: E402

SEARCH_TERMS = ["budget", "council metro", "monsoon farmer", "heritage museum", "cricket stadium", "rupee"]


def sample_stories(n):
    bounds = Article.objects.published().aggregate(low=Min("pk"), high=Max("pk"))
    stories = []
    while len(stories) < n:
        pivot = random.randint(bounds["low"], bounds["high"])
        story = Article.objects.published().filter(pk__gte=pivot).order_by("pk").first()
        if story:
            stories.append(story)
    return stories


def deep_page_urls(sections):
    """Each section's listing from the story published about five years ago: deep in the archive."""
    five_years_ago = timezone.now() - timedelta(days=5 * 365)
    urls = []
    for section in sections:
        pivot = (
            Article.objects.published()
            .filter(section=section, first_published_at__lte=five_years_ago)
            .order_by("-first_published_at", "-pk")
            .first()
        )
        if pivot:
            urls.append(f"{section.get_absolute_url()}?before={make_cursor(pivot)}")
    return urls


def last_month_sitemap():
    """The story sitemap of last month: a whole month of stories."""
    last_month = timezone.localtime().replace(day=1) - timedelta(days=1)
    return f"/sitemap-stories-{last_month.year:04d}-{last_month.month:02d}.xml"


def url_sets(n):
    stories = sample_stories(n)
    sections = list(Section.objects.all())
    popular = list(Tag.objects.annotate(n=Count("articles_taggedarticle_items")).order_by("-n")[:10])
    tags = popular + random.sample(list(Tag.objects.values_list("pk", flat=True)[:5000]), 10)
    tags = [t if isinstance(t, Tag) else Tag.objects.get(pk=t) for t in tags]
    reporter_ids = list(Reporter.objects.values_list("pk", flat=True))
    reporters = Reporter.objects.filter(pk__in=random.sample(reporter_ids, min(n, len(reporter_ids))))
    pages = {
        "home": ["/"],
        "section page 1": [s.get_absolute_url() for s in sections],
        "section deep page": deep_page_urls(sections),
        "tag page": [f"/tag/{t.slug}/" for t in tags],
        "reporter page": [r.get_absolute_url() for r in reporters],
        "story page": [s.get_absolute_url() for s in stories],
        "search": [f"/search/?q={term}" for term in SEARCH_TERMS],
        "RSS feed": ["/feeds/rss/"],
        "sitemap index": ["/sitemap.xml"],
        "sitemap page": [last_month_sitemap()],
        "API story list": ["/api/stories"],
        # Beyond the list: each was once far slower at 1M than the pages above.
        "API story": [f"/api/stories/{s.slug}" for s in stories],
        "news sitemap": ["/news-sitemap.xml"],
        "tag sitemap page": [f"/sitemap-tags.xml?p={n}" for n in range(1, 5)],
    }
    return pages


class SQLTimer:
    """
    Wall time spent in the database driver's ``execute``, summed per request.
    ``CaptureQueriesContext`` rounds each query to the millisecond; a
    story page's queries take a fraction of one each.
    """

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def timed(call):
    """Run ``call()``: its result, wall time (ms), time in the driver (ms) and number of queries."""
    timer = SQLTimer()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        started = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - started
    return result, elapsed * 1000, timer.seconds * 1000, len(captured)


def summary(times, sql_times, queries, samples, example):
    times, sql_times = sorted(times), sorted(sql_times)
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95) - 1],
        "sql_p50_ms": statistics.median(sql_times),
        "queries": queries,
        "samples": samples,
        "example": example,
    }


def measure(client, urls, samples):
    times, sql_times, queries, statuses = [], [], 0, set()
    client.get(urls[0])  # warm-up: imports, template loading
    for i in range(samples):
        url = urls[i % len(urls)]
        response, elapsed, sql, count = timed(lambda url=url: client.get(url))
        statuses.add(response.status_code)
        times.append(elapsed)
        sql_times.append(sql)
        queries = max(queries, count)
    if statuses - {200}:
        return {"error": f"status {sorted(statuses)}", "example": urls[0]}
    return summary(times, sql_times, queries, samples, urls[0])


def measure_story_template(story_urls, samples):
    """
    The story page's template alone, rendered from contexts built beforehand
    by the story view's own code: the least the uncached story page can cost
    in Django's template engine, whatever its data costs.
    """
    factory = RequestFactory()
    template = get_template("articles/article_detail.html")
    contexts = []
    for url in story_urls:
        request = factory.get(url)
        view = ArticleDetailView()
        view.setup(request, **resolve(url).kwargs)
        contexts.append((request, {**story_context(request, view.get_object()), "preview": False}))
    template.render(contexts[0][1], contexts[0][0])  # warm-up: template loading
    times, sql_times, queries = [], [], 0
    for i in range(samples):
        request, context = contexts[i % len(contexts)]
        _html, elapsed, sql, count = timed(lambda request=request, context=context: template.render(context, request))
        times.append(elapsed)
        sql_times.append(sql)
        queries = max(queries, count)
    return summary(times, sql_times, queries, samples, story_urls[0])


def main():
    samples = int(sys.argv[1])
    random.seed(1)
    client = Client()
    pages = url_sets(samples)
    for urls in pages.values():
        client.get(urls[0])  # warm-up: imports, template loading
    # As in a server process (newsroom/wsgi.py), what is loaded by now is
    # frozen out of the garbage collector; here that includes this script's
    # own lists of stories and URLs, which a server would not hold.
    gc.collect()
    gc.freeze()
    results = {label: measure(client, urls, samples) for label, urls in pages.items()}
    results["story page: template alone"] = measure_story_template(pages["story page"], samples)
    editor = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "bench-admin", "bench@example.com", None
    )
    client.force_login(editor)
    results["admin story list"] = measure(client, [reverse("admin:articles_article_changelist")], max(10, samples // 4))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
