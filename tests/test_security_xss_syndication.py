"""
The XSS corpus through syndication: each payload, put into every part of an
imported story file (headline, standfirst, byline, image credit, body, READ
line, tags), either is refused with a clear import error or lands as a story
whose public page, RSS feed and API answer execute nothing.

A refused import is a pass: the importer never stores what it cannot read
safely. Whatever is stored must be inert everywhere it is shown.
"""

import json
from xml.etree import ElementTree

import pytest

from articles.importer import ImportFailure
from articles.importer.saving import import_file

from .factories import SectionFactory, UserFactory
from .xss import PAYLOADS, assert_no_xss, find_xss

pytestmark = pytest.mark.django_db


def story_file(payload):
    one_line = " ".join(payload.splitlines()) or "x"
    return "\n".join(
        [
            "Updated February 6th, 2021 at 16:40 IST",
            f"Headline {one_line}"[:240],
            f"Standfirst {one_line}",
            f"Reported by: {one_line[:100]} and Asha Rao",
            f"| Image:{one_line[:100]}",
            f"A first paragraph with {one_line} inside it.",
            one_line[:60],
            f"READ: {one_line[:200]}",
            f"A last paragraph, {one_line}.",
            f"Tags: {one_line[:90]}",
            "Published February 6th, 2021 at 16:40 IST",
        ]
    ).encode()


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_an_imported_payload_executes_nowhere(payload, client):
    SectionFactory(name="News")
    editor = UserFactory(username="xss-importer", is_superuser=True)
    try:
        story = import_file("payload.txt", story_file(payload), by=editor, publish=True).article
    except ImportFailure as failure:
        assert str(failure), "a refused file must say why"
        return

    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert_no_xss(page.content.decode(), where=f"imported story page, payload {payload!r}")

    feed = client.get("/feeds/rss/")
    assert feed.status_code == 200
    # Feed readers render an item's description as HTML (titles are plain text).
    for description in ElementTree.fromstring(feed.content).iter("description"):  # noqa: S314 (our own feed)
        assert not find_xss(description.text or ""), payload

    answer = client.get(f"/api/stories/{story.slug}")
    assert answer.status_code == 200
    data = json.loads(answer.content)
    # body_html is the one field API clients insert as markup; it must be sanitised like the page.
    assert not find_xss(data["body_html"]), payload
