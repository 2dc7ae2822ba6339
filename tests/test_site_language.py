"""
The language the site publishes in (``LANGUAGE_CODE``) is the one its pages,
feeds, story metadata and Google News sitemap declare.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from articles.metadata import news_language

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(published=True, headline="नगर निगम ने नई पार्किंग खोली")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("code", ["en-gb", "hi"])
def test_pages_feeds_and_metadata_declare_the_site_language(client, settings, story, code):
    settings.LANGUAGE_CODE = code
    for url in ["/", story.get_absolute_url()]:
        assert f'<html lang="{code}">' in client.get(url).content.decode()
    assert json_ld(client.get(story.get_absolute_url()).content.decode())["inLanguage"] == code
    channel = ET.fromstring(client.get("/feeds/rss/").content).find("channel")  # noqa: S314 (our own response)
    assert channel.find("language").text == code


@pytest.mark.parametrize(
    ("code", "declared"),
    [("en-gb", "en"), ("hi", "hi"), ("pt-br", "pt"), ("zh-hans", "zh-cn"), ("zh-hant", "zh-tw")],
)
def test_the_news_sitemap_uses_googles_language_codes(client, settings, story, code, declared):
    settings.LANGUAGE_CODE = code
    assert news_language() == declared
    assert f"<news:language>{declared}</news:language>" in client.get("/news-sitemap.xml").content.decode()
