"""
Real ``run_scheduler`` processes against PostgreSQL: two workers at once
apply each due action exactly once; a worker killed mid-action leaves
nothing half-applied and the next run catches up; the long-running worker
applies actions within seconds of their time and stops cleanly on SIGTERM.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleRevision, ArticleTransition, ArticleUpdate
from articles.revisions import article_snapshot

from .factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker_env():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SKIP LOCKED)")
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    url = f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "worker-test", "DEBUG": "0", "LOG_LEVEL": "INFO"}


def start_worker(env, *args):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", *args],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def due_actions(*, publications=0, updates=0, expiries=0):
    """Overdue first publications, pending updates and expiries."""
    editor = UserFactory(username="scheduling-editor")
    now = timezone.now()
    going_live = [
        ArticleFactory(status="scheduled", first_published_at=now - timedelta(minutes=1), updated_at=None)
        for _ in range(publications)
    ]
    updated = []
    for number in range(updates):
        story = ArticleFactory(published=True)
        ArticleRevision.objects.create(
            article=story,
            content={**article_snapshot(story), "headline": f"Updated story {number}"},
            base_version=story.version,
            created_by=editor,
            go_live_at=now - timedelta(seconds=30),
            is_real_update=True,
            update_note="New figures.",
        )
        updated.append(story)
    expiring = [ArticleFactory(published=True, expire_at=now - timedelta(seconds=10)) for _ in range(expiries)]
    return going_live, updated, expiring


def test_two_workers_at_once_apply_each_action_exactly_once(worker_env):
    going_live, updated, expiring = due_actions(publications=8, updates=8, expiries=8)
    # Each action holds its lock a moment, so the two workers really overlap.
    workers = [start_worker(worker_env, "--once", "--pause-mid-action", "0.1") for _ in range(2)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs

    applied_by = [out.count("paused mid-action") for out, _err in outputs]
    assert sum(applied_by) == 24
    assert all(applied_by), f"both workers should have shared the work: {applied_by}"
    for story in going_live:
        assert (
            ArticleTransition.objects.filter(article=story, from_status="scheduled", to_status="published").count() == 1
        )
        assert Article.objects.get(pk=story.pk).status == "published"
    for story in updated:
        assert ArticleUpdate.objects.filter(article=story).count() == 1
        assert ArticleRevision.objects.get(article=story).applied_at is not None
        assert Article.objects.get(pk=story.pk).version == story.version + 1
    for story in expiring:
        assert ArticleTransition.objects.filter(article=story, to_status="unpublished").count() == 1


def test_a_worker_killed_mid_action_leaves_nothing_half_applied(worker_env):
    _, updated, _ = due_actions(updates=3)
    worker = start_worker(worker_env, "--once", "--pause-mid-action", "60")
    assert worker.stdout.readline().strip() == "paused mid-action"  # inside the transaction, change made
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    for story in updated:
        current = Article.objects.get(pk=story.pk)
        assert (current.headline, current.version, current.updated_at) == (
            story.headline,
            story.version,
            story.updated_at,
        )
        assert not ArticleUpdate.objects.filter(article=story).exists()
        assert ArticleRevision.objects.get(article=story).applied_at is None

    catch_up = start_worker(worker_env, "--once")
    catch_up.communicate(timeout=60)
    assert catch_up.returncode == 0
    for number, story in enumerate(updated):
        assert Article.objects.get(pk=story.pk).headline == f"Updated story {number}"
        assert ArticleUpdate.objects.filter(article=story).count() == 1


def test_the_running_worker_applies_actions_within_seconds_and_stops_on_sigterm(worker_env):
    editor = UserFactory(username="scheduling-editor")
    due_at = timezone.now() + timedelta(seconds=3)
    story = ArticleFactory(status="scheduled", first_published_at=due_at, updated_at=due_at)
    live = ArticleFactory(published=True)
    ArticleRevision.objects.create(
        article=live,
        content={**article_snapshot(live), "headline": "Rewritten while running"},
        base_version=live.version,
        created_by=editor,
        go_live_at=due_at,
    )
    worker = start_worker(worker_env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and ArticleRevision.objects.get(article=live).applied_at is None:
            time.sleep(0.2)
        revision = ArticleRevision.objects.get(article=live)
        assert revision.applied_at is not None
        assert revision.applied_at - due_at < timedelta(seconds=5)
        went_live = ArticleTransition.objects.get(article=story, to_status="published")
        assert timedelta(0) <= went_live.at - due_at < timedelta(seconds=5)
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=15)
    assert worker.returncode == 0, err
    assert "Scheduler stopped." in out


def test_an_update_the_worker_applies_reaches_pages_cached_by_the_web_process(worker_env, settings, client):
    # The web process (this one) and the worker share the page cache through
    # Redis, as in production; the worker's announcement drops cached pages.
    redis_url = "redis://127.0.0.1:6379/13"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    from django.core.cache import cache

    cache.clear()
    story = ArticleFactory(published=True, body="<p>Counting is under way.</p>")
    ArticleRevision.objects.create(
        article=story,
        content={**article_snapshot(story), "body": "<p>The result is in: a narrow win.</p>"},
        base_version=story.version,
        go_live_at=timezone.now() + timedelta(seconds=1),
    )
    assert "Counting is under way." in client.get(story.get_absolute_url()).content.decode()  # now cached
    time.sleep(1.5)
    worker = start_worker({**worker_env, "CACHE_URL": redis_url}, "--once")
    worker.communicate(timeout=60)
    assert worker.returncode == 0
    assert "a narrow win" in client.get(story.get_absolute_url()).content.decode()
    cache.clear()
