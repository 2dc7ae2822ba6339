"""The imported sample, published, reads on its public page like the original: every part, in place, no ads."""

import re

import pytest
from django.core.management import call_command

from articles.models import Article

from ._import_helpers import sample_path
from .factories import ArticleFactory

READ_TARGETS = [
    "Turkey Uighurs fear sellout to China in exchange for vaccine",
    "Turkey: 1,500-year-old house with puppy paw prints and wall illusion discovered",
    "Germany welcomes talks between Greece & Turkey, eyes mediation role",
    "Turkey’s Aegean province of Izmir hit by flooding",
]


@pytest.fixture
def page(client, editor):
    for headline in READ_TARGETS:
        ArticleFactory(headline=headline, published=True)
    call_command("import_story", "--user", editor.username, "--publish", str(sample_path()))
    story = Article.objects.get(import_key__isnull=False)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").replace("&amp;", "&")


def test_the_page_shows_headline_standfirst_byline_and_times(page):
    text = text_of(page)
    assert "US maintains firm stance on Turkey's purchase of S-400 Russian missile system" in text
    assert "US President Joe Biden’s administration is maintaining tough stance against Turkey" in text
    assert "Reported by: Bhavya Sukheja" in text
    assert "Published February 6th, 2021 at 16:40 IST" in text


def test_the_page_keeps_subheadings_and_quotes_and_drops_the_advertisement_markers(page):
    assert "<h2>US-Turkey rift</h2>" in page
    assert "“Our position has not changed." in page
    assert "<p>Advertisement</p>" not in page


def test_read_links_stand_between_the_paragraphs_they_followed(page):
    text = text_of(page)
    order = [
        "We urge Turkey not to retain",
        "valued NATO ally",
        "READ: Turkey Uighurs fear sellout",
        "US-Turkey rift",
        "continued to negotiate with Ankara",
        "READ: Turkey: 1,500-year-old house",
        "which provides Russia revenue",
        "READ: Germany welcomes talks",
        "READ: Turkey’s Aegean province",
    ]
    positions = [text.find(fragment) for fragment in order]
    assert -1 not in positions and positions == sorted(positions)


def test_the_image_credit_is_shown(page):
    assert "Image: self" in text_of(page)
