"""
A cached public page is answered before the rest of the middleware stack:
no session, authentication, CSRF or view work, yet the same headers as the
page rendered in full. Editors (a session cookie) still take the full path,
and a change readers can see still replaces the page.
"""

import pytest
from django.conf import settings

from articles import workflow

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Headers set by middleware behind the page cache, which a reader must get either way.
STACK_HEADERS = ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Vary"]


def reached_the_stack(response):
    # AuthenticationMiddleware gives every request it sees a ``user``.
    return hasattr(response.wsgi_request, "user")


def test_a_cached_page_skips_the_stack_and_keeps_its_headers(client, django_assert_num_queries):
    story = ArticleFactory(published=True, headline="Early answer")
    first = client.get(story.get_absolute_url())
    assert reached_the_stack(first)

    with django_assert_num_queries(0):
        again = client.get(story.get_absolute_url())

    assert not reached_the_stack(again)
    assert again.content == first.content
    for name in STACK_HEADERS:
        assert again.get(name) == first.get(name), name
    assert again["ETag"] == first["ETag"]
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_tracking_parameters_share_the_early_answer(client):
    story = ArticleFactory(published=True)
    client.get(story.get_absolute_url())

    response = client.get(story.get_absolute_url(), {"utm_source": "newsletter"})

    assert response.status_code == 200 and not reached_the_stack(response)


def test_editors_with_a_session_take_the_full_path(client, editor):
    story = ArticleFactory(published=True, headline="Seen by the desk")
    client.get(story.get_absolute_url())
    client.force_login(editor)
    assert settings.SESSION_COOKIE_NAME in client.cookies

    response = client.get(story.get_absolute_url())

    assert reached_the_stack(response)
    assert b"Seen by the desk" in response.content


def test_a_visible_change_replaces_the_early_answer(client, editor, django_capture_on_commit_callbacks):
    story = ArticleFactory(published=True, headline="Before the update", standfirst="Old standfirst")
    client.get(story.get_absolute_url())
    client.get(story.get_absolute_url())

    story.standfirst = "New standfirst"
    story.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_record_update(article=story, by=editor, note="Standfirst corrected")

    response = client.get(story.get_absolute_url())
    assert b"New standfirst" in response.content
    assert reached_the_stack(response)


def test_a_page_first_cached_for_an_editor_is_answered_early_for_readers(client, editor):
    story = ArticleFactory(published=True)
    client.force_login(editor)
    client.get(story.get_absolute_url())
    client.logout()
    client.cookies.clear()

    first_reader = client.get(story.get_absolute_url())
    second_reader = client.get(story.get_absolute_url())

    assert reached_the_stack(first_reader)
    assert not reached_the_stack(second_reader)
    assert second_reader["Content-Security-Policy"] == first_reader["Content-Security-Policy"]
