"""A revision snapshot captures a story's content and restores it exactly."""

import pytest

from articles.models import Article
from articles.revisions import article_restore_snapshot, article_snapshot, revision_create

from .factories import ArticleFactory, RelatedLinkFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def test_snapshot_round_trips_text_byline_tags_and_read_links():
    first, second = ReporterFactory(), ReporterFactory()
    story = ArticleFactory(reporters=[first, second], tag_names=["budget", "economy"])
    link = RelatedLinkFactory(article=story, after_paragraph=2)
    original = article_snapshot(story)

    story.headline = "Changed"
    story.body = "<p>Changed.</p>"
    story.save()
    story.bylines.all().delete()
    story.tags.set(["other"])
    story.read_links.all().delete()

    article_restore_snapshot(story, original)

    story = Article.objects.with_byline().get(pk=story.pk)
    assert story.headline == original["headline"]
    assert story.body == original["body"]
    assert story.reporters == [first, second]
    assert sorted(story.tags.names()) == ["budget", "economy"]
    assert [(lnk.target_id, lnk.after_paragraph) for lnk in story.read_links.all()] == [(link.target_id, 2)]


def test_restoring_a_snapshot_does_not_touch_publishing_state():
    story = ArticleFactory(published=True)
    snapshot = article_snapshot(story)
    before = (story.status, story.first_published_at, story.updated_at)
    article_restore_snapshot(story, {**snapshot, "headline": "Restored"})
    story.refresh_from_db()
    assert (story.status, story.first_published_at, story.updated_at) == before


def test_revision_records_who_and_which_version(editor):
    story = ArticleFactory()
    revision = revision_create(article=story, by=editor, summary="First draft")
    assert revision.created_by == editor
    assert revision.base_version == story.version
    assert revision.content["headline"] == story.headline
    assert not revision.is_pending
