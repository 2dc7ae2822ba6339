"""
Public pages are cached whole and go stale the moment readers' view changes:
on publish, update and unpublish, in every process sharing the cache, and
never later than the next scheduled publication or expiry. Conditional GETs
answer 304; previews are never cached.
"""

import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from articles import workflow
from articles.cache import cache_public_page, next_change_at
from articles.views import render_story

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announce(django_capture_on_commit_callbacks):
    """Run workflow changes and their after-commit announcements."""

    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            action(**kwargs)

    return run


def test_second_request_is_served_from_the_cache(client, django_assert_max_num_queries):
    ArticleFactory(published=True, headline="Cached story")
    client.get("/")
    with django_assert_max_num_queries(0):
        assert "Cached story" in client.get("/").content.decode()


def test_publishing_invalidates_cached_pages(client, editor, announce):
    section = SectionFactory(name="India")
    ArticleFactory(published=True, section=section)
    story = ArticleFactory(in_review=True, section=section, headline="Fresh off the desk")
    assert "Fresh off the desk" not in client.get("/").content.decode()
    assert "Fresh off the desk" not in client.get("/section/india/").content.decode()
    announce(workflow.article_publish, article=story, by=editor)
    assert "Fresh off the desk" in client.get("/").content.decode()
    assert "Fresh off the desk" in client.get("/section/india/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_unpublishing_invalidates_cached_pages(client, editor, announce):
    story = ArticleFactory(published=True, headline="Soon to vanish")
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Soon to vanish" in client.get("/").content.decode()
    announce(workflow.article_unpublish, article=story, by=editor)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Soon to vanish" not in client.get("/").content.decode()


def test_an_update_invalidates_the_story_page(client, editor, announce):
    story = ArticleFactory(published=True)
    assert "Updated <time" not in client.get(story.get_absolute_url()).content.decode()
    announce(workflow.article_record_update, article=story, by=editor, note="New figures.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Updated <time" in html and "New figures." in html


def test_scheduled_story_appears_on_time_without_any_invalidation(client, editor, announce):
    ArticleFactory(published=True)
    story = ArticleFactory(in_review=True, headline="Embargoed until ten")
    due = timezone.now() + timedelta(minutes=2)
    announce(workflow.article_schedule, article=story, by=editor, at=due)
    response = client.get("/")
    assert "Embargoed until ten" not in response.content.decode()
    assert "s-maxage=" in response["Cache-Control"]
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= 120
    with time_machine.travel(due + timedelta(seconds=1)):
        assert "Embargoed until ten" in client.get("/").content.decode()


def test_expiring_story_leaves_on_time(client):
    story = ArticleFactory(published=True, headline="Short-lived", expire_at=timezone.now() + timedelta(minutes=3))
    assert "Short-lived" in client.get("/").content.decode()
    with time_machine.travel(story.expire_at + timedelta(seconds=1)):
        assert "Short-lived" not in client.get("/").content.decode()


def test_conditional_get_answers_304(client):
    story = ArticleFactory(published=True)
    first = client.get(story.get_absolute_url())
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    by_etag = client.get(story.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(story.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304
    stale = client.get(story.get_absolute_url(), headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_changed_page_gets_a_new_etag(client, editor, announce):
    story = ArticleFactory(published=True)
    first = client.get("/")
    ArticleFactory(in_review=True, headline="Another one")
    announce(workflow.article_publish, article=ArticleFactory(in_review=True), by=editor)
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert story.headline in again.content.decode()


def test_cache_control_suits_browsers_and_a_cdn(client, settings):
    settings.NEWSROOM_BROWSER_MAX_AGE = 60
    settings.NEWSROOM_CDN_MAX_AGE = 300
    ArticleFactory(published=True)
    control = client.get("/")["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=300" in control


def test_previews_are_never_cached(rf, django_assert_max_num_queries):
    story = ArticleFactory(headline="Draft preview")
    view = cache_public_page(lambda request: render_story(request, story, preview=True))
    first = view(rf.get("/preview/"))
    assert first["Cache-Control"] == "private, no-store"
    story.headline = "Draft preview, edited"
    story.save()
    second = view(rf.get("/preview/"))
    assert "Draft preview, edited" in second.content.decode()
    assert "ETag" not in second


def test_not_found_pages_are_not_cached(client):
    assert client.get("/story/not-yet/").status_code == 404
    story = ArticleFactory(published=True, slug="not-yet")
    assert client.get(story.get_absolute_url()).status_code == 200


def test_invalidation_reaches_other_processes_through_redis(client, settings):
    prefix = f"site-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "KEY_PREFIX": prefix,
        }
    }
    settings.CACHES = caches
    story = ArticleFactory(published=True, headline="Before")
    assert "Before" in client.get("/").content.decode()
    # Changed behind the cache's back: still the cached page...
    type(story).objects.filter(pk=story.pk).update(headline="After")
    assert "Before" in client.get("/").content.decode()
    # ...until another app process announces a change.
    other_process = (
        "import django, os; django.setup()\n"
        "from django.test import override_settings\n"
        f"with override_settings(CACHES={caches!r}):\n"
        "    from articles.cache import invalidate_pages; invalidate_pages()\n"
    )
    subprocess.run(
        [sys.executable, "-c", other_process],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={"DJANGO_SETTINGS_MODULE": "newsroom.settings", "SECRET_KEY": "x", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert "After" in client.get("/").content.decode()
    # Remove only this test's keys: the Redis database may be shared.
    import redis

    server = redis.Redis.from_url("redis://127.0.0.1:6379/3")
    keys = list(server.scan_iter(match=f"{prefix}:*"))
    if keys:
        server.delete(*keys)


@override_settings(NEWSROOM_PAGE_CACHE_SECONDS=0)
def test_page_cache_can_be_turned_off(client):
    story = ArticleFactory(published=True, headline="Before")
    client.get("/")
    type(story).objects.filter(pk=story.pk).update(headline="After")
    assert "After" in client.get("/").content.decode()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_the_next_change_is_looked_up_once_per_generation(editor, announce, django_assert_num_queries):
    # Not through the shared cache: this process remembers it, even with none.
    expiring = ArticleFactory(published=True, expire_at=timezone.now() + timedelta(minutes=10))
    with django_assert_num_queries(2):
        assert next_change_at() == expiring.expire_at
    with django_assert_num_queries(0):
        assert next_change_at() == expiring.expire_at

    # A change made in this process (elsewhere: a new generation) has the next page look again.
    due = timezone.now() + timedelta(minutes=5)
    announce(workflow.article_schedule, article=ArticleFactory(in_review=True), by=editor, at=due)
    with django_assert_num_queries(2):
        assert next_change_at() == due


def test_the_remembered_next_change_ends_when_it_happens(django_assert_num_queries):
    expiring = ArticleFactory(published=True, expire_at=timezone.now() + timedelta(seconds=10))
    assert next_change_at() == expiring.expire_at
    with time_machine.travel(expiring.expire_at + timedelta(seconds=1)), django_assert_num_queries(2):
        assert next_change_at() is None
