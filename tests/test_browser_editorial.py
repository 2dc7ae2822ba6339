"""
The editorial workflow in a real browser: a reporter drafts a story in the
rich-text editor and submits it; an editor publishes it; readers can then
open it at its public address. Two editors on one live story see each
other, and the one saving over the other's change is refused without
losing what they typed.
"""

import importlib

import pytest
from django.urls import reverse

from articles.models import Article
from articles.revisions import revision_create

from .factories import ArticleFactory, ReporterFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("editorial_groups")]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editorial_groups():
    """
    The Reporter and Editor groups as the data migrations make them.

    Transactional tests flush the database afterwards, migration data included,
    so whichever of these runs second would find no groups.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    groups_migration = importlib.import_module("articles.migrations.0002_editorial_groups")
    byline_migration = importlib.import_module("articles.migrations.0004_reporter_byline_permissions")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    for name in groups_migration.REPORTER_PERMISSIONS:
        app_label, codename = name.split(".")
        reporter.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for app_label, codename in byline_migration.REPORTER_PERMISSIONS:
        reporter.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label__in=groups_migration.EDITOR_APPS))


def log_in(page, username):
    page.context.clear_cookies()
    page.goto(reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))


def test_reporter_drafts_and_submits_editor_publishes(page, screenshot_dir):
    reporter = UserFactory(username="field-reporter", group="Reporter")
    ReporterFactory(user=reporter, name="Asha Rao")
    UserFactory(username="desk-editor", group="Editor")
    section = SectionFactory(name="City")

    # The reporter drafts in the rich-text editor.
    log_in(page, "field-reporter")
    page.goto(reverse("admin:articles_article_add"))
    page.fill("#id_headline", "Metro line opens to the airport")
    page.fill("#id_standfirst", "Trains run every eight minutes from Monday.")
    page.select_option("#id_section", str(section.pk))
    editor_area = page.locator("[data-richtext-editor]")
    editor_area.click()
    page.keyboard.type("The new line carried its first passengers today.")
    page.keyboard.press("Enter")
    page.locator(".ql-toolbar .ql-bold").click()
    page.keyboard.type("Fares start at 30 rupees.")
    page.locator(".ql-toolbar .ql-bold").click()
    page.keyboard.press("Enter")
    page.locator(".ql-toolbar .ql-blockquote").click()
    page.keyboard.type("It is a great day for the city, the mayor said.")
    page.keyboard.press("Enter")
    page.locator(".ql-toolbar .ql-blockquote").click()  # back to a plain line
    page.locator(".ql-toolbar .ql-header .ql-picker-label").click()
    page.locator('.ql-toolbar .ql-header .ql-picker-item[data-value="2"]').click()
    page.keyboard.type("Stations")
    page.keyboard.press("Enter")
    page.locator('.ql-toolbar button.ql-list[value="bullet"]').click()
    page.keyboard.type("Terminal 1")
    page.keyboard.press("Enter")
    page.keyboard.type("Terminal 2")
    page.screenshot(path=str(screenshot_dir / "editorial-reporter-draft.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was added successfully")

    story = Article.objects.get(headline="Metro line opens to the airport")
    assert story.body == (
        "<p>The new line carried its first passengers today.</p>"
        "<p><strong>Fares start at 30 rupees.</strong></p>"
        "<blockquote>It is a great day for the city, the mayor said.</blockquote>"
        "<h2>Stations</h2><ul><li>Terminal 1</li><li>Terminal 2</li></ul>"
    )
    assert story.reporters[0].name == "Asha Rao"

    page.fill("#workflow_form textarea[name=note]", "Ready for the desk")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Submitted for review.")
    assert page.locator("button[value=publish]").count() == 0  # reporters are not offered it
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW

    # The editor publishes it.
    log_in(page, "desk-editor")
    page.goto(reverse("admin:articles_article_change", args=[story.pk]))
    page.screenshot(path=str(screenshot_dir / "editorial-editor-review.png"), full_page=True)
    page.click("button[value=publish]")
    page.wait_for_selector("text=Published.")
    page.screenshot(path=str(screenshot_dir / "editorial-editor-published.png"), full_page=True)
    assert page.locator("input[name=change_kind]").count() == 3  # live now: real update, silent fix or scheduled

    page.goto(reverse("admin:articles_article_changelist"))
    page.screenshot(path=str(screenshot_dir / "editorial-story-list.png"), full_page=True)
    assert "Asha Rao" in page.locator("#result_list").inner_text()

    # Readers see it.
    page.context.clear_cookies()
    page.goto(story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Metro line opens to the airport"
    assert page.locator(".story__body strong").inner_text() == "Fares start at 30 rupees."
    assert "Asha Rao" in page.locator(".story__byline").inner_text()


def test_two_editors_on_one_live_story_see_each_other_and_lose_nothing(page, browser, live_server, screenshot_dir):
    UserFactory(username="desk-editor", group="Editor")
    UserFactory(username="night-editor", group="Editor")
    story = ArticleFactory(published=True, headline="Storm reaches the coast", body="<p>Winds of 90 km/h.</p>")
    revision_create(article=story, by=None)
    change = reverse("admin:articles_article_change", args=[story.pk])

    log_in(page, "desk-editor")
    page.goto(change)

    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}).new_page()
    log_in(other, "night-editor")
    other.goto(change)
    assert other.locator("[data-presence-names]").inner_text() == "desk-editor"
    other.fill("#id_headline", "Storm makes landfall")
    other.check("input[name=change_kind][value=silent_fix]")
    other.click("input[name=_continue]")
    other.wait_for_selector("text=was changed successfully")
    other.context.close()

    # The first editor, still on the old version, types and saves.
    page.locator("[data-richtext-editor]").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Ferries are cancelled until Friday.")
    page.check("input[name=change_kind][value=silent_fix]")
    page.click("input[name=_continue]")
    page.wait_for_selector(".desk-conflict")
    page.screenshot(path=str(screenshot_dir / "editorial-conflict.png"), full_page=True)

    assert "night-editor saved this story after you opened it" in page.locator(".errorlist.nonfield").inner_text()
    assert "Ferries are cancelled until Friday." in page.locator("[data-richtext-editor]").inner_text()
    assert "Headline: Storm makes landfall" in page.locator(".desk-conflict").inner_text().replace("\xa0", " ")
    story.refresh_from_db()
    assert story.headline == "Storm makes landfall"
    assert "Ferries" not in story.body

    page.goto(reverse("admin:articles_article_revisions", args=[story.pk]))
    page.screenshot(path=str(screenshot_dir / "editorial-revisions.png"), full_page=True)
    assert page.locator("table.diff").count() == 1
