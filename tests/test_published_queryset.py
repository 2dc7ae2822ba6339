"""Article.objects.published(): the one rule for what readers may see."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def visible():
    return set(Article.objects.published())


def test_published_story_is_visible():
    story = ArticleFactory(published=True)
    assert visible() == {story}


@pytest.mark.parametrize("trait", ["in_review", "unpublished"])
def test_unpublished_states_are_invisible(trait):
    ArticleFactory(**{trait: True})
    assert visible() == set()


def test_draft_is_invisible():
    ArticleFactory()
    assert visible() == set()


def test_draft_with_a_past_first_published_time_is_invisible():
    # A story returned to draft after publication keeps its first-published time.
    ArticleFactory(status=Article.Status.DRAFT, first_published_at=timezone.now() - timedelta(days=2))
    assert visible() == set()


def test_scheduled_story_is_invisible_until_its_time_and_visible_from_it():
    go_live = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    story = ArticleFactory(scheduled=True, first_published_at=go_live, updated_at=go_live)

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert visible() == set()
    with time_machine.travel(go_live, tick=False):
        assert visible() == {story}


def test_published_story_with_future_first_published_time_is_invisible():
    ArticleFactory(published=True, first_published_at=timezone.now() + timedelta(minutes=5))
    assert visible() == set()


def test_story_disappears_at_its_expiry_time():
    expire_at = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    story = ArticleFactory(published=True, expire_at=expire_at)

    with time_machine.travel(expire_at - timedelta(seconds=1), tick=False):
        assert visible() == {story}
    with time_machine.travel(expire_at, tick=False):
        assert visible() == set()


def test_published_at_an_explicit_time():
    story = ArticleFactory(published=True)
    assert not Article.objects.published(at=story.first_published_at - timedelta(seconds=1)).exists()
    assert Article.objects.published(at=story.first_published_at).get() == story
