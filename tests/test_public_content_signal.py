"""Listeners hear about every change readers could notice, after it commits."""

import pytest

from articles import workflow
from articles.signals import public_content_changed

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    stories = []

    def listener(sender, article, **kwargs):
        stories.append(article.pk)

    public_content_changed.connect(listener)
    yield stories
    public_content_changed.disconnect(listener)


def test_publish_update_and_unpublish_are_announced(editor, heard, django_capture_on_commit_callbacks):
    story = ArticleFactory(in_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=story, by=editor)
        workflow.article_record_update(article=story, by=editor, note="More detail.")
        workflow.article_unpublish(article=story, by=editor)
    assert heard == [story.pk, story.pk, story.pk]


def test_submitting_a_draft_is_not_announced(editor, heard, django_capture_on_commit_callbacks):
    story = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=story, by=editor)
    assert heard == []


def test_nothing_is_announced_before_commit(editor, heard, django_capture_on_commit_callbacks):
    story = ArticleFactory(in_review=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.article_publish(article=story, by=editor)
    assert heard == []
    assert len(callbacks) == 1
