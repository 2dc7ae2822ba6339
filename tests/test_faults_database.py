"""With the database unreachable, pages answer a styled 503 at once, and the site recovers by itself."""

import time

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from newsroom.middleware import DatabaseUnavailableMiddleware

from .appserver import AppServer, TcpProxy, collectstatic
from .factories import ArticleFactory


def test_outage_page_needs_no_database(django_assert_max_num_queries, db):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    with django_assert_max_num_queries(0):
        response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Cache-Control"] == "no-store"
    assert "back in a moment" in response.content.decode()


def test_other_errors_are_not_disguised_as_an_outage():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collectstatic(root)
    return root


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_public_pages_answer_503_while_the_database_is_down_and_recover_when_it_returns(static_root, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")
    story = ArticleFactory(published=True, headline="Budget session opens")
    settings_dict = connection.settings_dict
    proxy = TcpProxy((settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))).start()
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    database_url = f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}"
    try:
        # Page caching off: every request must reach for the database.
        with AppServer(
            tmp_path / "gunicorn.log", DATABASE_URL=database_url, STATIC_ROOT=static_root, PAGE_CACHE_SECONDS=0
        ) as app:
            status, _, body = app.get(story.get_absolute_url())
            assert status == 200 and "Budget session opens" in body

            proxy.stop()
            for path in ["/", story.get_absolute_url(), f"/section/{story.section.slug}/"]:
                started = time.monotonic()
                status, headers, body = app.get(path)
                assert status == 503, (path, body[:500])
                assert headers["Retry-After"].isdigit()
                assert "back in a moment" in body
                assert "/static/css/site." in body  # styled, from static files
                # "Quickly": far inside the worker timeout, not hanging on the database.
                assert time.monotonic() - started < 10

            proxy.start()
            status, _, body = app.get(story.get_absolute_url())
            assert status == 200 and "Budget session opens" in body
    finally:
        proxy.stop()
