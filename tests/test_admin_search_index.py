"""
The admin's story search (headline and address) is answered from trigram
indexes on PostgreSQL, not by reading every story: at a million stories a
search read the whole table, 0.7 to 1.6 s.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from articles.models import Article

from .factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigram indexes"),
]


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
        # A few test stories are cheaper to read whole, or all in an index's
        # order; a million are not. What is left needs an index that answers
        # the search itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("term", ["budget", "STORY-12", "Mumbai rains"])
def test_search_uses_the_headline_and_address_trigram_indexes(term, editor):
    ArticleFactory(headline="Budget session opens", slug="budget-session-opens")
    ArticleFactory(headline="Mumbai rains flood roads")
    model_admin = admin.site._registry[Article]
    request = RequestFactory().get("/", {"q": term})
    request.user = editor
    found, _ = model_admin.get_search_results(request, Article.objects.all(), term)
    plan = plan_of(found)

    assert "article_headline_trigram" in plan
    assert "article_slug_trigram" in plan


def test_search_still_finds_words_anywhere_in_the_headline(editor, client):
    ArticleFactory(headline="State budget session opens", slug="state-budget")
    ArticleFactory(headline="Mumbai rains flood roads")
    client.force_login(editor)
    response = client.get("/admin/articles/article/", {"q": "BUDGET SES"})
    assert response.status_code == 200
    assert b"State budget session opens" in response.content
    assert b"Mumbai rains" not in response.content
