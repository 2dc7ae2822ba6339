"""
Public pages run a fixed number of SQL queries, whatever the number of
reporters, tags, READ links and update notes their stories have.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, ArticleUpdateFactory, RelatedLinkFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


def rich_story(size, section, tag_prefix):
    """A story with ``size`` reporters, tags, READ links and update notes."""
    story = ArticleFactory(
        published=True,
        section=section,
        body="".join(f"<p>Paragraph {i}.</p>" for i in range(12)),
        reporters=[ReporterFactory() for _ in range(size)],
        tag_names=[f"{tag_prefix}-{i}" for i in range(size)] + ["shared"],
    )
    for _ in range(size):
        RelatedLinkFactory(article=story, target__section=section)
        ArticleUpdateFactory(article=story)
    return story


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def small_and_large():
    section = SectionFactory(name="India")
    return rich_story(1, section, "small"), rich_story(8, section, "large")


# story, byline, tags, READ links (with their targets' visibility), update notes,
# related stories (ranked, then the winners read; SQLite first reads the
# newest in the section and the newest sharing a tag), nav sections, and the
# page cache's two look-ups of the next scheduled change.
STORY_PAGE_QUERIES = 10 if connection.vendor == "postgresql" else 12
LISTING_QUERIES = (
    9  # the home page on PostgreSQL: pinned, section ids, latest ids, stories, byline, tags, nav, 2 look-ahead
)


def test_story_page_queries_do_not_grow_with_its_parts(client, settings, small_and_large):
    # Both stories ask for automatic related stories, so both run the same queries.
    settings.NEWSROOM_RELATED_COUNT = 20
    small, large = small_and_large
    from django.core.cache import cache

    counts = []
    for story in (small, large):
        cache.clear()
        counts.append(queries_for(client, story.get_absolute_url()))
    assert counts[0] == counts[1] <= STORY_PAGE_QUERIES


def test_story_page_query_bound(client, small_and_large, django_assert_max_num_queries):
    for story in small_and_large:
        with django_assert_max_num_queries(STORY_PAGE_QUERIES):
            client.get(story.get_absolute_url())


@pytest.mark.parametrize("url", ["/", "/latest/", "/section/india/", "/tag/shared/"])
def test_listing_queries_do_not_grow_with_stories_parts(client, url, django_assert_max_num_queries):
    section = SectionFactory(name="India")
    rich_story(1, section, "one")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from django.core.cache import cache

    cache.clear()
    for n in range(6):
        rich_story(6, section, f"many{n}")
    with django_assert_max_num_queries(len(few)):
        client.get(url)
    assert len(few) <= LISTING_QUERIES


def test_reporter_page_queries_do_not_grow(client, django_assert_max_num_queries):
    section = SectionFactory(name="India")
    reporter = ReporterFactory(name="Asha Menon")
    ArticleFactory(published=True, section=section, reporters=[reporter], tag_names=["a"])
    with CaptureQueriesContext(connection) as few:
        client.get(reporter.get_absolute_url())
    from django.core.cache import cache

    cache.clear()
    for _ in range(10):
        ArticleFactory(
            published=True,
            section=section,
            reporters=[reporter, ReporterFactory(), ReporterFactory()],
            tag_names=["a", "b", "c", "d"],
        )
    with django_assert_max_num_queries(len(few)):
        client.get(reporter.get_absolute_url())


def test_cached_page_needs_no_queries(client, small_and_large, django_assert_max_num_queries):
    small, _ = small_and_large
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(0):
        assert client.get(small.get_absolute_url()).status_code == 200
