"""
Every workflow button on the story change form, legal and illegal.

An editor presses each button on a story in each state; a legal move
changes the status and leaves a history entry (who, from, to, note) that
the change form shows; an illegal one is refused with the workflow's
message and changes nothing. Bulk actions obey the same rules story by story.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTransition

from .admin_pages import change_url, messages_of, workflow_url
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def story_in(state, **kwargs):
    return ArticleFactory(**({state: True} if state != "draft" else {}), **kwargs)


def press(client, story, action, **data):
    data.setdefault("note", "")
    return client.post(workflow_url(story, action), data, follow=True)


def in_an_hour():
    return timezone.localtime(timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


LEGAL = [
    ("draft", "submit", {}, Status.IN_REVIEW),
    ("in_review", "return", {"note": "Needs a second source"}, Status.DRAFT),
    ("draft", "publish", {}, Status.PUBLISHED),
    ("in_review", "publish", {}, Status.PUBLISHED),
    ("scheduled", "publish", {}, Status.PUBLISHED),
    ("unpublished", "publish", {}, Status.PUBLISHED),
    ("draft", "schedule", {"at": "LATER"}, Status.SCHEDULED),
    ("in_review", "schedule", {"at": "LATER"}, Status.SCHEDULED),
    ("scheduled", "unpublish", {}, Status.UNPUBLISHED),
    ("published", "unpublish", {"note": "Legal asked"}, Status.UNPUBLISHED),
]


@pytest.mark.parametrize(("state", "action", "data", "to_status"), LEGAL)
def test_legal_transition_moves_the_story_and_records_it(client, editor, state, action, data, to_status):
    story = story_in(state)
    client.force_login(editor)
    data = {key: in_an_hour() if value == "LATER" else value for key, value in data.items()}

    response = press(client, story, action, **data)

    story.refresh_from_db()
    assert story.status == to_status, messages_of(response)
    step = story.transitions.get()
    assert (step.from_status, step.to_status, step.by) == (state, to_status, editor)
    assert step.note == data.get("note", "")


ILLEGAL = [
    ("in_review", "submit", {}, "illegal"),
    ("published", "submit", {}, "illegal"),
    ("scheduled", "submit", {}, "only drafts can"),
    ("unpublished", "submit", {}, "only drafts can"),
    ("draft", "return", {"note": "Why"}, "Only a story in review"),
    ("in_review", "return", {"note": ""}, "Say what the reporter should change"),
    ("published", "publish", {}, "cannot be moved"),
    ("published", "schedule", {"at": "LATER"}, "never been published"),
    ("unpublished", "schedule", {"at": "LATER"}, "never been published"),
    ("draft", "schedule", {"at": "PAST"}, "must be in the future"),
    ("draft", "schedule", {}, "Enter the date and time"),
    ("draft", "unpublish", {}, "cannot be moved"),
    ("in_review", "unpublish", {}, "cannot be moved"),
    ("unpublished", "unpublish", {}, "cannot be moved"),
    ("draft", "record_update", {}, "Only a published story"),
]


@pytest.mark.parametrize(("state", "action", "data", "message"), ILLEGAL)
def test_illegal_transition_is_refused_and_changes_nothing(client, editor, state, action, data, message):
    story = story_in(state)
    before = Article.objects.values().get(pk=story.pk)
    client.force_login(editor)
    past = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {key: {"LATER": in_an_hour(), "PAST": past}.get(value, value) for key, value in data.items()}

    response = press(client, story, action, **data)

    assert Article.objects.values().get(pk=story.pk) == before
    assert not ArticleTransition.objects.exists()
    shown = " ".join(messages_of(response))
    assert "refused" in shown
    if message != "illegal":
        assert message in shown
    else:
        assert "cannot" in shown or "You cannot" in shown


def test_scheduled_time_is_read_in_the_newsroom_time_zone(client, editor, settings):
    story = story_in("draft")
    client.force_login(editor)
    local = timezone.localtime(timezone.now() + timedelta(days=1), ZoneInfo(settings.TIME_ZONE))

    press(client, story, "schedule", at=local.strftime("%Y-%m-%dT%H:%M"))

    story.refresh_from_db()
    assert story.first_published_at == local.replace(second=0, microsecond=0)


def test_record_update_moves_the_public_time_and_adds_the_note(client, editor):
    story = story_in("published")
    client.force_login(editor)

    press(client, story, "record_update", note="Death toll revised", kind="correction")

    story.refresh_from_db()
    assert story.is_updated
    note = story.update_notes.get()
    assert (note.kind, note.note, note.created_by) == ("correction", "Death toll revised", editor)


def test_a_get_request_changes_nothing(client, editor):
    story = story_in("draft")
    client.force_login(editor)

    response = client.get(workflow_url(story, "publish"))

    assert response.status_code == 405
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_an_unknown_action_is_not_found(client, editor):
    story = story_in("draft")
    client.force_login(editor)

    assert client.post(workflow_url(story, "explode")).status_code == 404


def test_change_form_offers_only_legal_buttons_and_shows_history(client, editor):
    story = story_in("in_review")
    client.force_login(editor)
    press(client, story, "return", note="Add the minister's reply")

    page = client.get(change_url(story)).content.decode()

    assert 'value="submit"' in page  # back in draft: it can be submitted again
    assert 'value="unpublish"' not in page
    assert "Add the minister&#x27;s reply" in page  # the history inline
    assert "In review" in page


def test_bulk_publish_reports_each_refusal(client, editor):
    ready = story_in("in_review", headline="Ready to go")
    live = story_in("published", headline="Already live")
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, live.pk]},
        follow=True,
    )

    ready.refresh_from_db()
    assert ready.status == Status.PUBLISHED
    shown = messages_of(response)
    assert "Published 1 story." in shown
    assert any("Already live" in m and "cannot be moved" in m for m in shown)


def test_bulk_submit_by_a_reporter_refuses_stories_in_review(client, reporter_user):
    draft = story_in("draft", created_by=reporter_user)
    waiting = story_in("in_review", created_by=reporter_user)
    client.force_login(reporter_user)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "submit_selected", "_selected_action": [draft.pk, waiting.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert any(waiting.headline in m for m in messages_of(response))
