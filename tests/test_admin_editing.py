"""
Saving a story through the admin form: the body is sanitised, a new story
gets its author's byline, every save keeps a revision, inlines save, and a
change to a live story is either a real update (moves the public "Updated"
time, optional note) or a silent fix (times stay).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .admin_pages import change_url, form_fields, post_change_form
from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_body_is_sanitised_when_saved_through_the_admin(client, reporter_user):
    story = ArticleFactory(created_by=reporter_user)
    client.force_login(reporter_user)

    post_change_form(
        client,
        story,
        body='<p onclick="steal()">Hello <script>alert(1)</script><strong>world</strong></p>'
        '<h2>Sub</h2><img src=x onerror=alert(2)><a href="javascript:alert(3)">bad</a><iframe></iframe>',
    )

    story.refresh_from_db()
    assert story.body == '<p>Hello <strong>world</strong></p><h2>Sub</h2><a rel="noopener noreferrer">bad</a>'


def test_new_story_is_created_by_and_bylined_to_its_reporter(client, reporter_user):
    own = ReporterFactory(user=reporter_user, name="Field Reporter")
    section = SectionFactory()
    client.force_login(reporter_user)
    add_url = reverse("admin:articles_article_add")
    data = form_fields(client.get(add_url))

    response = client.post(
        add_url, {**data, "headline": "Floods close schools", "section": section.pk, "body": "<p>Text</p>"}
    )

    assert response.status_code == 302
    story = Article.objects.get(headline="Floods close schools")
    assert story.created_by == reporter_user
    assert story.reporters == [own]
    assert story.status == Article.Status.DRAFT
    assert story.revisions.get().created_by == reporter_user


def test_byline_order_and_read_links_are_saved_from_the_inlines(client, editor):
    first, second = ReporterFactory(name="Second Name"), ReporterFactory(name="First Name")
    target = ArticleFactory(published=True, headline="Earlier coverage")
    story = ArticleFactory()
    client.force_login(editor)

    post_change_form(
        client,
        story,
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-0-position": "1",
            "bylines-0-reporter": str(first.pk),
            "bylines-1-position": "0",
            "bylines-1-reporter": str(second.pk),
            "read_links-TOTAL_FORMS": "1",
            "read_links-0-position": "0",
            "read_links-0-target": str(target.pk),
            "read_links-0-after_paragraph": "2",
        },
    )

    story = Article.objects.with_byline().get(pk=story.pk)
    assert [r.name for r in story.reporters] == ["First Name", "Second Name"]
    link = story.read_links.get()
    assert (link.target, link.after_paragraph) == (target, 2)


def test_pending_read_links_are_marked_on_the_form(client, editor):
    story = ArticleFactory()
    story.read_links.create(title="Turkey Uighurs Fear Sellout To China")
    client.force_login(editor)

    page = client.get(change_url(story)).content.decode()

    assert "PENDING: no story titled “Turkey Uighurs Fear Sellout To China” yet" in page


def test_live_story_change_must_say_real_update_or_silent_fix(client, editor):
    story = ArticleFactory(published=True)
    client.force_login(editor)

    response = post_change_form(client, story, headline="Edited live story")

    assert response.status_code == 200
    assert "change_kind" in response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.headline != "Edited live story"


def test_silent_fix_keeps_the_public_times(client, editor):
    story = ArticleFactory(published=True)
    before = (story.first_published_at, story.updated_at)
    client.force_login(editor)

    response = post_change_form(client, story, headline="Typo fixed", change_kind="silent_fix")

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Typo fixed"
    assert (story.first_published_at, story.updated_at) == before
    assert not story.is_updated
    assert story.revisions.get().summary == "Silent fix"


def test_real_update_moves_the_updated_time_and_adds_the_note(client, editor):
    story = ArticleFactory(published=True)
    client.force_login(editor)

    post_change_form(
        client,
        story,
        body="<p>New figures.</p>",
        change_kind="real_update",
        update_kind="update",
        update_note="Adds the latest figures.",
    )

    story.refresh_from_db()
    assert story.is_updated
    assert story.update_notes.get().note == "Adds the latest figures."
    assert story.revisions.get().summary == "Real update"


def test_a_note_to_readers_needs_a_real_update(client, editor):
    story = ArticleFactory(published=True)
    client.force_login(editor)

    response = post_change_form(client, story, change_kind="silent_fix", update_note="Oops")

    assert response.status_code == 200
    assert "update_note" in response.context["adminform"].form.errors


def test_draft_form_does_not_ask_about_update_kind(client, editor):
    story = ArticleFactory()
    client.force_login(editor)

    assert 'name="change_kind"' not in client.get(change_url(story)).content.decode()


def test_body_uses_the_vendored_rich_text_editor(client, editor):
    story = ArticleFactory()
    client.force_login(editor)

    page = client.get(change_url(story)).content.decode()

    assert 'data-rich-text="body"' in page
    assert "vendor/quill/quill.js" in page
    assert "newsroom-admin/richtext.js" in page
    assert "<script>" not in page  # no inline script: all behaviour is in static files


def autocomplete(client, model_name, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_read_link_autocomplete_offers_a_reporter_public_stories_and_their_own(client, reporter_user):
    ArticleFactory(published=True, headline="Floods: live coverage")
    ArticleFactory(headline="Floods: a colleague's draft")
    ArticleFactory(headline="Floods: my draft", created_by=reporter_user)
    client.force_login(reporter_user)

    found = autocomplete(client, "relatedlink", "target", "Floods")

    assert sorted(found) == ["Floods: live coverage", "Floods: my draft"]


def test_byline_autocomplete_offers_active_reporters(client, reporter_user):
    ReporterFactory(name="Asha Rao")
    ReporterFactory(name="Asha Former", is_active=False)
    client.force_login(reporter_user)

    assert autocomplete(client, "byline", "reporter", "Asha") == ["Asha Rao"]


def in_local(delta):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def test_scheduled_update_keeps_the_live_version_and_holds_the_edit(client, editor):
    story = ArticleFactory(published=True, headline="Live headline")
    client.force_login(editor)

    response = post_change_form(
        client,
        story,
        headline="Tomorrow's headline",
        change_kind="scheduled_update",
        go_live_at=in_local(timedelta(days=1)),
        update_note="Adds the verdict.",
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Live headline"
    pending = story.revisions.get(applied_at__isnull=True, go_live_at__isnull=False)
    assert pending.content["headline"] == "Tomorrow's headline"
    assert (pending.is_real_update, pending.update_note) == (True, "Adds the verdict.")
    shown = " ".join(str(m) for m in client.get(change_url(story)).context["messages"])
    assert "Scheduled this edit" in shown


@pytest.mark.parametrize(
    ("go_live_at", "message"),
    [(None, "Enter when the update should go live."), (timedelta(hours=-1), "must be in the future")],
)
def test_scheduled_update_needs_a_future_time(client, editor, go_live_at, message):
    story = ArticleFactory(published=True, headline="Live headline")
    client.force_login(editor)

    response = post_change_form(
        client,
        story,
        headline="Edited",
        change_kind="scheduled_update",
        go_live_at=in_local(go_live_at) if go_live_at else "",
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["go_live_at"])
    assert story.revisions.count() == 0


def test_tag_field_suggests_existing_tags(client, reporter_user):
    ArticleFactory(tag_names=["Elections", "Economy"])
    ArticleFactory(tag_names=["Elections"])
    ArticleFactory(tag_names=["Weather"])
    client.force_login(reporter_user)
    url = reverse("admin:articles_article_tag_suggestions")

    assert client.get(url, {"q": "e"}).json() == {"tags": ["Elections", "Economy"]}
    assert client.get(url, {"q": ""}).json() == {"tags": []}
    assert 'data-tag-suggest-url="' + url in client.get(reverse("admin:articles_article_add")).content.decode()
