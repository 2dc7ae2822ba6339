"""Every bad parameter gets a 4xx JSON answer naming the problem, never a 500."""

import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "0",
    "-1",
    "99999999999999999999999999999999",
    "1e309",
    "abc",
    "%00",
    "\x00",
    "\ufffd\ufffd",
    "'; DROP TABLE articles_article; --",
    "../../etc/passwd",
    "x" * 5000,
    "2024-13-45T99:99:99",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
]


@pytest.fixture(autouse=True)
def a_story():
    return ArticleFactory(published=True, tag_names=["rain"])


@pytest.mark.parametrize("value", JUNK)
@pytest.mark.parametrize("name", ["limit", "cursor", "section", "tag", "reporter", "updated_since"])
def test_junk_story_parameters_are_answered_in_json(client, name, value):
    response = client.get("/api/stories", {name: value})
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    if response.status_code >= 400:
        assert response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": "0"}, 422),
        ({"limit": "101"}, 422),
        ({"limit": "99999999999999999999999999"}, 422),
        ({"limit": "ten"}, 422),
        ({"updated_since": "yesterday"}, 422),
        ({"updated_since": "2021-02-30T10:00:00"}, 422),
        ({"section": "<script>"}, 422),
        ({"cursor": "not-a-cursor"}, 400),
    ],
)
def test_clearly_bad_parameters_are_refused(client, params, status):
    response = client.get("/api/stories", params)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize("slug", ["no-such-story", "%00", "..%2F..%2Fadmin", "x" * 300, "%E2%80%AE", "a b"])
def test_unknown_or_malformed_story_slugs_are_json_404s(client, slug):
    response = client.get(f"/api/stories/{slug}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", ["/api/reporters", "/api/tags"])
@pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "-5"}, {"limit": "1" * 40}, {"cursor": "\x00"}])
def test_list_parameters_of_reporters_and_tags_are_checked(client, url, params):
    response = client.get(url, params)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed_and_say_so_in_json(client, method):
    response = getattr(client, method)("/api/stories")
    assert response.status_code == 405
    assert "read-only" in response.json()["detail"]
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("url", ["/api/", "/api/nothing", "/api/stories/a/b", "/api/openapi.yaml"])
def test_unknown_api_addresses_are_json_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
