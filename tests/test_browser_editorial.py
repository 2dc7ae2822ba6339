"""
The editorial workflow in a real browser: a reporter drafts a story in the
rich-text editor and submits it; an editor publishes it; readers can then
open it at its public address.
"""

import pytest
from django.urls import reverse

from articles.models import Article

from .factories import ReporterFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
    assert page.locator("input[name=change_kind]").count() == 2  # live now: real update or silent fix

    # Readers see it.
    page.context.clear_cookies()
    page.goto(story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Metro line opens to the airport"
    assert page.locator(".story__body strong").inner_text() == "Fares start at 30 rupees."
    assert "Asha Rao" in page.locator(".story__byline").inner_text()
