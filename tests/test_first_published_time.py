"""The first-published time is set once, by the first publication, and never moves."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_first_publication_sets_first_published_and_updated_times(editor):
    story = ArticleFactory(in_review=True)
    workflow.article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.first_published_at is not None
    assert story.updated_at == story.first_published_at
    assert not story.is_updated


def test_first_published_time_survives_unpublish_republish_and_updates(editor):
    story = ArticleFactory(in_review=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        workflow.article_publish(article=story, by=editor)
    first = Article.objects.get(pk=story.pk).first_published_at

    with time_machine.travel(start + timedelta(hours=1), tick=False):
        workflow.article_record_update(article=story, by=editor, note="New figures added.")
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        workflow.article_unpublish(article=story, by=editor)
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        workflow.article_publish(article=story, by=editor)

    story.refresh_from_db()
    assert story.first_published_at == first
    assert story.updated_at == start + timedelta(hours=1)
    assert story.is_updated


def test_a_silent_save_does_not_move_either_public_time(editor):
    story = ArticleFactory(in_review=True)
    workflow.article_publish(article=story, by=editor)
    story.refresh_from_db()
    before = (story.first_published_at, story.updated_at)

    story.body = "<p>Fixed a typo.</p>"
    story.save()

    story.refresh_from_db()
    assert (story.first_published_at, story.updated_at) == before


def test_a_scheduled_story_published_early_takes_the_actual_time(editor):
    story = ArticleFactory(in_review=True)
    workflow.article_schedule(article=story, by=editor, at=timezone.now() + timedelta(hours=2))
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        workflow.article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.first_published_at == now


def test_a_due_scheduled_story_keeps_its_scheduled_time_when_marked_published(editor):
    go_live = timezone.now() + timedelta(minutes=10)
    story = ArticleFactory(in_review=True)
    workflow.article_schedule(article=story, by=editor, at=go_live)
    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        workflow.article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.first_published_at == go_live
    assert story.status == Article.Status.PUBLISHED
