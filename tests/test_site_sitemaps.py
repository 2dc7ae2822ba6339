"""sitemap.xml (index and pages), the Google News sitemap and robots.txt, read with an XML parser."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 (our own server's response)


@pytest.fixture
def stories():
    india = SectionFactory(name="India")
    reporter = ReporterFactory(name="Asha Menon")
    recent = ArticleFactory(published=True, section=india, reporters=[reporter], tag_names=["monsoon", "rain"])
    old_time = timezone.now() - timedelta(days=5)
    old = ArticleFactory(published=True, section=india, first_published_at=old_time, updated_at=old_time)
    draft = ArticleFactory(section=india, tag_names=["secret"])
    return recent, old, draft


def month_file(when):
    local = timezone.localtime(when)
    return f"sitemap-stories-{local.year:04d}-{local.month:02d}.xml"


def index_entries(client):
    root = xml(client, "/sitemap.xml")
    return {
        entry.find("sm:loc", NS).text.split("/")[-1]: getattr(entry.find("sm:lastmod", NS), "text", None)
        for entry in root.findall("sm:sitemap", NS)
    }


def file_urls(client, name):
    root = xml(client, f"/{name}")
    return {url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text for url in root.findall("sm:url", NS)}


def test_index_lists_a_file_per_month_of_stories_and_the_other_sitemaps(client, stories):
    recent, old, draft = stories
    names = set(index_entries(client))
    assert names == {
        month_file(recent.first_published_at),
        month_file(old.first_published_at),
        "sitemap-sections.xml",
        "sitemap-tags.xml",
        "sitemap-reporters.xml",
    }


def test_a_month_file_holds_its_visible_stories_with_their_last_change(client, stories):
    recent, old, draft = stories
    urls = file_urls(client, month_file(recent.first_published_at))
    assert "http://testserver" + recent.get_absolute_url() in urls
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in urls)
    lastmod = urls["http://testserver" + recent.get_absolute_url()]
    # W3C time to the second, in UTC, however the database writes it.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", lastmod)
    assert datetime.fromisoformat(lastmod) == recent.updated_at.replace(microsecond=0)
    older = file_urls(client, month_file(old.first_published_at))
    assert "http://testserver" + old.get_absolute_url() in older


def test_a_month_entry_carries_its_latest_change(client):
    """An update to an old story moves its month's lastmod, not other months'."""
    now = timezone.now()
    long_ago = now - timedelta(days=400)
    story = ArticleFactory(published=True, first_published_at=long_ago, updated_at=long_ago)
    ArticleFactory(published=True, first_published_at=long_ago - timedelta(hours=1), updated_at=now - timedelta(days=2))
    recent = ArticleFactory(published=True)
    entries = index_entries(client)
    old_month = datetime.fromisoformat(entries[month_file(story.first_published_at)])
    assert old_month == now - timedelta(days=2)
    assert datetime.fromisoformat(entries[month_file(recent.first_published_at)]) == recent.updated_at


def test_months_are_cut_in_the_newsrooms_time_zone(client):
    """00:30 IST on 1 March is still 28 February in UTC: it belongs to March's file."""
    march_first = datetime(2025, 3, 1, 0, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
    story = ArticleFactory(published=True, first_published_at=march_first, updated_at=march_first)
    assert month_file(story.first_published_at) == "sitemap-stories-2025-03.xml"
    assert "sitemap-stories-2025-03.xml" in index_entries(client)
    assert "http://testserver" + story.get_absolute_url() in file_urls(client, "sitemap-stories-2025-03.xml")
    assert client.get("/sitemap-stories-2025-02.xml").status_code == 404


def test_months_with_nothing_visible_are_left_out(client):
    ArticleFactory(published=True)
    last_year = timezone.now() - timedelta(days=365)
    ArticleFactory(unpublished=True, first_published_at=last_year)
    ArticleFactory(
        published=True, first_published_at=last_year, updated_at=last_year, expire_at=last_year + timedelta(days=1)
    )
    ArticleFactory(scheduled=True, first_published_at=timezone.now() + timedelta(days=40))
    names = {name for name in index_entries(client) if name.startswith("sitemap-stories-")}
    assert names == {month_file(timezone.now())}
    assert client.get("/" + month_file(last_year)).status_code == 404


def test_tag_and_reporter_sitemaps_only_name_what_has_visible_stories(client, stories):
    tags = [loc.text for loc in xml(client, "/sitemap-tags.xml").findall("sm:url/sm:loc", NS)]
    assert sorted(loc.split("/")[-2] for loc in tags) == ["monsoon", "rain"]
    reporters = [loc.text for loc in xml(client, "/sitemap-reporters.xml").findall("sm:url/sm:loc", NS)]
    assert [loc.split("/")[-2] for loc in reporters] == ["asha-menon"]


def test_tag_sitemap_pages_hold_5000_tags_each(client, settings):
    story = ArticleFactory(published=True, tag_names=["only visible tag"])
    Tag.objects.bulk_create(Tag(name=f"archived {n:05}", slug=f"archived-{n:05}") for n in range(5000))
    pages = [xml(client, f"/sitemap-tags.xml?p={n}") for n in (1, 2)]
    named = [[loc.text.split("/")[-2] for loc in page.findall("sm:url/sm:loc", NS)] for page in pages]
    # The visible tag sorts after the 5,000 tags no story carries, which are not named.
    assert named == [[], [story.tags.get().slug]]
    assert pages[1].find("sm:url/sm:changefreq", NS).text == "daily"
    assert client.get("/sitemap-tags.xml?p=3").status_code == 404


def test_unknown_sitemaps_and_months_are_404(client, stories):
    assert client.get("/sitemap-tags.xml?p=1").status_code == 200
    assert client.get("/sitemap-tags.xml?p=99").status_code == 404
    assert client.get("/sitemap-tags.xml?p=junk").status_code == 404
    assert client.get("/sitemap-tags.xml?p=0").status_code == 404
    unknown = ["/sitemap-nope.xml", "/sitemap-articles.xml", "/sitemap-stories-26-1.xml"]
    months = ["/sitemap-stories-2026-13.xml", "/sitemap-stories-2026-00.xml", "/sitemap-stories-1999-01.xml"]
    months += ["/sitemap-stories-9999-12.xml", "/sitemap-stories-0001-01.xml", "/sitemap-stories-0000-01.xml"]
    for url in unknown + months:
        assert client.get(url).status_code == 404, url


def test_the_index_never_counts_the_stories(client, django_assert_max_num_queries):
    """Ten years of stories cost the index the same few queries as one month; PostgreSQL probes each month."""
    now = timezone.now()
    for months_ago in range(0, 120, 7):
        when = now - timedelta(days=30 * months_ago + 1)
        ArticleFactory(published=True, first_published_at=when, updated_at=when)
    with django_assert_max_num_queries(8) as captured:
        entries = index_entries(client)
    assert len([name for name in entries if name.startswith("sitemap-stories-")]) == len(range(0, 120, 7))
    assert not any(
        query["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "articles_article"') for query in captured
    )
    if connection.vendor == "postgresql":
        assert any("generate_series" in query["sql"] for query in captured)


def test_news_sitemap_holds_the_last_48_hours_with_news_tags(client, stories):
    recent, old, draft = stories
    root = xml(client, "/news-sitemap.xml")
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1
    url = urls[0]
    assert url.find("sm:loc", NS).text.endswith(recent.get_absolute_url())
    news = url.find("news:news", NS)
    assert news.find("news:title", NS).text == recent.headline
    assert news.find("news:publication/news:name", NS).text == "Newsroom"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:publication_date", NS).text.startswith(str(recent.first_published_at.year))
    assert news.find("news:keywords", NS).text == "monsoon, rain"


def test_news_sitemap_escapes_headlines_and_keywords(client):
    story = ArticleFactory(published=True, headline='Tata & Sons <bid> for "Air"', tag_names=["R&D", "M<N"])
    root = xml(client, "/news-sitemap.xml")
    news = root.find("sm:url/news:news", NS)
    assert news.find("news:title", NS).text == story.headline
    assert news.find("news:keywords", NS).text == "R&D, M<N"


def test_news_sitemap_times_are_in_the_newsrooms_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    published = timezone.now().replace(microsecond=0) - timedelta(hours=3)
    updated = published + timedelta(hours=1, minutes=7)
    ArticleFactory(published=True, first_published_at=published, updated_at=updated)
    url = xml(client, "/news-sitemap.xml").find("sm:url", NS)
    ist = ZoneInfo("Asia/Kolkata")
    assert url.find("news:news/news:publication_date", NS).text == published.astimezone(ist).isoformat()
    assert url.find("sm:lastmod", NS).text == updated.astimezone(ist).isoformat()
    assert url.find("sm:lastmod", NS).text.endswith("+05:30")


@pytest.mark.parametrize("page", ["2", "0", "junk"])
def test_news_sitemap_has_one_page(client, stories, page):
    assert client.get("/news-sitemap.xml", {"p": "1"}).status_code == 200
    assert client.get("/news-sitemap.xml", {"p": page}).status_code == 404


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "User-agent: *" in lines
