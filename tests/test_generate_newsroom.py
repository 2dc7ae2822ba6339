"""generate_newsroom fills a database with realistic, consistent synthetic stories."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from taggit.models import Tag

from articles.models import Article, Byline, RelatedLink, Section, TaggedArticle
from authors.models import Reporter

pytestmark = pytest.mark.django_db


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
