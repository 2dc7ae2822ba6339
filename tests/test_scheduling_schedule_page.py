"""
The Schedule page: editors see everything upcoming in time order with who
scheduled it, and move or cancel each item; reporters are refused.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleRevision
from articles.revisions import article_snapshot

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 11:30 IST
URL = "/admin/schedule/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def schedule_everything(editor, count=1, offset=0):
    for number in range(count):
        story = ArticleFactory(in_review=True, headline=f"Scheduled story {offset + number}")
        workflow.article_schedule(article=story, by=editor, at=NOW + timedelta(hours=3, minutes=offset + number))
        live = ArticleFactory(published=True, headline=f"Live story {offset + number}")
        workflow.revision_schedule(
            article=live,
            content={**article_snapshot(live), "headline": f"Rewritten {offset + number}"},
            go_live_at=NOW + timedelta(hours=1, minutes=offset + number),
            by=editor,
            is_real_update=True,
            update_note="New figures.",
        )
        workflow.article_set_expiry(article=live, by=editor, at=NOW + timedelta(hours=5, minutes=offset + number))


def test_the_page_lives_under_the_admin_url():
    assert reverse("admin_schedule") == URL


def test_reporters_are_refused_and_visitors_sent_to_log_in(client, reporter_user):
    assert client.get(URL).status_code == 302
    client.force_login(reporter_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"kind": "expiry", "target": 1, "operation": "cancel"}).status_code == 403


def test_editors_see_everything_upcoming_in_time_order_with_who(client, editor):
    editor.first_name, editor.last_name = "Asha", "Rao"
    editor.save()
    schedule_everything(editor)
    client.force_login(editor)
    response = client.get(URL)
    page = response.content.decode()
    assert [entry.kind for entry in response.context["entries"]] == ["update", "publication", "expiry"]
    assert page.index("Rewritten 0") < page.index("Scheduled story 0") < page.index("Cancel expiry")
    assert page.count("Asha Rao") == 3
    assert "Mon 2 Mar 2026, 12:30 IST" in page  # the update, shown in the newsroom's zone


def test_changing_a_time_goes_through_the_workflow(client, editor):
    schedule_everything(editor)
    story = Article.objects.get(headline="Scheduled story 0")
    client.force_login(editor)
    response = client.post(
        URL, {"kind": "publication", "target": story.pk, "operation": "move", "at": "2026-03-03T09:00"}
    )
    assert response.status_code == 303
    story.refresh_from_db()
    assert story.first_published_at == datetime(2026, 3, 3, 3, 30, tzinfo=UTC)  # 09:00 IST
    assert story.transitions.first().by == editor


@pytest.mark.parametrize("kind", ["publication", "update", "expiry"])
def test_each_kind_can_be_cancelled(client, editor, kind):
    schedule_everything(editor)
    target = {
        "publication": lambda: Article.objects.get(headline="Scheduled story 0").pk,
        "update": lambda: ArticleRevision.objects.get().pk,
        "expiry": lambda: Article.objects.get(headline="Live story 0").pk,
    }[kind]()
    client.force_login(editor)
    assert client.post(URL, {"kind": kind, "target": target, "operation": "cancel"}).status_code == 303
    remaining = {entry.kind for entry in client.get(URL).context["entries"]}
    assert remaining == {"publication", "update", "expiry"} - {kind}


def test_a_refused_change_says_why_and_changes_nothing(client, editor):
    schedule_everything(editor)
    story = Article.objects.get(headline="Scheduled story 0")
    client.force_login(editor)
    response = client.post(
        URL, {"kind": "publication", "target": story.pk, "operation": "move", "at": "2026-03-01T09:00"}
    )
    assert response.status_code == 400
    assert "The publication time must be in the future." in response.content.decode()
    story.refresh_from_db()
    assert story.first_published_at == NOW + timedelta(hours=3)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "publication", "target": "1", "operation": "move"}, "Give the new time."),
        ({"kind": "rumour", "target": "1", "operation": "cancel"}, "Select a valid choice"),
        ({"kind": "expiry", "target": "1", "operation": "move", "at": "next tuesday"}, "Enter a valid date/time."),
    ],
)
def test_malformed_posts_get_a_400_naming_the_problem(client, editor, data, message):
    client.force_login(editor)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_item_is_a_404(client, editor):
    client.force_login(editor)
    assert client.post(URL, {"kind": "update", "target": "999", "operation": "cancel"}).status_code == 404


def test_a_held_update_is_flagged(client, editor):
    schedule_everything(editor)
    live = Article.objects.get(headline="Live story 0")
    workflow.article_record_update(article=live, by=editor, note="A later change.")
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "Held: the story changed after this update was scheduled" in page


def test_the_pending_version_can_be_previewed_from_the_schedule(client, editor):
    schedule_everything(editor)
    revision = ArticleRevision.objects.get()
    client.force_login(editor)
    page = client.get(URL).content.decode()
    preview = f"/admin/articles/article/{revision.article_id}/preview/?revision={revision.pk}"
    assert f'href="{preview}"' in page
    shown = client.get(preview)
    assert shown.status_code == 200
    assert "Rewritten 0" in shown.content.decode()
    assert Article.objects.get(pk=revision.article_id).headline == "Live story 0"


def test_query_count_does_not_grow_with_the_schedule(client, editor, django_assert_max_num_queries):
    schedule_everything(editor, count=2)
    client.force_login(editor)
    client.get(URL)  # warm the session and permission caches as a real visit would
    with django_assert_max_num_queries(12) as small:
        client.get(URL)
    schedule_everything(editor, count=10, offset=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert len(response.context["entries"]) == 36


def test_the_admin_index_links_to_the_schedule_for_editors_only(client, editor, reporter_user):
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    client.force_login(reporter_user)
    assert URL not in client.get("/admin/").content.decode()


def test_the_change_form_partial_shows_the_pending_schedule(editor):
    schedule_everything(editor)
    live = Article.objects.get(headline="Live story 0")
    html = render_to_string("admin/articles/_pending_schedule.html", {"article": live})
    assert "Pending update: goes live" in html
    assert "adds the note “New figures.”" in html
    assert "Expiry: comes off the site" in html
    assert "desk-editor" in html
    revision = ArticleRevision.objects.get(article=live)
    assert f'href="/admin/articles/article/{live.pk}/preview/?revision={revision.pk}"' in html
    scheduled = Article.objects.get(headline="Scheduled story 0")
    html = render_to_string("admin/articles/_pending_schedule.html", {"article": scheduled})
    assert "First publication:" in html and "Pending update" not in html
    assert render_to_string("admin/articles/_pending_schedule.html", {"article": ArticleFactory()}).strip() == ""


def test_stories_in_the_trash_are_not_listed(client, editor):
    schedule_everything(editor)
    for story in Article.objects.filter(headline__in=["Scheduled story 0", "Live story 0"]):
        workflow.article_trash(article=story, by=editor)
    client.force_login(editor)
    assert client.get(URL).context["entries"] == []
