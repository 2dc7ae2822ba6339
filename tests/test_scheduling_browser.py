"""An editor moves a scheduled publication on the Schedule page in a real browser (time typed in IST)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article

from .factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_changes_a_publication_time_on_the_schedule_page(page, live_server, screenshot_dir):
    # A superuser: the editorial groups are not there after other tests flush the database.
    editor = UserFactory(username="schedule-editor", is_superuser=True, first_name="Esha", last_name="Desk")
    story = ArticleFactory(in_review=True, headline="Council budget vote")
    tomorrow = timezone.localtime() + timedelta(days=1)
    workflow.article_schedule(article=story, by=editor, at=tomorrow)

    # Logged in through a session cookie: the login form (and its throttling) is not what is tested here.
    session = Client()
    session.force_login(editor)
    cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page.goto(reverse("admin:index"))
    page.get_by_role("link", name="Upcoming publications, updates and expiries").click()
    row = page.locator("tr", has_text="Council budget vote")
    assert "Esha Desk" in row.inner_text()

    new_time = (tomorrow + timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)
    row.get_by_label("New time").fill(new_time.strftime("%Y-%m-%dT%H:%M"))
    row.get_by_role("button", name="Change time").click()
    page.get_by_text("will now be published at").wait_for()
    page.screenshot(path=screenshot_dir / "schedule-page.png", full_page=True)

    story = Article.objects.get(pk=story.pk)
    assert story.first_published_at == new_time
    assert timezone.localtime(story.first_published_at).strftime("%H:%M %Z") == "09:30 IST"
