"""Production mode passes Django's deployment checks and sends a strict Content-Security-Policy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .factories import ArticleFactory

ROOT = Path(__file__).resolve().parent.parent


def production_environment(**overrides):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "SECRET_KEY"))
    }
    environment.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="news.example.com",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    environment.update(overrides)
    return environment


def check_deploy(**overrides):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_with_no_warnings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_notices_when_https_protection_is_switched_off():
    # Proves the check above can fail: the same run with HSTS off warns.
    result = check_deploy(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def script_sources(response):
    policy = response["Content-Security-Policy"]
    directives = dict((part.split()[0], part.split()[1:]) for part in (p.strip() for p in policy.split(";")) if part)
    return directives.get("script-src", directives.get("default-src"))


@pytest.mark.django_db
def test_public_story_page_forbids_inline_scripts(client):
    story = ArticleFactory(published=True)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    sources = script_sources(response)
    assert sources == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_pages_forbid_inline_scripts_too(client, editor):
    client.force_login(editor)
    for url in [reverse("admin:login"), reverse("admin:articles_article_add")]:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert script_sources(response) == ["'self'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url


@pytest.mark.django_db
def test_pages_carry_the_other_protective_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
