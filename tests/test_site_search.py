"""
Search at /search/?q= over headline, standfirst, body, tags and byline.

Ranked full-text search with highlighted snippets on PostgreSQL; a substring
fallback on SQLite. Odd queries never cause an error.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article

from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def result_headlines(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    page = response.context["page_obj"]
    return [story.headline for story in page.object_list] if page else []


@pytest.fixture
def stories():
    return {
        "headline": ArticleFactory(published=True, headline="Monsoon arrives early", body="<p>Rain.</p>"),
        "standfirst": ArticleFactory(
            published=True, headline="Farmers relieved", standfirst="The monsoon came three days early."
        ),
        "body": ArticleFactory(
            published=True, headline="Reservoirs fill up", body="<p>After a strong monsoon the dams are full.</p>"
        ),
        "tag": ArticleFactory(published=True, headline="Umbrella sales soar", tag_names=["monsoon"]),
        "draft": ArticleFactory(headline="Monsoon draft story"),
    }


def test_finds_stories_by_headline_standfirst_body_and_tag(client, stories):
    found = result_headlines(client, "monsoon")
    assert set(found) == {"Monsoon arrives early", "Farmers relieved", "Reservoirs fill up", "Umbrella sales soar"}


def test_never_finds_invisible_stories(client, stories):
    assert "Monsoon draft story" not in result_headlines(client, "draft")


def test_finds_stories_by_reporter_name(client):
    ArticleFactory(published=True, headline="City budget passed", reporters=[ReporterFactory(name="Farhan Qureshi")])
    assert result_headlines(client, "Qureshi") == ["City budget passed"]


@on_postgres
def test_headline_matches_rank_above_body_matches(client, stories):
    found = result_headlines(client, "monsoon")
    assert found[0] == "Monsoon arrives early"
    assert found.index("Farmers relieved") < found.index("Reservoirs fill up")


@on_postgres
def test_snippets_highlight_the_words_found_and_escape_the_rest(client):
    ArticleFactory(
        published=True,
        headline="Tanker audit ordered",
        body="<p>Residents &amp; traders said &lt;script&gt; the tanker contracts were never honoured.</p>",
    )
    response = client.get("/search/", {"q": "tanker contracts"})
    html = response.content.decode()
    assert "<mark>tanker</mark> <mark>contracts</mark>" in html
    assert "<script>" not in html
    assert "&amp; traders" in html


@on_postgres
def test_search_vector_follows_tags_and_byline_changes(client):
    story = ArticleFactory(published=True, headline="Budget day")
    assert result_headlines(client, "fiscal") == []
    story.tags.add("fiscal")
    assert result_headlines(client, "fiscal") == ["Budget day"]
    from articles.models import Byline

    Byline.objects.create(article=story, reporter=ReporterFactory(name="Meera Iyer"))
    assert result_headlines(client, "Iyer") == ["Budget day"]
    story.headline = "Budget night"
    story.save()
    assert result_headlines(client, "night") == ["Budget night"]


@on_postgres
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector'")
        (definition,) = cursor.fetchone()
    assert "gin (search_vector)" in definition


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "&&& ||| !!! ((",
        "'\"",
        "\x00\x01 nul",
        "a" * 5000,
        "मानसून",
        "мусон",
        'monsoon -rain OR "early"',
        "<script>alert(1)</script>",
        "%_%",
    ],
)
def test_odd_queries_are_handled(client, stories, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_query_is_cut_to_the_cap(client):
    response = client.get("/search/", {"q": "word " * 1000})
    assert len(response.context["query"]) <= 200


def test_non_latin_query_finds_non_latin_story(client):
    ArticleFactory(published=True, headline="मानसून समय से पहले पहुंचा")
    assert result_headlines(client, "मानसून") == ["मानसून समय से पहले पहुंचा"]


def test_results_are_paginated_ten_a_page(client):
    for n in range(15):
        ArticleFactory(published=True, headline=f"Cricket report {n}")
    first = result_headlines(client, "cricket")
    second = result_headlines(client, "cricket", page=2)
    assert len(first) == 10 and len(second) == 5
    assert not set(first) & set(second)
    assert result_headlines(client, "cricket", page="junk") == first


def test_unpublished_story_drops_out_of_results(client, editor, django_capture_on_commit_callbacks):
    story = ArticleFactory(in_review=True, headline="Election results announced")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=story, by=editor)
    assert result_headlines(client, "election") == ["Election results announced"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_unpublish(article=story, by=editor)
    assert result_headlines(client, "election") == []


@on_postgres
def test_a_page_of_results_is_ranked_once_and_not_counted_again(client):
    for n in range(25):
        ArticleFactory(published=True, headline=f"Hockey final {n}", body="<p>Hockey.</p>" * (n % 3 + 1))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "hockey"})
    assert response.context["page_obj"].paginator.count == 25
    assert b"25 results" in response.content
    story_queries = [q["sql"] for q in captured if 'FROM "articles_article"' in q["sql"]]
    assert not any(sql.startswith("SELECT COUNT(*)") for sql in story_queries)
    assert len(story_queries) == 2  # the ranking, then this page's stories with snippets


@on_postgres
def test_a_story_hidden_after_the_ranking_is_left_out_of_the_page():
    from articles.search import search_articles

    stories = [ArticleFactory(published=True, headline=f"Chess match {n}") for n in range(3)]
    results = search_articles("chess")
    assert len(results) == 3
    Article.objects.filter(pk=stories[0].pk).update(status=Article.Status.UNPUBLISHED)
    assert stories[0] not in results[0:3] and len(results[0:3]) == 2


def test_at_the_ranking_cap_the_summary_says_only_the_newest_were_ranked(client, settings):
    settings.NEWSROOM_SEARCH_RANKED_MATCHES = 3
    for n in range(5):
        ArticleFactory(published=True, headline=f"Tennis open {n}")
    summary = client.get("/search/", {"q": "tennis"}).content.decode()
    if connection.vendor == "postgresql":
        assert "The best of the newest 3 results for “tennis”" in summary
    else:  # SQLite's substring search has no cap
        assert "5 results for “tennis”" in summary


def test_results_per_page_is_a_setting(client, settings):
    settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE = 4
    for n in range(6):
        ArticleFactory(published=True, headline=f"Cricket report {n}")
    assert len(result_headlines(client, "cricket")) == 4
    assert len(result_headlines(client, "cricket", page=2)) == 2
