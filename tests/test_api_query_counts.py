"""The API's query count does not grow with the number of stories, bylines, tags or READ links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, ArticleUpdateFactory, RelatedLinkFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def test_a_page_of_stories_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    reporters = [ReporterFactory() for _ in range(3)]
    for n in range(20):
        ArticleFactory(published=True, reporters=reporters[: n % 3 + 1], tag_names=[f"t{n}", "all"])
    with django_assert_max_num_queries(4):
        response = client.get("/api/stories", {"limit": 20})
    assert len(response.json()["items"]) == 20


def test_a_page_of_stories_reads_no_story_bodies(client):
    """List items carry no body; at a million stories reading them was an eighth of the page."""
    ArticleFactory(published=True, body="<p>The whole story.</p>")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/stories").status_code == 200
    assert not any('"articles_article"."body"' in query["sql"] for query in captured)


def test_a_story_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    story = ArticleFactory(published=True, reporters=[ReporterFactory() for _ in range(4)], tag_names=["a", "b", "c"])
    for position in range(5):
        RelatedLinkFactory(article=story, position=position)
    for _ in range(3):
        ArticleUpdateFactory(article=story)
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/stories/{story.slug}")
    assert len(response.json()["read_links"]) == 5


@pytest.mark.parametrize("url", ["/api/sections", "/api/reporters", "/api/tags"])
def test_lists_take_one_query(client, django_assert_max_num_queries, url):
    for n in range(10):
        ArticleFactory(published=True, tag_names=[f"tag{n}"], reporters=[ReporterFactory()])
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200
