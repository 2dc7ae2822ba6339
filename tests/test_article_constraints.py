"""The database itself refuses data that breaks the model's rules."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, RelatedLink

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_database_rejects_duplicate_slugs():
    ArticleFactory(slug="same-slug")
    section = SectionFactory()
    # bulk_create skips save(), so only the unique index stands in the way.
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create([Article(headline="Another", slug="same-slug", section=section)])


def test_saving_a_story_with_a_taken_slug_via_update_is_rejected():
    ArticleFactory(slug="taken")
    other = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=other.pk).update(slug="taken")


def test_database_rejects_an_unknown_status():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(status="live")


def test_database_rejects_a_published_story_without_a_first_published_time():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED)


def test_database_rejects_an_updated_time_before_first_publication():
    story = ArticleFactory(published=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(updated_at=story.first_published_at - timedelta(minutes=1))


def test_database_rejects_expiry_before_first_publication():
    story = ArticleFactory(published=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(expire_at=story.first_published_at - timedelta(minutes=1))


def test_database_rejects_a_read_link_to_the_story_itself():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLink.objects.create(article=story, target=story)


def test_database_rejects_a_read_link_with_no_destination():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLink.objects.create(article=story)


def test_expired_and_scheduled_times_are_consistent_on_a_valid_story():
    now = timezone.now()
    story = ArticleFactory(published=True, expire_at=now + timedelta(days=1))
    story.refresh_from_db()
    assert story.expire_at > story.first_published_at
