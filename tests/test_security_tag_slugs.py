"""Any tag name gets an ASCII tag page address, so a story carrying it still renders."""

import pytest
from django.urls import reverse

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["चुनाव", "scrıpt", "'';!--", "Ünïcödé tag"])
def test_any_tag_name_gets_a_tag_page_and_the_story_still_renders(name, client):
    story = ArticleFactory(published=True, tag_names=[name])
    tag = story.tags.get()
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:tag_detail", args=[tag.slug])).status_code == 200


def test_clashing_tag_names_get_distinct_slugs(client):
    first = ArticleFactory(published=True, tag_names=["चुनाव"]).tags.get()
    second = ArticleFactory(published=True, tag_names=["चूनाव"]).tags.get()
    assert first.slug != second.slug
    for tag in (first, second):
        assert client.get(reverse("articles:tag_detail", args=[tag.slug])).status_code == 200
