"""
Scheduling through the workflow: editors schedule, move and cancel first
publications, pending updates and expiries; refusals carry a code and
change nothing; due actions are applied once, with history.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from articles import workflow
from articles.models import Article, ArticleRevision, ArticleTransition, ArticleUpdate
from articles.revisions import article_snapshot

from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def refused(code, call, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code


def scheduled_story(editor, at=NOW + timedelta(hours=2)):
    story = ArticleFactory(in_review=True)
    workflow.article_schedule(article=story, by=editor, at=at)
    return story


def pending_update(editor, story, *, at=NOW + timedelta(hours=1), **kwargs):
    content = {**article_snapshot(story), "headline": "The new headline"}
    return workflow.revision_schedule(article=story, content=content, go_live_at=at, by=editor, **kwargs)


# First publication


def test_scheduling_records_who_scheduled_it(editor):
    story = scheduled_story(editor)
    story.refresh_from_db()
    assert story.scheduled_by == editor


def test_reschedule_moves_the_time_and_records_who(editor):
    story = scheduled_story(editor)
    other = UserFactory(username="night-editor", group="Editor")
    workflow.article_reschedule(article=story, by=other, at=NOW + timedelta(hours=5))
    story.refresh_from_db()
    assert story.scheduled_by == other
    workflow.article_reschedule(article=story, by=editor, at=NOW + timedelta(hours=5))
    story.refresh_from_db()
    assert story.first_published_at == story.updated_at == NOW + timedelta(hours=5)
    latest = story.transitions.first()
    assert (latest.from_status, latest.to_status, latest.by) == ("scheduled", "scheduled", editor)


def test_reschedule_is_refused_for_reporters_past_times_and_unscheduled_stories(editor, reporter_user):
    story = scheduled_story(editor)
    refused("permission_denied", workflow.article_reschedule, article=story, by=reporter_user, at=NOW + timedelta(1))
    refused("schedule_in_past", workflow.article_reschedule, article=story, by=editor, at=NOW - timedelta(seconds=1))
    draft = ArticleFactory()
    refused("not_scheduled", workflow.article_reschedule, article=draft, by=editor, at=NOW + timedelta(1))
    story.refresh_from_db()
    assert story.first_published_at == NOW + timedelta(hours=2)


def test_cancelling_a_schedule_sends_the_story_back_to_review(editor):
    story = scheduled_story(editor)
    workflow.article_cancel_schedule(article=story, by=editor)
    story.refresh_from_db()
    assert (story.status, story.first_published_at, story.updated_at) == ("in_review", None, None)
    workflow.article_schedule(article=story, by=editor, at=NOW + timedelta(days=1))
    assert story.status == "scheduled"


def test_a_story_already_live_cannot_have_its_schedule_cancelled(editor, clock):
    story = scheduled_story(editor)
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    refused("already_live", workflow.article_cancel_schedule, article=story, by=editor)


# Expiry


def test_setting_and_clearing_an_expiry_records_who(editor):
    story = ArticleFactory(published=True)
    workflow.article_set_expiry(article=story, by=editor, at=NOW + timedelta(days=1))
    story.refresh_from_db()
    assert (story.expire_at, story.expiry_set_by) == (NOW + timedelta(days=1), editor)
    workflow.article_clear_expiry(article=story, by=editor)
    story.refresh_from_db()
    assert (story.expire_at, story.expiry_set_by) == (None, None)


def test_expiry_must_be_future_and_after_publication(editor, reporter_user):
    story = scheduled_story(editor)
    refused("expiry_in_past", workflow.article_set_expiry, article=story, by=editor, at=NOW - timedelta(minutes=1))
    refused(
        "expires_before_publication", workflow.article_set_expiry, article=story, by=editor, at=NOW + timedelta(hours=1)
    )
    refused("permission_denied", workflow.article_set_expiry, article=story, by=reporter_user, at=NOW + timedelta(9))
    story.refresh_from_db()
    assert story.expire_at is None


# Pending updates


def test_a_pending_update_leaves_the_live_story_alone(editor):
    story = ArticleFactory(published=True, headline="The old headline")
    revision = pending_update(editor, story, is_real_update=True, update_note="Toll rises.")
    story.refresh_from_db()
    assert story.headline == "The old headline"
    assert revision.is_pending and revision.base_version == story.version and revision.created_by == editor


def test_pending_update_refusals(editor, reporter_user):
    draft = ArticleFactory()
    refused("not_live", pending_update, editor, draft)
    story = ArticleFactory(published=True)
    refused("permission_denied", pending_update, reporter_user, story)
    refused("schedule_in_past", pending_update, editor, story, at=NOW)
    refused("stale_edit", pending_update, editor, story, base_version=story.version - 1)
    refused("invalid_update_kind", pending_update, editor, story, update_kind="rumour")
    refused(
        "invalid_content",
        workflow.revision_schedule,
        article=story,
        content={"headline": " "},
        go_live_at=NOW + timedelta(hours=1),
        by=editor,
    )
    pending_update(editor, story)
    refused("pending_update_exists", pending_update, editor, story, at=NOW + timedelta(hours=3))
    assert ArticleRevision.objects.filter(article=story).count() == 1


def test_a_pending_update_can_be_moved_or_cancelled(editor):
    story = ArticleFactory(published=True)
    revision = pending_update(editor, story)
    workflow.revision_reschedule(revision=revision, by=editor, go_live_at=NOW + timedelta(hours=4))
    revision.refresh_from_db()
    assert revision.go_live_at == NOW + timedelta(hours=4)
    workflow.revision_cancel(revision=revision, by=editor)
    revision.refresh_from_db()
    assert not revision.is_pending
    refused("not_pending", workflow.revision_cancel, revision=revision, by=editor)


def test_an_expiry_before_a_pending_update_is_refused(editor):
    story = ArticleFactory(published=True)
    pending_update(editor, story, at=NOW + timedelta(hours=3))
    refused("expires_before_update", workflow.article_set_expiry, article=story, by=editor, at=NOW + timedelta(hours=2))


def test_schedule_edit_keeps_the_edit_pending_and_the_story_untouched(editor):
    story = ArticleFactory(published=True, headline="Before")

    def edit():
        story.headline = "After"
        story.version += 1
        story.save()

    revision = workflow.revision_schedule_edit(
        article=story, apply_edit=edit, go_live_at=NOW + timedelta(hours=1), by=editor
    )
    assert revision.content["headline"] == "After"
    stored = Article.objects.get(pk=story.pk)
    assert stored.headline == "Before"
    assert revision.base_version == stored.version


# Applying what is due


def test_nothing_is_applied_before_its_time(editor):
    scheduled_story(editor)
    story = ArticleFactory(published=True)
    pending_update(editor, story)
    assert workflow.apply_due(now=NOW) == []


def test_a_due_scheduled_story_is_marked_published_with_history(editor, clock):
    story = scheduled_story(editor)
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    assert len(workflow.apply_due()) == 1
    story.refresh_from_db()
    assert story.status == "published"
    assert story.first_published_at == NOW + timedelta(hours=2)
    assert ArticleTransition.objects.filter(article=story, from_status="scheduled", to_status="published").count() == 1


def test_a_due_update_replaces_the_content_moves_updated_and_adds_the_note(editor, clock):
    story = ArticleFactory(published=True, headline="The old headline")
    version = story.version
    revision = pending_update(editor, story, is_real_update=True, update_note="Toll rises.", update_kind="correction")
    clock.move_to(NOW + timedelta(hours=1, seconds=3), tick=False)
    assert len(workflow.apply_due()) == 1
    story.refresh_from_db()
    revision.refresh_from_db()
    assert story.headline == "The new headline"
    assert story.version == version + 1
    assert story.updated_at == NOW + timedelta(hours=1)
    note = ArticleUpdate.objects.get(article=story)
    assert (note.note, note.kind, note.created_by) == ("Toll rises.", "correction", editor)
    assert note.noted_at == story.updated_at
    assert revision.applied_at == NOW + timedelta(hours=1, seconds=3)
    assert workflow.apply_due() == []


def test_a_quiet_update_keeps_the_updated_time(editor, clock):
    story = ArticleFactory(published=True)
    updated_at = story.updated_at
    pending_update(editor, story, update_note="ignored without a real update")
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    workflow.apply_due()
    story.refresh_from_db()
    assert story.headline == "The new headline"
    assert story.updated_at == updated_at
    assert not ArticleUpdate.objects.filter(article=story).exists()


def test_an_update_made_from_an_older_version_is_held_not_applied(editor, clock):
    story = ArticleFactory(published=True, headline="The old headline")
    revision = pending_update(editor, story)
    # Someone marks a later change as an update before the pending one falls due.
    workflow.article_record_update(article=story, by=editor, note="Another change.")
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    assert workflow.apply_due() == []
    assert workflow.next_due_at() is None
    story.refresh_from_db()
    revision.refresh_from_db()
    assert story.headline == "The old headline"
    assert revision.is_pending
    assert workflow.revision_is_stale(revision, story)


def test_a_due_expiry_unpublishes_the_story(editor, clock):
    story = ArticleFactory(published=True)
    workflow.article_set_expiry(article=story, by=editor, at=NOW + timedelta(minutes=30))
    clock.move_to(NOW + timedelta(minutes=30), tick=False)
    assert len(workflow.apply_due()) == 1
    story.refresh_from_db()
    assert story.status == "unpublished"
    assert ArticleTransition.objects.filter(article=story, to_status="unpublished", by=None).count() == 1


def test_go_live_then_update_then_expiry_apply_in_one_pass(editor, clock):
    story = ArticleFactory(published=True)
    pending_update(editor, story)
    workflow.article_set_expiry(article=story, by=editor, at=NOW + timedelta(hours=3))
    scheduled = scheduled_story(editor)
    clock.move_to(NOW + timedelta(hours=4), tick=False)
    assert len(workflow.apply_due()) == 3
    story.refresh_from_db()
    scheduled.refresh_from_db()
    assert (story.headline, story.status, scheduled.status) == ("The new headline", "unpublished", "published")


def test_due_actions_are_announced_after_commit(editor, clock, django_capture_on_commit_callbacks):
    from articles.signals import public_content_changed

    heard = []

    def listener(sender, article, **kwargs):
        heard.append(article.pk)

    story = scheduled_story(editor)
    clock.move_to(NOW + timedelta(hours=3), tick=False)
    public_content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply_due()
    finally:
        public_content_changed.disconnect(listener)
    assert heard == [story.pk]


def test_a_failing_action_is_rolled_back_and_does_not_hold_up_the_rest(editor, clock, caplog):
    taken = ArticleFactory(published=True, slug="taken-address")
    broken = ArticleFactory(published=True, headline="Broken")
    content = {**article_snapshot(broken), "headline": "Clashing", "slug": taken.slug}
    workflow.revision_schedule(article=broken, content=content, go_live_at=NOW + timedelta(minutes=1), by=editor)
    fine = ArticleFactory(published=True)
    pending_update(editor, fine, at=NOW + timedelta(minutes=2))
    clock.move_to(NOW + timedelta(minutes=5), tick=False)

    with caplog.at_level("ERROR", logger="articles.scheduler"):
        done = workflow.apply_due()

    assert len(done) == 1
    fine.refresh_from_db()
    broken.refresh_from_db()
    assert fine.headline == "The new headline"
    assert (broken.headline, broken.slug) == ("Broken", article_snapshot(broken)["slug"])
    assert ArticleRevision.objects.get(article=broken).is_pending
    assert "could not apply" in caplog.text


def test_nothing_stray_happens_at_a_moved_or_cancelled_time(editor, clock):
    moved = scheduled_story(editor, at=NOW + timedelta(hours=1))
    workflow.article_reschedule(article=moved, by=editor, at=NOW + timedelta(hours=3))
    cancelled = scheduled_story(editor, at=NOW + timedelta(hours=1))
    workflow.article_cancel_schedule(article=cancelled, by=editor)
    live = ArticleFactory(published=True, headline="The old headline")
    workflow.revision_cancel(revision=pending_update(editor, live), by=editor)
    kept = ArticleFactory(published=True)
    workflow.article_set_expiry(article=kept, by=editor, at=NOW + timedelta(hours=1))
    workflow.article_clear_expiry(article=kept, by=editor)

    clock.move_to(NOW + timedelta(hours=2), tick=False)
    assert workflow.apply_due() == []
    assert not Article.objects.published().filter(pk__in=[moved.pk, cancelled.pk]).exists()
    assert Article.objects.published().filter(pk=kept.pk).exists()
    live.refresh_from_db()
    assert live.headline == "The old headline"


def test_a_story_in_the_trash_keeps_its_due_actions_until_restored(editor, clock):
    story = scheduled_story(editor)
    live = ArticleFactory(published=True, headline="The old headline")
    pending_update(editor, live)
    for trashed in (story, live):
        workflow.article_trash(article=trashed, by=editor)
    clock.move_to(NOW + timedelta(hours=3), tick=False)
    assert workflow.apply_due() == []
    assert workflow.next_due_at() is None

    for trashed in (story, live):
        workflow.article_restore_from_trash(article=trashed, by=editor)
    assert len(workflow.apply_due()) == 2
    story.refresh_from_db()
    live.refresh_from_db()
    assert (story.status, live.headline) == ("published", "The new headline")
