"""generate_newsroom fills a database with realistic, consistent synthetic stories."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from taggit.models import Tag

from articles.generator.rows import BackgroundWriter
from articles.management.commands import generate_newsroom
from articles.models import Article, Byline, RelatedLink, Section, TaggedArticle
from articles.search import search_articles, update_search_vectors
from authors.models import Reporter

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def generate(**options):
    out = StringIO()
    call_command("generate_newsroom", stdout=out, **options)
    return out.getvalue()


def test_generated_stories_have_the_promised_shape():
    output = generate(stories=300, batch=100, tags=200, reporters=30)
    assert "300 / 300 stories" in output
    assert Section.objects.count() == 20
    assert Reporter.objects.count() == 30
    assert Tag.objects.count() == 200
    assert Article.objects.published().count() == 300

    per_story = Article.objects.annotate(
        n_tags=Count("tagged_items", distinct=True), n_bylines=Count("bylines", distinct=True)
    )
    assert {a.n_tags for a in per_story} <= set(range(3, 9))
    assert {a.n_bylines for a in per_story} <= {1, 2, 3}
    links = RelatedLink.objects.values("article").annotate(n=Count("pk"))
    assert max(row["n"] for row in links) <= 4
    body = Article.objects.first().body
    assert 8 <= body.count("<p>") - body.count("<blockquote>") <= 20


def test_generated_times_spread_over_the_years():
    generate(stories=200, batch=50, tags=50, reporters=10, years=10)
    oldest = Article.objects.earliest("first_published_at").first_published_at
    newest = Article.objects.latest("first_published_at").first_published_at
    assert (newest - oldest).days > 9 * 365


def test_tag_use_has_a_long_tail():
    generate(stories=400, batch=200, tags=300, reporters=10)
    uses = sorted(TaggedArticle.objects.values("tag").annotate(n=Count("pk")).values_list("n", flat=True))
    assert uses[-1] > 5 * uses[len(uses) // 2]


def test_running_again_adds_stories_without_clashing():
    generate(stories=50, batch=50, tags=20, reporters=5)
    generate(stories=50, batch=50, tags=20, reporters=5)
    assert Article.objects.count() == 100
    assert Reporter.objects.count() == 5
    assert Byline.objects.filter(article__isnull=True).count() == 0


def test_nonsense_sizes_are_refused():
    with pytest.raises(CommandError):
        generate(stories=0)


def test_generated_stories_carry_their_lead_image_renditions():
    generate(stories=20, batch=10, tags=20, reporters=5)
    for story in Article.objects.all():
        assert story.lead_renditions["name"] == story.lead_image.name
        assert {r["mime"] for r in story.lead_renditions["renditions"]} == {"image/webp"}


def test_stories_saved_after_generation_get_fresh_ids():
    """Rows are written with explicit ids; the id sequences must be moved past them."""
    generate(stories=30, batch=10, tags=20, reporters=5)
    story = Article.objects.create(headline="Written by hand", section=Section.objects.first())
    Byline.objects.create(article=story, reporter=Reporter.objects.first())
    assert story.pk > Article.objects.exclude(pk=story.pk).order_by("-pk").first().pk


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_generated_search_vectors_are_what_search_itself_stores():
    # transaction=True: outside a transaction the command writes on its background thread.
    generate(stories=400, batch=100, tags=300, reporters=20)
    generated = dict(Article.objects.values_list("pk", "search_vector"))
    update_search_vectors()
    rebuilt = dict(Article.objects.values_list("pk", "search_vector"))
    assert len(generated) == 400
    assert generated == rebuilt
    story = Article.objects.order_by("?").first()
    assert story in {hit for hit in search_articles(story.headline)}


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_big_load_builds_the_story_indexes_again_as_they_were(monkeypatch):
    def index_definitions():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'")
            return dict(cursor.fetchall())

    before = index_definitions()
    monkeypatch.setattr(generate_newsroom, "BIG_LOAD", 50)
    output = generate(stories=60, batch=20, tags=30, reporters=5)
    assert "Dropping article_search_vector for the load" in output
    assert index_definitions() == before
    assert Article.objects.published().count() == 60


def test_a_failed_background_write_stops_the_load():
    def write(batch):
        raise ValueError(f"cannot store {batch}")

    writer = BackgroundWriter(write)
    writer.put("first")
    with pytest.raises(ValueError, match="cannot store first"):
        writer.close()
