"""
A cached public page is answered before the rest of the middleware stack:
no session, authentication, CSRF or view work, yet the same headers as the
page rendered in full. Editors (a session cookie) still take the full path,
and a change readers can see still replaces the page.
"""

import time

import pytest
from django.conf import settings
from django.core.cache import cache

from articles import workflow
from articles.cache import GENERATION_KEY, RecentPages, forget_recent_generation

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


# --- This process's own copy of recent pages ---------------------------------


@pytest.fixture(autouse=True)
def fresh_process():
    """Each test starts as a new app process would: no generation read yet."""
    forget_recent_generation()


def served_then_changed_in_another_process(client):
    """
    A story page rendered, copied into this process and answered from the
    copy; then changed the way another app process (or the scheduler)
    changes it: new rows and a new generation in the shared cache.
    """
    story = ArticleFactory(published=True, standfirst="First standfirst")
    for _ in range(3):
        client.get(story.get_absolute_url())
    type(story).objects.filter(pk=story.pk).update(standfirst="Second standfirst")
    cache.incr(GENERATION_KEY)
    return story


def test_a_change_in_another_process_reaches_readers_within_the_generation_window(client, settings):
    settings.NEWSROOM_PAGE_CACHE_GENERATION_SECONDS = 0.3
    story = served_then_changed_in_another_process(client)

    time.sleep(0.35)

    assert b"Second standfirst" in client.get(story.get_absolute_url()).content


def test_without_a_window_every_answer_checks_the_shared_generation(client, settings):
    settings.NEWSROOM_PAGE_CACHE_GENERATION_SECONDS = 0
    story = served_then_changed_in_another_process(client)

    assert b"Second standfirst" in client.get(story.get_absolute_url()).content


def test_a_page_past_its_time_is_not_answered_from_the_local_copy(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 1
    settings.NEWSROOM_PAGE_CACHE_GENERATION_SECONDS = 60
    story = ArticleFactory(published=True)
    client.get(story.get_absolute_url())
    assert not reached_the_stack(client.get(story.get_absolute_url()))

    time.sleep(1.1)

    assert reached_the_stack(client.get(story.get_absolute_url()))


def test_the_local_copy_keeps_only_the_most_recent_pages():
    recent = RecentPages(2)
    for key in ["a", "b", "c"]:
        recent.put(key, {"page": key})
    assert recent.get("a") is None
    recent.get("b")
    recent.put("d", {"page": "d"})
    assert list(recent.entries) == ["b", "d"]
