"""Password guessing at the admin login is throttled, and the admin lives where ADMIN_URL says."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, reverse

import newsroom.urls

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def try_login(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_the_right_password_logs_in(client, editor):
    response = try_login(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_after_the_failure_limit_even_the_right_password_is_refused(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = try_login(client, editor.username, "wrong password")
        assert response.status_code in (200, 429)
    response = try_login(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert f"after {settings.AXES_FAILURE_LIMIT} wrong passwords" in response.text
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        try_login(client, editor.username, "wrong password")
    assert try_login(client, editor.username, PASSWORD).status_code == 302


def test_a_locked_login_does_not_lock_the_same_user_from_elsewhere(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, editor.username, "wrong password", address="203.0.113.7")
    assert try_login(client, editor.username, PASSWORD, address="198.51.100.20").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, editor, settings, time_machine):
    time_machine.move_to("2026-01-01 09:00Z", tick=False)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, editor.username, "wrong password")
    assert try_login(client, editor.username, PASSWORD).status_code == 429
    time_machine.move_to("2026-01-01 09:00Z")
    time_machine.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)
    assert try_login(client, editor.username, PASSWORD).status_code == 302


def test_the_lockout_page_comes_from_a_proxied_address_when_proxies_are_trusted(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": editor.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    # Another reader behind the same load balancer is not locked out.
    response = client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302


@pytest.fixture
def admin_moved():
    """The URLconf rebuilt with ADMIN_URL moved, and rebuilt again afterwards."""
    with override_settings(ADMIN_URL="desk-7f3a/"):
        clear_url_caches()
        importlib.reload(newsroom.urls)
        yield
    clear_url_caches()
    importlib.reload(newsroom.urls)


def test_admin_moves_with_admin_url(client, admin_moved):
    assert reverse("admin:login") == "/desk-7f3a/login/"
    assert client.get("/desk-7f3a/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/admin/").status_code == 404


def test_admin_is_back_in_place_after_the_move():
    # Guards the fixture above: other tests must see the normal URLconf.
    assert reverse("admin:login") == "/admin/login/"
