"""
A story's bylines and tags carry its first-published time, kept by the
database whatever writes them, so reporter and tag pages are sorted by an
index instead of by reading every story of the reporter or tag.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import Article, Byline, TaggedArticle

from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def copies(story):
    """The times on the story's byline and tag rows, as the database has them."""
    return {
        *Byline.objects.filter(article=story).values_list("published_at", flat=True),
        *TaggedArticle.objects.filter(content_object=story).values_list("published_at", flat=True),
    }


def test_new_bylines_and_tags_take_the_storys_time_however_they_are_written():
    story = ArticleFactory(published=True, tag_names=["monsoon"])  # taggit's own writes
    Byline.objects.create(article=story, reporter=ReporterFactory())
    Byline.objects.bulk_create([Byline(article=story, reporter=ReporterFactory(), position=1)])

    assert copies(story) == {Article.objects.get(pk=story.pk).first_published_at}
    assert Byline.objects.filter(article=story).count() == 2


def test_a_byline_or_tag_row_written_again_keeps_the_storys_time():
    story = ArticleFactory(published=True, tag_names=["monsoon"])
    byline = Byline.objects.create(article=story, reporter=ReporterFactory())  # published_at unset in Python
    byline.position = 3
    byline.save()  # writes every column back, published_at=None included
    TaggedArticle.objects.filter(content_object=story).update(published_at=None)
    Byline.objects.bulk_update([byline], ["published_at"])

    assert copies(story) == {Article.objects.get(pk=story.pk).first_published_at}


@pytest.mark.django_db(transaction=True)
def test_migrations_can_still_rebuild_the_tables_and_the_copies_carry_on():
    """SQLite rebuilds a table to alter it; its copy triggers stand aside for migrations."""
    from django.core.management import call_command

    story = ArticleFactory(published=True, tag_names=["monsoon"], reporters=[ReporterFactory()])
    # Back past migrations that alter the story table (0010) and the byline
    # and tag tables (0012), then forward again: every one of them rebuilds.
    call_command("migrate", "articles", "0009", verbosity=0)
    call_command("migrate", "articles", verbosity=0)

    assert copies(story) == {Article.objects.get(pk=story.pk).first_published_at}
    later = timezone.now() - timedelta(minutes=5)
    Article.objects.filter(pk=story.pk).update(first_published_at=later, updated_at=later)
    Byline.objects.create(article=story, reporter=ReporterFactory())
    assert copies(story) == {later}


def test_a_draft_has_no_time_to_copy_until_it_is_published(editor, django_capture_on_commit_callbacks):
    story = ArticleFactory(in_review=True, tag_names=["budget"], reporters=[ReporterFactory()])
    assert copies(story) == {None}

    workflow.article_publish(article=story, by=editor)

    story.refresh_from_db()
    assert story.first_published_at is not None
    assert copies(story) == {story.first_published_at}


def test_rescheduling_and_calling_off_a_schedule_move_the_copies(editor):
    story = ArticleFactory(in_review=True, tag_names=["cricket"], reporters=[ReporterFactory()])
    first = timezone.now() + timedelta(days=1)
    workflow.article_schedule(article=story, by=editor, at=first)
    assert copies(story) == {first}

    later = first + timedelta(days=2)
    workflow.article_reschedule(article=story, by=editor, at=later)
    assert copies(story) == {later}

    workflow.article_cancel_schedule(article=story, by=editor)
    assert copies(story) == {None}


def newest_first(client, url, *headlines):
    text = client.get(url).content.decode()
    return sorted(headlines, key=text.index)


def test_a_reporters_page_and_feed_follow_a_change_of_a_storys_time(client, django_capture_on_commit_callbacks):
    reporter = ReporterFactory(slug="asha")
    now = timezone.now()
    older = ArticleFactory(published=True, headline="Older story", first_published_at=now - timedelta(days=2))
    newer = ArticleFactory(published=True, headline="Newer story", first_published_at=now - timedelta(days=1))
    for story in (older, newer):
        Byline.objects.create(article=story, reporter=reporter)

    for url in ("/reporters/asha/", "/feeds/reporter/asha/rss/"):
        assert newest_first(client, url, "Older story", "Newer story") == ["Newer story", "Older story"]

    # An editor corrects the older story's time (a save, as the admin does).
    older.first_published_at = now - timedelta(hours=1)
    older.updated_at = older.first_published_at
    with django_capture_on_commit_callbacks(execute=True):
        older.save()
        workflow.article_edit_saved(article=older)

    for url in ("/reporters/asha/", "/feeds/reporter/asha/rss/"):
        assert newest_first(client, url, "Older story", "Newer story") == ["Older story", "Newer story"], url


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
@pytest.mark.parametrize(
    ("url", "index"),
    [("/reporters/asha/", "byline_by_reporter_time"), ("/tag/monsoon/", "tagged_article_by_tag_time")],
)
def test_reporter_and_tag_pages_read_their_stories_in_order_from_an_index(client, url, index):
    ArticleFactory(published=True, tag_names=["monsoon"], reporters=[ReporterFactory(slug="asha")])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    [listing] = [
        q["sql"] for q in captured if q["sql"].startswith('SELECT "articles_article"."id"') and "LIMIT 21" in q["sql"]
    ]
    with connection.cursor() as cursor:
        # The test tables are nearly empty, so any plan is cheap: with a full
        # sort priced out, the planner shows whether the index gives the order
        # (ties on the time are put in id order by an incremental sort).
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {listing}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan
