"""
The page cache keys a page by the query parameters it depends on (cursors,
sitemap pages) and nothing else: tracking tags and junk share the plain
page's entry, so random query strings neither fill the cache nor bypass it.
"""

import pytest

from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_junk_query_strings_share_the_plain_pages_cache_entry(client):
    story = ArticleFactory(headline="Ferry timetable changes", published=True)
    assert "Ferry timetable changes" in client.get("/?utm_source=newsletter").content.decode()
    # Changed without telling the caches: only a page served from the cache still shows the old headline.
    Article.objects.filter(pk=story.pk).update(headline="Quietly changed headline")
    for junk in ["/", "/?utm_source=social", "/?x=" + "A" * 500, "/?q=anything&ref=1"]:
        assert "Ferry timetable changes" in client.get(junk).content.decode(), junk


def test_a_cursor_is_part_of_the_key(client):
    ArticleFactory.create_batch(3, published=True)
    first = client.get("/latest/")
    older = client.get("/latest/", {"before": "2000-01-01T00:00:00+00:00_1"})
    assert first.status_code == 200
    assert older.status_code in (200, 400)
    assert older.content != first.content
