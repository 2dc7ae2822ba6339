"""Imported READ lines: matched to stories by tolerant headline, or pending until a matching story is saved."""

import pytest
from django.core.management import call_command

from articles.headline_keys import headline_key
from articles.models import Article, RelatedLink
from articles.readlink_resolution import articles_with_pending_links, pending_links, story_matching

from ._import_helpers import story_text
from .factories import ArticleFactory, RelatedLinkFactory

READ_HEADLINE = "Turkey's Aegean Province Of Izmir Hit By Flooding"


def import_text(tmp_path, user, text, name="story.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import_story", "--user", user.username, "--publish", str(path))
    return Article.objects.get(import_key__isnull=False, headline=text.splitlines()[2])


def with_read_line(headline, *, title="Monsoon reaches Kerala two days early"):
    return story_text(
        headline=title,
        body=("First paragraph of the story, long enough to be a paragraph.", f"READ: {headline}", "Second one."),
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Turkey’s Aegean province of Izmir hit by flooding", READ_HEADLINE),
        ("Germany welcomes talks between Greece and Turkey", "GERMANY WELCOMES TALKS BETWEEN GREECE AND TURKEY!"),
        ("ｆｕｌｌ width", "full width"),
        ("मानसून केरल पहुंचा", "मानसून  केरल पहुंचा।"),
    ],
)
def test_headline_keys_ignore_case_punctuation_spacing_and_width(a, b):
    assert headline_key(a) == headline_key(b) != ""


def test_a_read_line_naming_an_existing_story_links_to_it(db, editor, tmp_path):
    target = ArticleFactory(headline="Turkey’s Aegean province of Izmir hit by flooding", published=True)
    story = import_text(tmp_path, editor, with_read_line(READ_HEADLINE))
    link = story.read_links.get()
    assert link.target == target
    assert link.after_paragraph == 1
    assert not link.is_pending


def test_an_unmatched_read_line_is_pending_and_resolves_when_its_story_is_saved(db, editor, tmp_path):
    story = import_text(tmp_path, editor, with_read_line(READ_HEADLINE))
    link = story.read_links.get()
    assert link.is_pending and link.title == READ_HEADLINE
    assert list(articles_with_pending_links()) == [story]

    target = ArticleFactory(headline="Turkey's Aegean province of Izmir hit by flooding")
    link.refresh_from_db()
    assert link.target == target
    assert not pending_links().exists()


def test_importing_the_linked_story_later_resolves_the_earlier_link(db, editor, tmp_path):
    first = import_text(tmp_path, editor, with_read_line("Second story arrives later"), name="a.txt")
    second = import_text(tmp_path, editor, story_text(headline="Second Story Arrives Later!"), name="b.txt")
    assert first.read_links.get().target == second


def test_workflow_saves_do_not_rematch_links(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story = ArticleFactory(headline="A story")
    # Only a new or re-headlined story can match a pending link, so a save of other fields does not look.
    with CaptureQueriesContext(connection) as queries:
        story.save(update_fields=["status"])
    assert not [q for q in queries if "articles_relatedlink" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        story.save()
    assert [q for q in queries if "articles_relatedlink" in q["sql"]]


def test_matching_prefers_the_latest_published_story_and_never_the_story_itself(db):
    older = ArticleFactory(headline="Same headline", published=True)
    newer = ArticleFactory(headline="Same headline", published=True)
    a_year_earlier = newer.first_published_at.replace(year=newer.first_published_at.year - 1)
    Article.objects.filter(pk=older.pk).update(first_published_at=a_year_earlier, updated_at=a_year_earlier)
    assert story_matching("same headline") == newer
    assert story_matching("same headline", exclude=newer) == older


def test_a_pending_link_is_never_pointed_at_its_own_story(db):
    story = ArticleFactory(headline="Circular story")
    RelatedLink.objects.create(article=story, title="Circular Story")
    story.save()
    assert story.read_links.get().is_pending


def test_the_admin_can_find_and_count_stories_with_pending_links(db):
    from django.contrib.admin import site
    from django.test import RequestFactory

    from articles.admin_import import PendingReadLinksFilter, pending_read_links
    from articles.readlink_resolution import with_pending_link_counts

    waiting = ArticleFactory()
    RelatedLink.objects.create(article=waiting, title="Not written yet")
    RelatedLink.objects.create(article=waiting, title="Nor this one")
    RelatedLinkFactory(article=waiting)
    done = ArticleFactory()
    RelatedLinkFactory(article=done)

    counted = {a.pk: pending_read_links(a) for a in with_pending_link_counts(Article.objects.all())}
    assert counted[waiting.pk] == 2 and counted[done.pk] == ""
    request = RequestFactory().get("/", {"read_links": "pending"})
    list_filter = PendingReadLinksFilter(request, {"read_links": ["pending"]}, Article, site._registry[Article])
    assert list(list_filter.queryset(request, Article.objects.all())) == [waiting]


def test_stories_in_the_trash_are_not_read_link_targets(db):
    from django.utils import timezone

    ArticleFactory(headline="Deleted story", trashed_at=timezone.now())
    assert story_matching("Deleted story") is None
    story = ArticleFactory()
    RelatedLink.objects.create(article=story, title="Another deleted story")
    ArticleFactory(headline="Another deleted story", trashed_at=timezone.now())
    assert story.read_links.get().is_pending
