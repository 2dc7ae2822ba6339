"""Stories, sections and reporters get readable, unique ASCII slugs."""

import re

import pytest

from authors.models import Reporter
from newsroom.slugs import ascii_slug

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_slug_is_made_from_the_headline():
    assert ArticleFactory(headline="US maintains firm stance on Turkey's S-400").slug == (
        "us-maintains-firm-stance-on-turkeys-s-400"
    )


def test_hindi_headline_gets_a_usable_ascii_slug():
    story = ArticleFactory(headline="नगर निगम ने पुराने बाज़ार में नई पार्किंग खोली")
    assert SLUG.match(story.slug)
    assert len(story.slug) > 10


@pytest.mark.parametrize("headline", ["东京奥运会", "Москва сегодня", "القاهرة اليوم", "Ελλάδα"])
def test_other_scripts_get_usable_slugs(headline):
    assert SLUG.match(ArticleFactory(headline=headline).slug)


def test_headline_with_no_letters_falls_back_to_a_generic_slug():
    assert ArticleFactory(headline="!!! ???").slug == "story"


def test_second_story_with_the_same_headline_gets_a_numbered_slug():
    first = ArticleFactory(headline="Budget day")
    second = ArticleFactory(headline="Budget day")
    assert (first.slug, second.slug) == ("budget-day", "budget-day-2")


def test_long_headline_is_cut_at_a_word_boundary():
    slug = ascii_slug("word " * 40, max_length=80)
    assert len(slug) <= 80
    assert slug.endswith("word")


def test_editing_the_headline_keeps_the_slug():
    story = ArticleFactory(headline="Original headline")
    story.headline = "A better headline"
    story.save()
    assert story.slug == "original-headline"


def test_sections_and_reporters_get_slugs_too():
    assert SectionFactory(name="World News").slug == "world-news"
    assert Reporter.objects.create(name="Bhavya Sukheja").slug == "bhavya-sukheja"
