"""
What readers see around scheduled times, with a controlled clock: a story
appears exactly at its time (not a second early, no worker needed); a
pending update goes live at its time while readers see the old version
before it; an expired story leaves its page and the listings.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from articles import workflow
from articles.revisions import article_snapshot

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 8, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def run_scheduler(django_capture_on_commit_callbacks):
    # Run the callbacks the worker's commits trigger (cache invalidation).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", verbosity=0)


def text(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_a_scheduled_story_appears_exactly_at_its_time(client, editor, clock):
    section = SectionFactory(name="City")
    ArticleFactory(published=True, section=section)
    story = ArticleFactory(in_review=True, section=section, headline="Metro line opens")
    at = NOW + timedelta(minutes=30)
    workflow.article_schedule(article=story, by=editor, at=at)

    clock.move_to(at - timedelta(seconds=1), tick=False)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Metro line opens" not in text(client, "/")[1]
    assert "Metro line opens" not in text(client, "/section/city/")[1]

    clock.move_to(at, tick=False)  # no worker has run
    status, page = text(client, story.get_absolute_url())
    assert status == 200 and "Metro line opens" in page
    assert "Metro line opens" in text(client, "/")[1]
    assert "Metro line opens" in text(client, "/section/city/")[1]


def test_readers_see_the_old_version_until_the_update_goes_live(
    client, editor, clock, django_capture_on_commit_callbacks
):
    story = ArticleFactory(published=True, headline="Storm nears the coast", section=SectionFactory(name="Weather"))
    url = story.get_absolute_url()
    go_live = NOW + timedelta(hours=1)
    workflow.revision_schedule(
        article=story,
        content={**article_snapshot(story), "body": "<p>The storm made landfall at noon.</p>"},
        go_live_at=go_live,
        by=editor,
        is_real_update=True,
        update_note="Landfall confirmed.",
    )
    assert "made landfall" not in text(client, url)[1]

    clock.move_to(go_live - timedelta(seconds=1), tick=False)
    run_scheduler(django_capture_on_commit_callbacks)
    status, page = text(client, url)
    assert status == 200 and "made landfall" not in page and "Landfall confirmed." not in page

    clock.move_to(go_live + timedelta(seconds=1), tick=False)
    run_scheduler(django_capture_on_commit_callbacks)
    status, page = text(client, url)
    assert status == 200
    assert "made landfall" in page
    assert "Landfall confirmed." in page
    assert "Updated" in page


def test_an_expired_story_leaves_its_page_and_the_listings(client, editor, clock, django_capture_on_commit_callbacks):
    section = SectionFactory(name="Sport")
    ArticleFactory(published=True, section=section)
    story = ArticleFactory(published=True, section=section, headline="Final score tonight")
    expires = NOW + timedelta(hours=2)
    workflow.article_set_expiry(article=story, by=editor, at=expires)

    clock.move_to(expires - timedelta(seconds=1), tick=False)
    assert "Final score tonight" in text(client, "/section/sport/")[1]
    clock.move_to(expires, tick=False)  # gone at its time, before any worker runs
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Final score tonight" not in text(client, "/")[1]
    assert "Final score tonight" not in text(client, "/section/sport/")[1]
    run_scheduler(django_capture_on_commit_callbacks)
    story.refresh_from_db()
    assert story.status == "unpublished"
    assert client.get(story.get_absolute_url()).status_code == 404
