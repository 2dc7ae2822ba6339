"""
Previews: any story, or a pending revision of a live one, rendered exactly
as readers would see it, from the admin and through a signed share link
that expires; never indexed, never cached publicly.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.preview import preview_share_url, preview_token
from articles.revisions import article_snapshot, revision_create
from articles.workflow import revision_schedule

from .admin_pages import change_url, messages_of
from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_admin_previews_a_draft_as_readers_will_see_it(client, reporter_user):
    story = ArticleFactory(
        created_by=reporter_user, headline="Draft in progress", reporters=[ReporterFactory(name="Asha Rao")]
    )
    client.force_login(reporter_user)

    response = client.get(reverse("admin:articles_article_preview", args=[story.pk]))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "articles/article_detail.html"
    page = response.content.decode()
    assert "Draft in progress" in page
    assert "Asha Rao" in page
    assert_private(response)


def test_admin_preview_of_a_revision_shows_it_without_saving(client, editor):
    story = ArticleFactory(published=True, headline="Live headline")
    content = {**article_snapshot(story), "headline": "Pending headline", "body": "<p>Pending body.</p>"}
    pending = revision_create(article=story, by=editor)
    pending.content = content
    pending.save()
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_preview", args=[story.pk]), {"revision": pending.pk})

    assert "Pending headline" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Live headline"
    assert "Pending body" not in story.body
    assert_private(response)


def test_reporter_cannot_preview_someone_elses_story(client, reporter_user):
    story = ArticleFactory()
    client.force_login(reporter_user)

    assert client.get(reverse("admin:articles_article_preview", args=[story.pk])).status_code == 404


def test_share_link_is_made_from_the_change_form(client, editor):
    story = ArticleFactory()
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_preview_share", args=[story.pk]), follow=True)

    assert response.redirect_chain[-1][0] == change_url(story)
    assert any("/preview/" in message for message in messages_of(response))


def test_valid_share_link_shows_the_draft_without_a_login(client):
    story = ArticleFactory(headline="Embargoed story")

    response = client.get(preview_share_url(article=story))

    assert response.status_code == 200
    assert "Embargoed story" in response.content.decode()
    assert_private(response)


def test_share_link_for_a_revision_shows_that_revision(client, editor):
    story = ArticleFactory(published=True, headline="Live headline")
    revision = revision_create(article=story, by=editor)
    revision.content = {**revision.content, "headline": "Revised headline"}
    revision.save()

    response = client.get(preview_share_url(article=story, revision=revision))

    assert "Revised headline" in response.content.decode()
    assert Article.objects.get(pk=story.pk).headline == "Live headline"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: token.replace(token.split(":")[0], token.split(":")[0][::-1], 1),  # payload changed
        lambda token: "not-a-token",
    ],
)
def test_tampered_share_link_is_refused(client, tamper):
    story = ArticleFactory(headline="Embargoed story")
    token = preview_token(article=story)

    response = client.get(reverse("shared_preview", kwargs={"token": tamper(token)}))

    assert response.status_code == 404
    assert "Embargoed story" not in response.content.decode()
    assert_private(response)


def test_share_link_expires_after_the_configured_age(client, settings):
    settings.PREVIEW_LINK_MAX_AGE = 2 * 24 * 3600
    story = ArticleFactory(headline="Embargoed story")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        url = preview_share_url(article=story)
        clock.shift(timedelta(days=2) - timedelta(minutes=1))
        assert client.get(url).status_code == 200

        clock.shift(timedelta(minutes=2))
        response = client.get(url)

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert "Embargoed story" not in response.content.decode()
    assert_private(response)


def test_share_link_to_a_deleted_story_is_not_found(client):
    story = ArticleFactory()
    url = preview_share_url(article=story)
    story.delete()

    assert client.get(url).status_code == 404


def test_change_form_links_to_a_preview_of_the_pending_update(client, editor):
    story = ArticleFactory(published=True, headline="Live headline")
    pending = revision_schedule(
        article=story,
        content={**article_snapshot(story), "headline": "Tomorrow's headline"},
        go_live_at=timezone.now() + timedelta(days=1),
        by=editor,
    )
    client.force_login(editor)

    page = client.get(change_url(story)).content.decode()
    preview_url = reverse("admin:articles_article_preview", args=[story.pk]) + f"?revision={pending.pk}"

    assert f'href="{preview_url}"' in page
    assert "Tomorrow&#x27;s headline" in client.get(preview_url).content.decode()
