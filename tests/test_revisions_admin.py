"""
A story's revisions in the admin: one kept per save (who, when, what), a
readable and escaped diff between any two, and restoring an earlier one as
a new revision (editors only), which leaves status and public times alone.
"""

import html
import re

import pytest
from django.urls import reverse

from .admin_pages import change_url, form_fields, post_change_form
from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def as_text(diff_html):
    """The diff's text as an editor reads it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(diff_html))).replace("\xa0", " ")


def revisions_url(story):
    return reverse("admin:articles_article_revisions", args=[story.pk])


def test_every_admin_save_keeps_a_revision(client, editor):
    story = ArticleFactory(headline="First")
    client.force_login(editor)

    post_change_form(client, story, headline="Second")
    post_change_form(client, story, headline="Third")

    revisions = list(story.revisions.order_by("created_at", "pk"))
    assert [r.content["headline"] for r in revisions] == ["Second", "Third"]
    assert all(r.created_by == editor for r in revisions)
    assert [r.base_version for r in revisions] == [2, 3]


def test_revisions_page_diffs_the_latest_two_by_default(client, editor):
    story = ArticleFactory(headline="Before", body="<p>Unchanged.</p><p>Old line.</p>")
    client.force_login(editor)
    post_change_form(client, story, headline="Before")
    post_change_form(client, story, body="<p>Unchanged.</p><p>New <script>x</script> line.</p>")

    response = client.get(revisions_url(story))

    assert response.status_code == 200
    diff = str(response.context["diff"])
    assert "<p>Old line.</p>" in as_text(diff)
    assert "<p>New  line.</p>" in as_text(diff)
    assert "<script>" not in diff  # the sanitiser removed it; nothing unescaped gets through either


def test_diff_between_any_two_chosen_revisions(client, editor):
    story = ArticleFactory(headline="One")
    client.force_login(editor)
    for headline in ["Two", "Three", "Four"]:
        post_change_form(client, story, headline=headline)
    first, _, last = story.revisions.order_by("created_at", "pk")

    response = client.get(revisions_url(story), {"a": first.pk, "b": last.pk})

    assert (response.context["older"], response.context["newer"]) == (first, last)
    text = as_text(response.context["diff"])
    assert "Headline: Two" in text
    assert "Headline: Four" in text


def test_diff_escapes_markup_in_plain_fields(client, editor):
    story = ArticleFactory(headline="Plain")
    client.force_login(editor)
    post_change_form(client, story, headline="Plain")
    post_change_form(client, story, headline="<img src=x onerror=alert(1)>")

    page = client.get(revisions_url(story)).content.decode()

    assert "<img src=x" not in page
    assert "&lt;img&nbsp;src=x" in page


def test_editor_restores_an_earlier_revision_as_a_new_one(client, editor):
    asha, ravi = ReporterFactory(name="Asha"), ReporterFactory(name="Ravi")
    story = ArticleFactory(published=True, headline="Good headline", reporters=[asha])
    client.force_login(editor)
    post_change_form(client, story, change_kind="silent_fix")
    good = story.revisions.get()
    data = form_fields(client.get(change_url(story)))
    client.post(
        change_url(story),
        {
            **data,
            "headline": "Bad headline",
            "change_kind": "silent_fix",
            "bylines-0-reporter": str(ravi.pk),
        },
    )
    story.refresh_from_db()
    times = (story.status, story.first_published_at, story.updated_at)
    assert story.headline == "Bad headline"

    response = client.post(reverse("admin:articles_article_revision_restore", args=[story.pk, good.pk]))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Good headline"
    assert story.reporters == [asha]
    assert (story.status, story.first_published_at, story.updated_at) == times
    latest = story.revisions.order_by("-created_at", "-pk").first()
    assert latest.summary.startswith("Restored")
    assert latest.content["headline"] == "Good headline"
    assert story.revisions.count() == 3


def test_restoring_makes_open_forms_stale(client, editor):
    story = ArticleFactory(headline="A")
    client.force_login(editor)
    post_change_form(client, story, headline="B")
    first = story.revisions.get()
    opened = form_fields(client.get(change_url(story)))
    client.post(reverse("admin:articles_article_revision_restore", args=[story.pk, first.pk]))

    response = client.post(change_url(story), {**opened, "headline": "C"})

    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "B"


def test_reporter_sees_revisions_of_their_story_without_restore(client, reporter_user):
    story = ArticleFactory(created_by=reporter_user)
    client.force_login(reporter_user)
    post_change_form(client, story, headline="Edited by me")

    response = client.get(revisions_url(story))

    assert response.status_code == 200
    assert response.context["can_restore"] is False
    assert "Restore the version" not in response.content.decode()
