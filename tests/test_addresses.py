"""
Story, section and reporter addresses are remembered per process (home
builds 85 of them), and are always the ones ``reverse()`` gives now: under
the current script prefix, the current URLconf and the current slug.
"""

import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    story = ArticleFactory(slug="budget-session-opens", published=True)
    section = SectionFactory(slug="india")
    reporter = ReporterFactory(name="Asha Rao", slug="asha-rao")
    return story, section, reporter


def addresses(objects):
    return [thing.get_absolute_url() for thing in objects]


def test_addresses_are_what_reverse_gives(objects):
    assert addresses(objects) == [
        reverse("articles:article_detail", kwargs={"slug": "budget-session-opens"}),
        reverse("articles:section_detail", kwargs={"slug": "india"}),
        reverse("authors:reporter_detail", kwargs={"slug": "asha-rao"}),
    ]


def test_a_new_slug_gives_a_new_address(objects):
    story = objects[0]
    before = story.get_absolute_url()
    story.slug = "budget-session-opens-today"
    assert story.get_absolute_url() != before
    assert story.get_absolute_url().endswith("/budget-session-opens-today/")


def test_each_script_prefix_gets_its_own_addresses(objects):
    at_root = addresses(objects)
    try:
        set_script_prefix("/news/")
        under_news = addresses(objects)
    finally:
        set_script_prefix("/")
    assert under_news == ["/news" + address for address in at_root]
    assert addresses(objects) == at_root


def test_a_changed_urlconf_is_followed(objects):
    at_root = addresses(objects)
    with override_settings(ROOT_URLCONF="tests.urls_under_a_prefix"):
        assert addresses(objects) == ["/edition" + address for address in at_root]
    assert addresses(objects) == at_root
