"""Production mode passes the deployment checks, sends a strict CSP and stores media where it is told."""

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
        # The browser fixture's DJANGO_ALLOW_ASYNC_UNSAFE is for the test process only.
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"))
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


def storage_in_production(**env):
    script = (
        'import django; django.setup(); from django.core.files.storage import storages; s = storages["default"]; '
        "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_media_is_stored_on_local_disk_by_default():
    result = storage_in_production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "FileSystemStorage"


def test_naming_a_bucket_stores_media_on_s3_compatible_storage():
    result = storage_in_production(
        AWS_STORAGE_BUCKET_NAME="newsroom-media", AWS_S3_ENDPOINT_URL="https://s3.example.net"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "newsroom-media", "https://s3.example.net"]


def test_images_from_the_bucket_are_allowed_by_the_policy():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)"],
        cwd=ROOT,
        env=production_environment(AWS_STORAGE_BUCKET_NAME="media", AWS_S3_CUSTOM_DOMAIN="img.example.net"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "'img-src': [\"'self'\", 'data:', 'https://img.example.net']" in result.stdout, result.stdout + result.stderr
