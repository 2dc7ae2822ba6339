"""
App processes are stateless: two gunicorn processes sharing one PostgreSQL and
one Redis behave as one site. A story an editor publishes through one process's
admin is served at once by the other, even where the other had the page cached.
"""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest
import redis
from django.db import connection

from articles.models import Article

from .appserver import AppServer, collectstatic
from .factories import ArticleFactory, SectionFactory, UserFactory

REDIS_DB = 13


@pytest.fixture
def shared_env(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several app processes share PostgreSQL in production; SQLite is single-host")
    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    settings_dict = connection.settings_dict
    env = {
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        ),
        "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "STATIC_ROOT": str(tmp_path / "static"),
        # The test speaks plain HTTP to the processes (TLS ends at the load balancer).
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    collectstatic(env["STATIC_ROOT"], **{k: v for k, v in env.items() if k != "STATIC_ROOT"})
    yield env
    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


class Browser:
    """A cookie-keeping HTTP client for one app process, enough to drive the admin."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.server.url + path, timeout=20) as response:
            return response.read().decode()

    def post(self, path, data, *, form_page=None):
        """Submit ``data`` to ``path`` as the form on ``form_page`` (default: ``path``) would."""
        form_page = form_page or path
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(form_page)).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.server.url + path, data=body, headers={"Referer": self.server.url + form_page}
        )
        with self.opener.open(request, timeout=20) as response:
            return response.read().decode()


def test_a_story_published_through_one_process_is_served_at_once_by_the_other(shared_env, tmp_path):
    section = SectionFactory(name="World")
    UserFactory(username="desk", password="a-long-enough-password", is_superuser=True)
    ArticleFactory(headline="Cached front-page story", section=section, published=True)
    breaking = ArticleFactory(headline="Breaking story from the desk", section=section, in_review=True)

    with (
        AppServer(tmp_path / "one.log", **shared_env) as one,
        AppServer(tmp_path / "two.log", **shared_env) as two,
    ):
        status, _, home = two.get("/")
        assert status == 200 and "Cached front-page story" in home
        assert "Breaking story from the desk" not in home

        # A change that bypasses the workflow (no announcement) stays invisible on
        # process two: proof that its home page now comes from the shared cache.
        Article.objects.filter(headline="Cached front-page story").update(headline="Quietly edited headline")
        assert "Cached front-page story" in two.get("/")[2]

        desk = Browser(one)
        desk.post("/admin/login/?next=/admin/", {"username": "desk", "password": "a-long-enough-password"})
        change_url = f"/admin/articles/article/{breaking.pk}/change/"
        desk.post(f"/admin/articles/article/{breaking.pk}/workflow/publish/", {"note": ""}, form_page=change_url)
        breaking.refresh_from_db()
        assert breaking.status == Article.Status.PUBLISHED

        # Process two serves the new story at once: its story page, and its cached home page.
        status, _, story = two.get(breaking.get_absolute_url())
        assert status == 200 and "Breaking story from the desk" in story
        _, _, home = two.get("/")
        assert "Breaking story from the desk" in home
        assert "Quietly edited headline" in home
