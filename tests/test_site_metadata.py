"""Story pages tell search engines and social sites what they are: canonical, OpenGraph, Twitter, JSON-LD."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from articles.demo.images import demo_image

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db
IST = ZoneInfo("Asia/Kolkata")


class HeadReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))


@pytest.fixture
def story(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.com"
    story = ArticleFactory(
        published=True,
        headline="US maintains firm stance on Turkey's S-400 </script><b>",
        standfirst="Washington urges Ankara not to keep the system.",
        section=SectionFactory(name="World"),
        reporters=[ReporterFactory(name="Bhavya Sukheja"), ReporterFactory(name="Daniel Fernandes")],
        tag_names=["Turkey", "NATO"],
        first_published_at=datetime(2021, 2, 6, 16, 40, tzinfo=IST),
        updated_at=datetime(2021, 2, 7, 9, 0, tzinfo=IST),
        lead_image_alt="A missile launcher on parade",
    )
    story.lead_image.save("s400.jpg", ContentFile(demo_image("world", "S-400", size=(1600, 900))), save=True)
    return story


def read_head(client, story):
    reader = HeadReader()
    reader.feed(client.get(story.get_absolute_url()).content.decode())
    return reader


def test_json_ld_describes_a_news_article(client, story):
    (data,) = read_head(client, story).json_ld
    canonical = f"https://news.example.com{story.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.headline
    assert data["datePublished"] == "2021-02-06T11:10:00+00:00"
    assert data["dateModified"] == "2021-02-07T03:30:00+00:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Bhavya Sukheja", "url": "https://news.example.com/reporters/bhavya-sukheja/"},
        {"@type": "Person", "name": "Daniel Fernandes", "url": "https://news.example.com/reporters/daniel-fernandes/"},
    ]
    assert data["image"] and all(url.startswith("https://news.example.com/media/") for url in data["image"])
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Newsroom"
    assert data["articleSection"] == "World"
    assert sorted(data["keywords"]) == ["NATO", "Turkey"]
    assert data["mainEntityOfPage"] == canonical


def test_json_ld_cannot_break_out_of_its_script_element(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "</script>" not in block and "<b>" not in block


def test_canonical_opengraph_and_twitter_card(client, story):
    head = read_head(client, story)
    canonical = f"https://news.example.com{story.get_absolute_url()}"
    assert {"rel": "canonical", "href": canonical} in head.links
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == story.headline
    assert head.meta["og:url"] == canonical
    assert head.meta["og:description"] == story.standfirst
    assert head.meta["og:image"].startswith("https://news.example.com/media/")
    assert head.meta["og:image:alt"] == "A missile launcher on parade"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == story.headline
    assert head.meta["article:section"] == "World"
    assert head.meta["description"] == story.standfirst


def test_story_without_image_gets_a_summary_card(client):
    story = ArticleFactory(published=True)
    head = read_head(client, story)
    assert head.meta["twitter:card"] == "summary"
    assert "og:image" not in head.meta
    (data,) = head.json_ld
    assert "image" not in data
