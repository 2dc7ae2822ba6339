"""
Checking that a story is visible probes that story alone: a story's READ
links, a page of the tag sitemap and a reporter's admin lists never make
PostgreSQL read every published story.

Each such read cost from a third of a second (one story's READ links) to
minutes (a reporter's READ-link search) at a million stories. The rows the
plan reads from the story table are counted with EXPLAIN ANALYZE against an
archive of 2,000 stories.
"""

import json

import pytest
from django.db import connection
from taggit.models import Tag

from articles.admin import stories_of
from articles.models import Article, Byline, RelatedLink, TaggedArticle
from articles.sitemaps import with_a_published_story

from .factories import (
    ArticleFactory,
    RelatedLinkFactory,
    ReporterFactory,
    SectionFactory,
    UserFactory,
    published_archive,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans"),
]

ARCHIVE = 2000


@pytest.fixture
def archive():
    return published_archive(ARCHIVE, SectionFactory(name="India"))


def story_rows_read(queryset, *, as_at_scale=False):
    """
    Rows PostgreSQL reads from the story table to run ``queryset``.

    ``as_at_scale`` prices out reading whole tables, as a million stories
    do, where 2,000 would be cheaper to read whole than through an index.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, articles_taggedarticle, articles_byline, articles_relatedlink")
        cursor.execute(f"SET LOCAL enable_seqscan = {'off' if as_at_scale else 'on'}")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)

    def read(node):
        here = 0
        if node.get("Relation Name") == "articles_article":
            here = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
        return here + sum(read(child) for child in node.get("Plans", []))

    return read(plan[0]["Plan"])


def test_a_storys_read_links_check_their_own_targets(archive):
    subject = archive[0]
    for target in archive[1:4]:
        RelatedLinkFactory(article=subject, target=target)
    RelatedLinkFactory(article=subject, target=ArticleFactory(), url="")  # a draft: not shown
    links = RelatedLink.objects.visible().in_order().filter(article=subject)

    assert [link.target for link in links] == archive[1:4]
    assert story_rows_read(links) <= 3 * 4


def test_a_tag_sitemap_page_stops_at_each_tags_first_visible_story(archive):
    tagged = ArticleFactory(published=True, tag_names=[f"tag {n}" for n in range(20)])
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=story, tag=item.tag) for story in archive for item in tagged.tagged_items.all()[:2]
    )
    draft_only = ArticleFactory(tag_names=["embargoed"]).tags.get()
    tags = Tag.objects.all()
    shown = with_a_published_story(tags)

    assert set(shown) == set(tagged.tags.all())
    assert draft_only not in shown
    assert story_rows_read(shown, as_at_scale=True) <= 3 * tags.count()


@pytest.fixture
def reporter_user(archive):
    user = UserFactory(group="Reporter")
    reporter = ReporterFactory(user=user)
    Byline.objects.bulk_create(Byline(article=story, reporter=reporter) for story in archive[::200])
    return user


def test_a_reporters_own_list_is_counted_from_their_stories(archive, reporter_user):
    theirs = Article.objects.filter(stories_of(reporter_user))
    # What the admin's paginator counts (``BoundedCountPaginator``).
    counted = theirs.order_by().values("pk")[:10_001]

    assert counted.count() == ARCHIVE // 200
    assert story_rows_read(counted) <= 3 * ARCHIVE // 200


def test_a_reporters_read_link_search_reads_only_its_page(archive, reporter_user):
    draft = ArticleFactory(created_by=reporter_user, headline="My draft")
    # What the READ-link autocomplete offers a reporter: public stories, and their own.
    offered = Article.objects.filter(Article.objects.published_condition() | stories_of(reporter_user))
    first_page = offered.order_by("-first_published_at", "-pk")[:20]

    assert draft in offered
    assert not draft.is_visible()
    assert story_rows_read(first_page, as_at_scale=True) <= 3 * 20
