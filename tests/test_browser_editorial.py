"""
The editorial workflow in a real browser: a reporter drafts a story in the
rich-text editor and submits it; an editor publishes it; readers can then
open it at its public address. Two editors on one live story see each
other, and the one saving over the other's change is refused without
losing what they typed.
"""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.revisions import revision_create

from .factories import ArticleFactory, ReporterFactory, SectionFactory, UserFactory

# serialized_rollback: the groups from the data migrations survive between these tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


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
    page.screenshot(path=str(screenshot_dir / "editorial-reporter-draft.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was added successfully")

    story = Article.objects.get(headline="Metro line opens to the airport")
    assert story.body == (
        "<p>The new line carried its first passengers today.</p>"
        "<p><strong>Fares start at 30 rupees.</strong></p>"
        "<blockquote>It is a great day for the city, the mayor said.</blockquote>"
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
