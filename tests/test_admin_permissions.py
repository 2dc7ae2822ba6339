"""
Who may do what in the story admin, enforced on the server.

A matrix of role × action × story state, each tried through HTTP requests
to the admin (not by reading which buttons are shown): reporters draft and
submit their own stories; only editors return, publish, schedule,
unpublish, edit others' stories and set publishing fields.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.revisions import revision_create

from .admin_pages import change_url, form_fields, messages_of, post_change_form, workflow_url
from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def other_reporter(db):
    return UserFactory(username="other-reporter", group="Reporter")


def story_for(owner, state):
    traits = {state: True} if state != "draft" else {}
    return ArticleFactory(created_by=owner, **traits)


def at_in_an_hour():
    return timezone.localtime(timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


# role, action, state the story is in, allowed?
MATRIX = [
    ("reporter", "submit", "draft", True),
    ("reporter", "return", "in_review", False),
    ("reporter", "publish", "draft", False),
    ("reporter", "publish", "in_review", False),
    ("reporter", "schedule", "in_review", False),
    ("reporter", "unpublish", "published", False),
    ("reporter", "record_update", "published", False),
    ("editor", "submit", "draft", True),
    ("editor", "return", "in_review", True),
    ("editor", "publish", "draft", True),
    ("editor", "publish", "in_review", True),
    ("editor", "schedule", "in_review", True),
    ("editor", "unpublish", "published", True),
    ("editor", "record_update", "published", True),
]


@pytest.mark.parametrize(("role", "action", "state", "allowed"), MATRIX)
def test_workflow_action_matrix(client, editor, reporter_user, role, action, state, allowed):
    story = story_for(reporter_user, state)
    before = (story.status, story.version)
    client.force_login(editor if role == "editor" else reporter_user)

    response = client.post(
        workflow_url(story, action), {"note": "Tighten the intro", "at": at_in_an_hour(), "kind": "update"}, follow=True
    )

    story.refresh_from_db()
    assert response.status_code == 200
    if allowed:
        assert story.version > before[1], messages_of(response)
        assert not any("refused" in m for m in messages_of(response))
    else:
        assert (story.status, story.version) == before
        assert any("refused" in m for m in messages_of(response))


def test_reporter_cannot_act_on_someone_elses_story(client, reporter_user, other_reporter):
    story = story_for(other_reporter, "draft")
    client.force_login(reporter_user)

    response = client.post(workflow_url(story, "submit"), {"note": ""})

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.status == Status.DRAFT


@pytest.mark.parametrize(
    ("role", "owner", "state", "can_save"),
    [
        ("reporter", "self", "draft", True),
        ("reporter", "self", "in_review", False),
        ("reporter", "self", "published", False),
        ("reporter", "other", "draft", False),
        ("editor", "reporter", "draft", True),
        ("editor", "reporter", "in_review", True),
        ("editor", "reporter", "scheduled", True),
    ],
)
def test_story_edit_matrix(client, editor, reporter_user, other_reporter, role, owner, state, can_save):
    owners = {"self": reporter_user, "other": other_reporter, "reporter": reporter_user}
    story = story_for(owners[owner], state)
    user = editor if role == "editor" else reporter_user
    client.force_login(editor)
    data = form_fields(client.get(change_url(story)))  # a complete form, as an editor would see it
    client.force_login(user)

    response = client.post(change_url(story), {**data, "headline": "Changed by the test"})

    story.refresh_from_db()
    if can_save:
        assert response.status_code == 302
        assert story.headline == "Changed by the test"
    else:
        assert response.status_code in (302, 403)
        assert story.headline != "Changed by the test"


def test_reporter_sees_a_story_in_review_read_only(client, reporter_user):
    story = story_for(reporter_user, "in_review")
    client.force_login(reporter_user)

    response = client.get(change_url(story))

    assert response.status_code == 200
    assert 'name="headline"' not in response.content.decode()
    assert response.context["has_change_permission"] is False


def test_reporter_cannot_open_someone_elses_story(client, reporter_user, other_reporter):
    story = story_for(other_reporter, "draft")
    client.force_login(reporter_user)

    response = client.get(change_url(story))

    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert story.headline not in client.get(CHANGELIST).content.decode()


def test_reporter_cannot_set_publishing_fields(client, reporter_user):
    story = story_for(reporter_user, "draft")
    client.force_login(reporter_user)

    response = post_change_form(
        client, story, top_story_position="1", expire_at_0="01/01/2030", expire_at_1="10:00", status="published"
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.top_story_position is None
    assert story.expire_at is None
    assert story.status == Status.DRAFT


def test_editor_sets_publishing_fields(client, editor):
    story = ArticleFactory()
    client.force_login(editor)

    response = post_change_form(client, story, top_story_position="1")

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.top_story_position == 1


def test_reporter_is_not_offered_editor_bulk_actions(client, reporter_user):
    story = story_for(reporter_user, "draft")
    client.force_login(reporter_user)

    actions = [name for name, _ in client.get(CHANGELIST).context["action_form"].fields["action"].choices]
    response = client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [story.pk]})

    assert "submit_selected" in actions
    assert "publish_selected" not in actions
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_reporter_cannot_restore_a_revision(client, reporter_user):
    story = story_for(reporter_user, "draft")
    first = revision_create(article=story, by=reporter_user)
    client.force_login(reporter_user)

    response = client.post(reverse("admin:articles_article_revision_restore", args=[story.pk, first.pk]))

    assert response.status_code == 403


def test_reporter_cannot_add_update_notes(client, reporter_user):
    story = story_for(reporter_user, "draft")
    client.force_login(reporter_user)

    response = post_change_form(
        client,
        story,
        **{
            "update_notes-TOTAL_FORMS": "1",
            "update_notes-INITIAL_FORMS": "0",
            "update_notes-0-kind": "correction",
            "update_notes-0-note": "Sneaky",
        },
    )

    assert response.status_code == 302
    assert story.update_notes.count() == 0


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_section_and_tag_admin_is_for_editors(client, editor, reporter_user, role):
    client.force_login(editor if role == "editor" else reporter_user)

    add_section = client.get(reverse("admin:articles_section_add"))
    tags = client.get(reverse("admin:taggit_tag_add"))
    reporters = client.get(reverse("admin:authors_reporter_add"))

    expected = 200 if role == "editor" else 403
    assert (add_section.status_code, tags.status_code, reporters.status_code) == (expected,) * 3
