"""
No lost edits: two people editing one story.

A save based on a version someone else has since replaced is refused with
a message naming who, a diff of what they changed, and the user's own typed
text still in the form; saving again after that is a deliberate overwrite.
The change form also shows who else has the story open.
"""

import re

import pytest
from django.urls import reverse

from articles.revisions import revision_create

from .admin_pages import change_url, form_fields, post_change_form
from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def as_text(diff_html):
    return re.sub(r"<[^>]+>", "", diff_html).replace("&nbsp;", " ")


@pytest.fixture
def second_editor(db):
    return UserFactory(username="night-editor", group="Editor")


def test_stale_save_is_refused_and_keeps_the_users_text(client, editor, second_editor):
    story = ArticleFactory(headline="Original headline", body="<p>Original body.</p>")
    revision_create(article=story, by=editor)
    client.force_login(editor)
    opened = form_fields(client.get(change_url(story)))  # the first editor opens the story...

    client.force_login(second_editor)  # ...meanwhile the second one saves a change
    post_change_form(client, story, headline="Their headline")

    client.force_login(editor)
    typed = "<p>My long paragraph that must not be lost.</p>"
    response = client.post(change_url(story), {**opened, "body": typed})

    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Their headline"
    assert "My long paragraph" not in story.body
    page = response.content.decode()
    assert "night-editor saved this story after you opened it" in page
    assert "My long paragraph that must not be lost." in page  # still in the form
    conflict = response.context["adminform"].form.conflict
    assert "When you opened the story" in conflict["diff"]
    assert "Headline: Their headline" in as_text(conflict["diff"])
    assert "Headline: Original headline" in as_text(conflict["diff"])
    assert conflict["editors"] == ["night-editor"]


def test_without_a_kept_revision_the_diff_compares_the_users_text(client, editor, second_editor):
    story = ArticleFactory(headline="Original headline")
    client.force_login(editor)
    opened = form_fields(client.get(change_url(story)))
    client.force_login(second_editor)
    post_change_form(client, story, headline="Their headline")

    client.force_login(editor)
    response = client.post(change_url(story), {**opened, "headline": "My <b>headline</b>"})

    diff = response.context["adminform"].form.conflict["diff"]
    assert "Your version" in diff
    assert "&lt;b&gt;" in diff  # typed text is escaped in the diff


def test_saving_again_after_seeing_the_conflict_overwrites_deliberately(client, editor, second_editor):
    story = ArticleFactory(headline="Original headline")
    client.force_login(editor)
    opened = form_fields(client.get(change_url(story)))
    client.force_login(second_editor)
    post_change_form(client, story, headline="Their headline")
    client.force_login(editor)
    refused = client.post(change_url(story), {**opened, "headline": "My headline"})

    response = client.post(change_url(story), form_fields(refused))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "My headline"


def test_a_workflow_step_meanwhile_also_makes_the_form_stale(client, editor):
    story = ArticleFactory()
    client.force_login(editor)
    opened = form_fields(client.get(change_url(story)))
    client.post(reverse("admin:articles_article_workflow", args=[story.pk, "submit"]), {"note": ""})

    response = client.post(change_url(story), {**opened, "headline": "Late edit"})

    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline != "Late edit"


def test_a_save_without_the_version_is_refused(client, editor):
    story = ArticleFactory()
    client.force_login(editor)
    data = form_fields(client.get(change_url(story)))
    del data["base_version"]

    response = client.post(change_url(story), {**data, "headline": "No version"})

    assert response.status_code == 200
    assert "missing the version" in response.content.decode()


def test_change_form_shows_who_else_has_the_story_open(client, editor, second_editor):
    story = ArticleFactory()
    client.force_login(second_editor)
    client.get(change_url(story))

    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()

    assert "Also editing: <span data-presence-names>night-editor</span>" in page


def test_presence_heartbeat_lists_the_others(client, editor, second_editor):
    story = ArticleFactory()
    beat = reverse("admin:articles_article_presence", args=[story.pk])
    client.force_login(editor)
    client.post(beat)

    client.force_login(second_editor)
    response = client.post(beat)

    assert response.json() == {"others": ["desk-editor"]}
    assert "no-store" in response["Cache-Control"]
    assert client.get(beat).status_code == 405


def test_closing_the_form_removes_the_name_at_once(client, editor, second_editor):
    story = ArticleFactory()
    beat = reverse("admin:articles_article_presence", args=[story.pk])
    client.force_login(second_editor)
    client.post(beat)
    client.post(beat, {"leave": "1"})

    client.force_login(editor)

    assert client.post(beat).json() == {"others": []}
