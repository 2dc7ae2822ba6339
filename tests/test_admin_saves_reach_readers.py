"""
What an editor saves in the change form reaches readers at once and through
the workflow: a silent fix clears cached pages, and an expiry is set through
``workflow.article_set_expiry`` (who and when recorded), with a bad expiry
shown on the form instead of failing in the database.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from .admin_pages import post_change_form
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def expiry_fields(at):
    local = timezone.localtime(at)
    return {"expire_at_0": local.strftime("%Y-%m-%d"), "expire_at_1": local.strftime("%H:%M:%S")}


@pytest.fixture
def live_story():
    return ArticleFactory(headline="Bridge reopens after repairs", published=True)


def test_a_silent_fix_replaces_the_cached_page(client, editor, live_story, django_capture_on_commit_callbacks):
    assert "Bridge reopens after repairs" in client.get(live_story.get_absolute_url()).content.decode()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change_form(
            client, live_story, headline="Bridge reopens after its repairs", change_kind="silent_fix"
        )
    assert response.status_code == 302
    client.logout()
    assert "Bridge reopens after its repairs" in client.get(live_story.get_absolute_url()).content.decode()


def test_an_expiry_set_in_the_form_goes_through_the_workflow(client, editor, live_story):
    at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(editor)
    response = post_change_form(client, live_story, change_kind="silent_fix", **expiry_fields(at))
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert live_story.expire_at == at
    assert live_story.expiry_set_by == editor
    assert live_story.transitions.filter(note__startswith="Expiry set for").exists()


def test_an_expiry_in_the_past_is_refused_on_the_form_and_nothing_is_saved(client, editor, live_story):
    client.force_login(editor)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    response = post_change_form(client, live_story, change_kind="silent_fix", **expiry_fields(an_hour_ago))
    assert response.status_code == 200
    assert "The expiry time must be in the future" in response.content.decode()
    live_story.refresh_from_db()
    assert live_story.expire_at is None


def test_an_expiry_before_a_future_publication_is_refused_on_the_form(client, editor):
    story = ArticleFactory(scheduled=True)
    client.force_login(editor)
    before = story.first_published_at - timedelta(minutes=5)
    response = post_change_form(client, story, **expiry_fields(before))
    assert response.status_code == 200
    assert "The story would expire before it is published." in response.content.decode()
    story.refresh_from_db()
    assert story.expire_at is None
