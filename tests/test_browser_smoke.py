"""A reader's browser renders the home page and follows a story link."""

import pytest

from .factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_a_story_from_the_home_page(page):
    story = ArticleFactory(published=True, headline="Cycle lanes approved")
    page.goto("/")
    page.get_by_role("link", name="Cycle lanes approved").click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Cycle lanes approved"
