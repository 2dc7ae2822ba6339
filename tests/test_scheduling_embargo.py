"""
Embargo: until its time a scheduled story appears on no public URL — pages,
listings, feeds, sitemaps, search, the API, or another story's READ links
and related stories — and from its time it appears, with no worker needed.
Expiry takes it off all of them again.
"""

from datetime import UTC, datetime, timedelta

import pytest

from articles import workflow

from .factories import ArticleFactory, RelatedLinkFactory, ReporterFactory, SectionFactory
from .public_urls import public_urls, sitemap_locations

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)
GO_LIVE = NOW + timedelta(hours=2)
WORD = "Quokkagate"


@pytest.fixture
def embargoed(editor, time_machine):
    time_machine.move_to(NOW, tick=False)
    section = SectionFactory(name="Nation")
    reporter = ReporterFactory(name="Meera Iyer")
    # Live stories sharing section, tag and reporter, so every listing exists.
    neighbour = ArticleFactory(
        published=True, section=section, reporters=[reporter], tag_names=["monsoon"], headline="Rains arrive early"
    )
    story = ArticleFactory(
        in_review=True,
        section=section,
        reporters=[reporter],
        tag_names=["monsoon"],
        headline=f"{WORD} report lands on the desk",
        standfirst="An embargoed report.",
    )
    RelatedLinkFactory(article=neighbour, target=story, after_paragraph=1)
    workflow.article_schedule(article=story, by=editor, at=GO_LIVE)
    return story, neighbour


def fetch_all(client, story, neighbour):
    """Status and text of every public URL (and every sitemap the index lists)."""
    pages = {}
    for url, shows in public_urls(story, neighbour=neighbour):
        response = client.get(url)
        pages[url] = (response.status_code, response.content.decode(errors="replace"), shows)
        if url == "/sitemap.xml" and response.status_code == 200:
            for location in sitemap_locations(pages[url][1]):
                listed = client.get(location)
                pages[location] = (listed.status_code, listed.content.decode(errors="replace"), False)
    return pages


def leaks(text):
    # The headline, or the address (sitemaps list only that). Not the bare
    # word: a search page repeats the query it was given.
    text = text.lower()
    return f"{WORD} report lands".lower() in text or f"{WORD}-report-lands".lower() in text


def test_the_embargoed_story_is_nowhere_until_its_time_then_everywhere(client, embargoed, time_machine):
    story, neighbour = embargoed
    time_machine.move_to(GO_LIVE - timedelta(seconds=1), tick=False)
    before = fetch_all(client, story, neighbour)
    time_machine.move_to(GO_LIVE, tick=False)
    after = fetch_all(client, story, neighbour)

    checked = [url for url, (status, _text, _shows) in after.items() if status != 404]
    # Every kind of public URL answers once the story is live: pages, listings,
    # feeds, sitemaps, search and the API are all checked, none skipped.
    shown = {url for url, (_status, _text, shows) in after.items() if shows}
    assert shown <= set(checked), f"public URLs that should show the story answer 404: {shown - set(checked)}"
    for required in ["/", "/section/nation/", "/tag/monsoon/", story.get_absolute_url(), "/feeds/rss/",
                     "/feeds/atom/", "/news-sitemap.xml", "/api/stories", f"/api/stories/{story.slug}"]:  # fmt: skip
        assert required in checked, required
    assert any(url.startswith("/search/") for url in checked)
    assert any(url.startswith("/sitemap-") for url in checked), "the sitemaps the index lists are followed"
    assert before[story.get_absolute_url()][0] == 404
    for url in checked:
        assert not leaks(before.get(url, (0, "", False))[1]), f"{url} shows the embargoed story early"
    for url in checked:
        status, text, shows = after[url]
        if shows:
            assert status == 200, url
            assert leaks(text), f"{url} does not show the story at its time"


def test_expiry_takes_the_story_off_every_public_url(client, editor, embargoed, time_machine):
    story, neighbour = embargoed
    expires = GO_LIVE + timedelta(hours=1)
    workflow.article_set_expiry(article=story, by=editor, at=expires)
    time_machine.move_to(expires - timedelta(seconds=1), tick=False)
    live = fetch_all(client, story, neighbour)
    assert leaks(live[story.get_absolute_url()][1])
    time_machine.move_to(expires, tick=False)
    gone = fetch_all(client, story, neighbour)
    assert gone[story.get_absolute_url()][0] == 404
    for url, (status, text, _shows) in gone.items():
        if status != 404:
            assert not leaks(text), f"{url} still shows the expired story"
