"""ETags with 304 Not Modified, and CORS only for the configured origins."""

import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(published=True)


@pytest.mark.parametrize("url", ["/api/stories", "/api/sections", "/api/reporters", "/api/tags", "story"])
def test_a_matching_if_none_match_gets_304_without_a_body(client, story, url):
    url = f"/api/stories/{story.slug}" if url == "story" else url
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_the_etag_changes_when_the_story_does(client, story):
    url = f"/api/stories/{story.slug}"
    etag = client.get(url)["ETag"]
    story.headline = "A corrected headline"
    story.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["headline"] == "A corrected headline"


def test_errors_carry_no_etag(client):
    assert not client.get("/api/stories/nothing-here").has_header("ETag")


def test_allowed_origins_may_read_the_api(client, settings, story):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    response = client.get("/api/stories", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_other_origins_and_other_pages_get_no_cors_headers(client, settings, story):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    assert not client.get("/api/stories", HTTP_ORIGIN="https://evil.example").has_header("Access-Control-Allow-Origin")
    page = client.get(story.get_absolute_url(), HTTP_ORIGIN="https://partner.example")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_a_preflight_from_an_allowed_origin_is_answered(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    response = client.options(
        "/api/stories", HTTP_ORIGIN="https://partner.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_cors_origins_come_from_the_setting(settings):
    from django.conf import settings as live

    assert live.CORS_ALLOWED_ORIGINS == live.API_CORS_ALLOWED_ORIGINS


def test_head_answers_like_get_without_a_body(client, story):
    get = client.get("/api/stories")
    head = client.head("/api/stories")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
