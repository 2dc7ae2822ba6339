"""sitemap.xml (index and pages), the Google News sitemap and robots.txt, read with an XML parser."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

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


def test_index_lists_every_sitemap_page(client, stories):
    root = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert {loc.split("/")[-1] for loc in locations} == {
        "sitemap-articles.xml",
        "sitemap-sections.xml",
        "sitemap-tags.xml",
        "sitemap-reporters.xml",
    }


def test_story_sitemap_holds_visible_stories_with_lastmod(client, stories):
    recent, old, draft = stories
    root = xml(client, "/sitemap-articles.xml")
    urls = {url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text for url in root.findall("sm:url", NS)}
    assert any(loc.endswith(recent.get_absolute_url()) for loc in urls)
    assert any(loc.endswith(old.get_absolute_url()) for loc in urls)
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in urls)
    assert all(urls.values())


def test_tag_and_reporter_sitemaps_only_name_what_has_visible_stories(client, stories):
    tags = [loc.text for loc in xml(client, "/sitemap-tags.xml").findall("sm:url/sm:loc", NS)]
    assert sorted(loc.split("/")[-2] for loc in tags) == ["monsoon", "rain"]
    reporters = [loc.text for loc in xml(client, "/sitemap-reporters.xml").findall("sm:url/sm:loc", NS)]
    assert [loc.split("/")[-2] for loc in reporters] == ["asha-menon"]


def test_sitemap_pages_are_paged(client, stories):
    assert client.get("/sitemap-articles.xml?p=1").status_code == 200
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404
    assert client.get("/sitemap-nope.xml").status_code == 404


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


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "User-agent: *" in lines
