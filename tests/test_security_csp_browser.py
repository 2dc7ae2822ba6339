"""In a real browser, nothing on the public site or in the admin is blocked by the Content-Security-Policy."""

import pytest
from django.urls import reverse

from .factories import ArticleFactory, RelatedLinkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def collect_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def test_public_pages_run_without_csp_violations(page):
    story = ArticleFactory(published=True, headline="Metro line opens", tag_names=["transport"])
    RelatedLinkFactory(article=story)
    violations = collect_csp_violations(page)
    for url in ["/", story.get_absolute_url(), story.section.get_absolute_url()]:
        response = page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_admin_story_editor_runs_without_csp_violations(page):
    UserFactory(username="csp-admin", is_superuser=True)
    story = ArticleFactory(published=True)
    violations = collect_csp_violations(page)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))
    for url in [reverse("admin:articles_article_change", args=[story.pk]), reverse("admin:articles_article_add")]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert violations == []
