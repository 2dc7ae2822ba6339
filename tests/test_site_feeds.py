"""RSS and Atom feeds, site-wide and per section, tag and reporter, read by feedparser."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    india = SectionFactory(name="India")
    asha = ReporterFactory(name="Asha Menon")
    when = timezone.now() - timedelta(hours=2)
    visible = ArticleFactory(
        published=True,
        headline="Monsoon arrives early",
        standfirst="Forecasters expect a normal season.",
        section=india,
        reporters=[asha, ReporterFactory(name="Rohan Kulkarni")],
        tag_names=["monsoon", "weather"],
        first_published_at=when,
        updated_at=when,
    )
    hidden = [
        ArticleFactory(headline="Draft about the monsoon", section=india, reporters=[asha], tag_names=["monsoon"]),
        ArticleFactory(scheduled=True, headline="Scheduled monsoon story", section=india, tag_names=["monsoon"]),
    ]
    other = ArticleFactory(published=True, headline="Cricket final tonight", tag_names=["cricket"])
    return visible, hidden, other


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("url", "version", "content_type"),
    [("/feeds/rss/", "rss20", "application/rss+xml"), ("/feeds/atom/", "atom10", "application/atom+xml")],
)
def test_site_feed_lists_visible_stories_with_byline_and_tags(client, stories, url, version, content_type):
    visible, hidden, other = stories
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert titles == [other.headline, visible.headline]
    entry = feed.entries[1]
    assert entry.link.endswith(visible.get_absolute_url())
    assert entry.author == "Asha Menon and Rohan Kulkarni"
    assert {tag.term for tag in entry.tags} == {"monsoon", "weather"}
    assert "Forecasters expect a normal season." in entry.summary
    assert entry.published_parsed is not None


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_tag_and_reporter_feeds_hold_only_their_stories(client, stories, kind):
    visible, hidden, other = stories
    for url in ["/feeds/section/india/", "/feeds/tag/monsoon/", "/feeds/reporter/asha-menon/"]:
        _, feed = parse(client, f"{url}{kind}/")
        assert [entry.title for entry in feed.entries] == [visible.headline], url


def test_unknown_feed_objects_are_404(client):
    for url in ["/feeds/section/nope/rss/", "/feeds/tag/nope/atom/", "/feeds/reporter/nope/rss/"]:
        assert client.get(url).status_code == 404


def test_pages_link_their_feeds(client, stories):
    visible, _, _ = stories
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/feeds/rss/"' in home
    assert 'href="/feeds/atom/"' in home
    assert 'href="/feeds/section/india/rss/"' in client.get("/section/india/").content.decode()
    assert 'href="/feeds/tag/monsoon/atom/"' in client.get("/tag/monsoon/").content.decode()
    assert 'href="/feeds/reporter/asha-menon/rss/"' in client.get("/reporters/asha-menon/").content.decode()
    assert 'href="/feeds/section/india/rss/"' in client.get(visible.get_absolute_url()).content.decode()


def test_feed_queries_do_not_grow_with_stories(client, django_assert_max_num_queries):
    for _ in range(10):
        ArticleFactory(published=True, reporters=[ReporterFactory(), ReporterFactory()], tag_names=["a", "b", "c"])
    with django_assert_max_num_queries(6):
        client.get("/feeds/rss/")
