"""Keyset pagination: pages follow opaque cursors, every visible story exactly once, ties broken stably."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def walk(client, url, params):
    seen, pages = [], 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        data = response.json()
        seen += [item["slug"] for item in data["items"]]
        pages += 1
        if not data["next"]:
            assert data["next_cursor"] is None
            return seen, pages
        response = client.get(data["next"])


def test_stories_page_through_every_visible_story_once_in_order(client):
    now = timezone.now()
    same_time = now - timedelta(hours=3)
    stories = [ArticleFactory(published=True, first_published_at=same_time, updated_at=same_time) for _ in range(3)]
    stories += [
        ArticleFactory(
            published=True, first_published_at=now - timedelta(minutes=m), updated_at=now - timedelta(minutes=m)
        )
        for m in (1, 2, 500)
    ]
    ArticleFactory(scheduled=True)
    seen, pages = walk(client, "/api/stories", {"limit": 2})
    expected = sorted(stories, key=lambda a: (a.first_published_at, a.pk), reverse=True)
    assert seen == [a.slug for a in expected]
    assert pages == 3


def test_filters_are_kept_from_page_to_page(client):
    for _ in range(3):
        ArticleFactory(published=True, tag_names=["rain"])
    ArticleFactory(published=True, tag_names=["sun"])
    seen, _ = walk(client, "/api/stories", {"limit": 1, "tag": "rain"})
    assert len(seen) == 3


def test_a_story_unpublished_between_pages_does_not_break_the_walk(client):
    stories = [ArticleFactory(published=True) for _ in range(3)]
    first = client.get("/api/stories", {"limit": 1}).json()
    stories[-1].delete()
    rest = client.get(first["next"]).json()
    assert first["items"][0]["slug"] not in [item["slug"] for item in rest["items"]]


def test_reporters_and_tags_page_by_slug(client):
    for name in ["Asha", "Bina", "Chetan", "Dev"]:
        ReporterFactory(name=name)
    seen, _ = walk(client, "/api/reporters", {"limit": 3})
    assert seen == ["asha", "bina", "chetan", "dev"]
    ArticleFactory(published=True, tag_names=["b", "a", "c"])
    ArticleFactory(tag_names=["draft-only"])
    seen, _ = walk(client, "/api/tags", {"limit": 2})
    assert seen == ["a", "b", "c"]


@pytest.mark.parametrize(
    "cursor",
    [
        "zzz",
        "!!!!",
        base64.urlsafe_b64encode(b"not json").decode(),
        base64.urlsafe_b64encode(b'{"a": 1}').decode(),
        base64.urlsafe_b64encode(b'["yesterday", 1]').decode(),
        base64.urlsafe_b64encode(b'["2024-01-01T00:00:00", 1]').decode(),
        base64.urlsafe_b64encode(b'["2024-01-01T00:00:00+00:00", "x"]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(),
        base64.urlsafe_b64encode(b'["2024-01-01T00:00:00+00:00", 99999999999999999999999]').decode(),
        base64.urlsafe_b64encode(b'["2024-01-01T00:00:00+00:00", -1]').decode(),
        base64.urlsafe_b64encode(b'["0001-01-01T00:00:00+14:00", 1]').decode(),
        base64.urlsafe_b64encode(b"[1e999, 1]").decode(),
        base64.urlsafe_b64encode(b'["a\\u0000b"]').decode(),
        base64.urlsafe_b64encode(b"[null]").decode(),
        "A" * 501,
    ],
)
def test_a_cursor_this_api_did_not_hand_out_is_a_400(client, cursor):
    for url in ("/api/stories", "/api/reporters", "/api/tags"):
        response = client.get(url, {"cursor": cursor})
        assert response.status_code in (400, 422), (url, response.content)
        assert "detail" in response.json()


@pytest.mark.parametrize("filters", [{"reporter": "asha"}, {"tag": "rain"}, {"reporter": "asha", "tag": "rain"}])
def test_a_reporters_or_tags_stories_walk_newest_first_each_once(client, filters):
    """Sorted by the copy of the time on the byline or tag row, ties included."""
    asha = ReporterFactory(slug="asha")
    now = timezone.now()
    same_time = now - timedelta(hours=3)
    times = [same_time, same_time, same_time, now - timedelta(minutes=1), now - timedelta(days=40)]
    stories = [
        ArticleFactory(published=True, first_published_at=at, updated_at=at, tag_names=["rain"], reporters=[asha])
        for at in times
    ]
    ArticleFactory(published=True, tag_names=["sun"], reporters=[ReporterFactory()])
    seen, _ = walk(client, "/api/stories", {"limit": 2, **filters})
    expected = sorted(stories, key=lambda a: (a.first_published_at, a.pk), reverse=True)
    assert seen == [a.slug for a in expected]


def test_an_unknown_reporter_or_tag_lists_nothing(client):
    ArticleFactory(published=True, tag_names=["rain"], reporters=[ReporterFactory(slug="asha")])
    assert client.get("/api/stories", {"reporter": "nobody"}).json()["items"] == []
    assert client.get("/api/stories", {"tag": "nothing"}).json()["items"] == []
