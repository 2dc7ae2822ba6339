"""
With CDN_PURGE_URL set, a change readers can see purges the story's addresses
at the CDN; without it nothing is sent, and a CDN that does not answer never
fails the editor's action.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


class PurgeEndpoint:
    """A loopback HTTP server standing in for the CDN's purge API."""

    def __init__(self):
        self.received = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers["Content-Length"])
                endpoint.received.append((self.headers.get("Authorization"), json.loads(self.rfile.read(length))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/purge"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cdn(settings):
    endpoint = PurgeEndpoint()
    settings.CDN_PURGE_URL = endpoint.url
    settings.CDN_PURGE_TOKEN = "purge-secret"
    settings.NEWSROOM_SITE_URL = "https://news.example"
    yield endpoint
    endpoint.close()


def test_publishing_purges_the_story_and_the_pages_that_list_it(cdn, editor, django_capture_on_commit_callbacks):
    story = ArticleFactory(section=SectionFactory(name="World"), in_review=True, tag_names=["monsoon"])
    story.bylines.create(reporter=ReporterFactory(name="Asha Rao", slug="asha-rao"), position=0)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=story, by=editor)

    [(authorization, body)] = cdn.received
    month = timezone.localtime(Article.objects.get(pk=story.pk).first_published_at)
    assert authorization == "Bearer purge-secret"
    urls = body["urls"]
    for expected in [
        f"https://news.example{story.get_absolute_url()}",
        "https://news.example/",
        "https://news.example/section/world/",
        "https://news.example/tag/monsoon/",
        "https://news.example/reporters/asha-rao/",
        "https://news.example/feeds/rss/",
        "https://news.example/sitemap.xml",
        f"https://news.example/sitemap-stories-{month.year:04d}-{month.month:02d}.xml",
    ]:
        assert expected in urls


def test_unpublishing_purges_too(cdn, editor, django_capture_on_commit_callbacks):
    story = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_unpublish(article=story, by=editor)
    assert f"https://news.example{story.get_absolute_url()}" in cdn.received[0][1]["urls"]


def test_nothing_is_sent_without_a_purge_url(settings, editor, django_capture_on_commit_callbacks):
    endpoint = PurgeEndpoint()
    settings.CDN_PURGE_URL = ""
    try:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_publish(article=ArticleFactory(in_review=True), by=editor)
        assert endpoint.received == []
    finally:
        endpoint.close()


def test_a_cdn_that_does_not_answer_never_fails_the_editor(
    settings, editor, django_capture_on_commit_callbacks, caplog
):
    endpoint = PurgeEndpoint()
    endpoint.close()  # nothing listens on its port any more
    settings.CDN_PURGE_URL = endpoint.url
    story = ArticleFactory(in_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.status == "published"
    assert "CDN purge for story" in caplog.text
