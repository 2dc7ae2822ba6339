"""Settings come from the environment with safe defaults; production needs a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settings_value(expression, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("settings.SECRET_KEY", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_mode_has_a_development_key():
    result = settings_value("settings.SECRET_KEY", DEBUG="1")
    assert result.returncode == 0
    assert "insecure" in result.stdout


def test_default_database_is_a_sqlite_file_in_the_project():
    result = settings_value("settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']", DEBUG="1")
    assert "sqlite3" in result.stdout
    assert str(ROOT / "db.sqlite3") in result.stdout


def test_database_url_switches_to_postgresql():
    result = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
    )
    assert "postgresql" in result.stdout and "newsroom" in result.stdout


def test_time_zone_defaults_to_india_and_times_are_stored_in_utc():
    result = settings_value("settings.TIME_ZONE, settings.USE_TZ", DEBUG="1")
    assert result.stdout.split() == ["Asia/Kolkata", "True"]


def test_language_code_is_read_and_checked():
    assert settings_value("settings.LANGUAGE_CODE", DEBUG="1").stdout.strip() == "en-gb"
    assert settings_value("settings.LANGUAGE_CODE", DEBUG="1", LANGUAGE_CODE="HI").stdout.strip() == "hi"
    result = settings_value("settings.LANGUAGE_CODE", DEBUG="1", LANGUAGE_CODE="xx-yy")
    assert result.returncode != 0
    assert "LANGUAGE_CODE 'xx-yy' is not a language Django knows" in result.stderr


def test_search_results_per_page_is_read_and_checked():
    assert settings_value("settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE", DEBUG="1").stdout.strip() == "10"
    assert (
        settings_value(
            "settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE", DEBUG="1", SEARCH_RESULTS_PER_PAGE="25"
        ).stdout.strip()
        == "25"
    )
    result = settings_value("settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE", DEBUG="1", SEARCH_RESULTS_PER_PAGE="0")
    assert result.returncode != 0
    assert "SEARCH_RESULTS_PER_PAGE is 0: it must be from 1 to 100" in result.stderr


def test_cache_url_selects_redis():
    result = settings_value("settings.CACHES['default']['BACKEND']", DEBUG="1", CACHE_URL="redis://127.0.0.1:6379/1")
    assert "RedisCache" in result.stdout
