"""
Deleting a story moves it to the trash: off every public page at once, kept
whole, and restorable by an editor; only the Trash deletes for good.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import workflow
from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


TRASH = reverse("admin:articles_trashedarticle_changelist")


@pytest.fixture
def story():
    return ArticleFactory(headline="A story deleted by mistake", published=True)


def public_answers(client, article):
    """What readers get for the story: its page, the home page, the RSS feed and the API."""
    return {
        "page": client.get(article.get_absolute_url()).status_code,
        "on home": article.headline in client.get("/").content.decode(),
        "in feed": article.headline in client.get("/feeds/rss/").content.decode(),
        "api": client.get(f"/api/stories/{article.slug}").status_code,
    }


def test_deleting_in_the_admin_moves_the_story_to_the_trash_and_off_the_site(
    client, editor, story, django_capture_on_commit_callbacks
):
    assert public_answers(client, story) == {"page": 200, "on home": True, "in feed": True, "api": 200}
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):  # page caches hear of it on commit
        response = client.post(delete_url(story), {"post": "yes"})
    assert response.status_code == 302
    client.logout()

    story.refresh_from_db()
    assert story.trashed_at is not None and story.trashed_by == editor
    assert story.status == Article.Status.PUBLISHED  # kept as it was, to restore exactly
    assert public_answers(client, story) == {"page": 404, "on home": False, "in feed": False, "api": 404}


def test_the_confirmation_page_says_trash_not_delete(client, editor, story):
    client.force_login(editor)
    page = client.get(delete_url(story)).content.decode()
    assert "Move the story “A story deleted by mistake” to the trash?" in page
    assert "can restore it from the Trash" in page


def test_a_trashed_story_leaves_the_story_list_and_appears_in_the_trash(client, editor, story):
    workflow.article_trash(article=story, by=editor)
    client.force_login(editor)
    assert story.headline not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert story.headline in client.get(TRASH).content.decode()


def test_an_editor_restores_a_story_exactly_as_it_was(client, editor, story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_trash(article=story, by=editor)
    assert public_answers(client, story)["page"] == 404
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(TRASH, {"action": "restore_selected", "_selected_action": [story.pk]})
    assert response.status_code == 302
    client.logout()
    story.refresh_from_db()
    assert story.trashed_at is None and story.status == Article.Status.PUBLISHED
    assert public_answers(client, story) == {"page": 200, "on home": True, "in feed": True, "api": 200}


def test_bulk_delete_moves_every_selected_story_to_the_trash(client, editor):
    stories = ArticleFactory.create_batch(3, published=True)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [s.pk for s in stories], "post": "yes"},
    )
    assert response.status_code == 302
    assert Article.objects.in_trash().count() == 3
    assert Article.objects.count() == 3


def test_only_the_trash_deletes_for_good(client, editor, story):
    workflow.article_trash(article=story, by=editor)
    client.force_login(editor)
    response = client.post(TRASH, {"action": "delete_for_good", "_selected_action": [story.pk], "post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()


def test_reporters_can_neither_delete_nor_see_the_trash(client, reporter_user):
    own_draft = ArticleFactory(created_by=reporter_user)
    client.force_login(reporter_user)
    assert client.post(delete_url(own_draft), {"post": "yes"}).status_code == 403
    assert client.get(TRASH).status_code == 403
    own_draft.refresh_from_db()
    assert own_draft.trashed_at is None
    with pytest.raises(ValidationError) as refused:
        workflow.article_trash(article=own_draft, by=reporter_user)
    assert refused.value.code == "permission_denied"


def test_trashing_twice_or_restoring_a_story_not_in_the_trash_is_refused(editor, story):
    with pytest.raises(ValidationError) as refused:
        workflow.article_restore_from_trash(article=story, by=editor)
    assert refused.value.code == "not_in_trash"
    workflow.article_trash(article=story, by=editor)
    with pytest.raises(ValidationError) as refused:
        workflow.article_trash(article=story, by=editor)
    assert refused.value.code == "already_in_trash"


def test_the_history_shows_who_deleted_and_restored(editor, story):
    workflow.article_trash(article=story, by=editor)
    workflow.article_restore_from_trash(article=story, by=editor)
    notes = list(story.transitions.order_by("at", "pk").values_list("note", "by"))
    assert notes[-2:] == [("Moved to the trash.", editor.pk), ("Restored from the trash.", editor.pk)]
