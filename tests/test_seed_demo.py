"""seed_demo fills an empty database with demo content, and running it again does no harm."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleUpdate, RelatedLink, Section
from authors.models import Reporter

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        Section.objects.count(),
        Reporter.objects.count(),
        Article.objects.count(),
        RelatedLink.objects.count(),
        ArticleUpdate.objects.count(),
    )


def test_seed_demo_creates_a_full_newsroom():
    output = seed()
    sections, reporters, stories, links, updates = counts()
    assert sections >= 5
    assert reporters >= 10
    assert stories >= 40
    assert links > 0
    assert updates > 0
    assert "editor" in output and "reporter" in output and "newsroom" in output


def test_seed_demo_stories_have_images_credits_tags_and_bylines():
    seed()
    published = Article.objects.published().with_byline()
    assert published.count() >= 35
    for story in published:
        assert story.lead_image and story.lead_image_credit
        assert story.reporters
        assert story.tags.exists()


def test_seed_demo_schedules_one_story_for_the_near_future():
    seed()
    scheduled = Article.objects.get(status=Article.Status.SCHEDULED)
    assert scheduled.first_published_at > timezone.now()
    assert scheduled not in Article.objects.published()


def test_seed_demo_twice_changes_nothing():
    seed()
    before = counts()
    seed()
    assert counts() == before


def test_seed_demo_logins_work_with_the_demo_password(settings):
    seed()
    editor = authenticate(username="editor", password=settings.DEMO_PASSWORD)
    reporter = authenticate(username="reporter", password=settings.DEMO_PASSWORD)
    assert editor.has_perm("articles.publish_article")
    assert reporter.has_perm("articles.add_article")
    assert not reporter.has_perm("articles.publish_article")
    assert reporter.reporter.name == "Asha Menon"


def test_the_logins_name_the_admin_where_the_site_is_served(settings):
    settings.ADMIN_URL = "desk/"
    settings.NEWSROOM_SITE_URL = "http://127.0.0.1:8123/"
    assert "Demo logins for http://127.0.0.1:8123/desk/:" in seed()
