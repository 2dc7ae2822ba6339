"""Automatic related stories: shared tags first, then section, newest first; never itself, only visible."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import TaggedArticle
from articles.related import related_stories

from .factories import ArticleFactory, RelatedLinkFactory, SectionFactory, published_archive

pytestmark = pytest.mark.django_db


def story(hours_ago, **kwargs):
    when = timezone.now() - timedelta(hours=hours_ago)
    return ArticleFactory(published=True, first_published_at=when, updated_at=when, **kwargs)


@pytest.fixture
def india():
    return SectionFactory(name="India")


def related_to(article, limit=3):
    return related_stories(article, tag_ids=[t.pk for t in article.tags.all()], limit=limit)


def test_more_shared_tags_rank_first_then_section_then_newest(india):
    world = SectionFactory(name="World")
    subject = story(0, section=india, tag_names=["monsoon", "farming"])
    two_tags_old = story(50, section=world, tag_names=["monsoon", "farming"])
    one_tag_new = story(1, section=world, tag_names=["monsoon"])
    same_section_newer = story(2, section=india)
    same_section_older = story(9, section=india)
    story(1, section=world)  # unrelated
    assert related_to(subject, limit=4) == [two_tags_old, one_tag_new, same_section_newer, same_section_older]


def test_never_itself_nor_invisible_stories(india):
    subject = story(0, section=india, tag_names=["monsoon"])
    ArticleFactory(section=india, tag_names=["monsoon"])  # draft
    ArticleFactory(scheduled=True, section=india, tag_names=["monsoon"])
    ArticleFactory(unpublished=True, section=india, tag_names=["monsoon"])
    visible = story(3, section=india, tag_names=["monsoon"])
    assert related_to(subject) == [visible]


def test_fills_only_the_gap_left_by_read_links(client, india, settings):
    settings.NEWSROOM_RELATED_COUNT = 3
    subject = story(0, section=india, tag_names=["monsoon"])
    linked = story(1, section=india, headline="Linked by the editor")
    RelatedLinkFactory(article=subject, target=linked)
    others = [story(h, section=india, headline=f"Related {h}") for h in (2, 3, 4)]
    html = client.get(subject.get_absolute_url()).content.decode()
    related_part = html.split('id="related-heading"')[1]
    assert "Linked by the editor" not in related_part  # already a READ link
    assert others[0].headline in related_part and others[1].headline in related_part
    assert others[2].headline not in related_part


def test_nothing_needed_when_the_editor_picked_enough(client, india, settings):
    settings.NEWSROOM_RELATED_COUNT = 1
    subject = story(0, section=india)
    RelatedLinkFactory(article=subject, target=story(1, section=india))
    story(2, section=india, headline="Would be related")
    assert "Would be related" not in client.get(subject.get_absolute_url()).content.decode()


def test_related_stories_take_a_fixed_number_of_queries(india, django_assert_max_num_queries):
    subject = story(0, section=india, tag_names=["a", "b", "c"])
    for h in range(1, 30):
        story(h, section=india, tag_names=["a", "b"])
    subject = type(subject).objects.with_byline().get(pk=subject.pk)
    tag_ids = [t.pk for t in subject.tags.all()]
    # Two on PostgreSQL; SQLite, which cannot slice inside UNION, reads the
    # section's and the tags' candidates separately.
    with django_assert_max_num_queries(2 if connection.vendor == "postgresql" else 4):
        assert len(related_stories(subject, tag_ids=tag_ids, limit=3)) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
@pytest.mark.django_db(transaction=True)  # VACUUM cannot run inside the test's transaction
def test_candidates_are_ranked_from_indexes_without_reading_story_rows(india):
    """An old story's first visit would otherwise read hundreds of cold story rows to rank them."""
    subject = story(0, section=india, tag_names=["monsoon", "farming"])
    monsoon = subject.tags.get(name="monsoon")
    # Enough of an archive that the planner's choice is the one it makes at scale.
    archive = published_archive(3000, india)
    TaggedArticle.objects.bulk_create(TaggedArticle(content_object=a, tag=monsoon) for a in archive[::3])
    tag_ids = [tag.pk for tag in subject.tags.all()]
    with CaptureQueriesContext(connection) as captured:
        related_stories(subject, tag_ids=tag_ids)
    ranking = captured[0]["sql"]
    with connection.cursor() as cursor:
        # As on a live archive, most pages are marked all-visible, so an
        # index-only scan needs no table rows. A few thousand short rows are
        # still cheaper to read whole than a million, so that is priced out.
        # Compacted first: rows other tests inserted and rolled back leave
        # dead pages that would change the planner's sums.
        cursor.execute("VACUUM FULL articles_article, articles_taggedarticle")
        cursor.execute("VACUUM ANALYZE articles_article, articles_taggedarticle")
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {ranking}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
    index_only = {line.split(" using ")[1].split()[0] for line in plan.splitlines() if "Index Only Scan" in line}
    assert {"article_visibility", "tagged_article_unique"} <= index_only
