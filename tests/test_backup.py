"""
A backup restores the newsroom exactly: dumpdata/loaddata on any database,
and pg_dump/pg_restore on PostgreSQL (README, "Backup and restore").
"""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from authors.models import Reporter

ROOT = Path(__file__).resolve().parent.parent

# The same options the README gives: tables that migrate rebuilds are left out;
# XML because the JSON serialiser cuts times to milliseconds.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
DUMPDATA_ARGS = ["--natural-foreign", "--natural-primary", "--format", "xml", *(f"-e{label}" for label in EXCLUDED)]
DUMPDATA_OPTIONS = dict(
    format="xml",
    natural_foreign=True,
    natural_primary=True,
    exclude=EXCLUDED,
)


def newsroom_snapshot():
    """What an editor would notice missing or changed, story by story."""
    stories = []
    for story in Article.objects.with_byline().prefetch_related("update_notes", "read_links__target").order_by("slug"):
        stories.append(
            {
                "headline": story.headline,
                "slug": story.slug,
                "status": story.status,
                "section": story.section.name,
                "byline": [reporter.name for reporter in story.reporters],
                "tags": sorted(tag.name for tag in story.tags.all()),
                "standfirst": story.standfirst,
                "body": story.body,
                "lead_image": story.lead_image.name,
                "caption": (story.lead_image_caption, story.lead_image_credit, story.lead_image_alt),
                "times": (story.first_published_at, story.updated_at, story.expire_at, story.created_at),
                "notes": [(n.kind, n.note, n.noted_at) for n in story.update_notes.all()],
                "read_links": [
                    (link.position, link.target.slug if link.target_id else None, link.url, link.title)
                    for link in story.read_links.all()
                ],
                "history": list(story.transitions.values_list("from_status", "to_status", "by__username", "at")),
            }
        )
    return {
        "stories": stories,
        "reporters": list(Reporter.objects.values_list("name", "slug", "bio", "user__username")),
        "users": [
            (user.username, user.is_staff, sorted(g.name for g in user.groups.all()), user.password)
            for user in get_user_model().objects.prefetch_related("groups").order_by("username")
        ],
    }


@pytest.fixture
def demo_newsroom(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    snapshot = newsroom_snapshot()
    assert len(snapshot["stories"]) >= 5
    assert any(len(story["byline"]) > 1 for story in snapshot["stories"]), "demo needs a multi-reporter byline"
    return snapshot


def test_dumpdata_flush_loaddata_round_trips_the_demo_newsroom(demo_newsroom, tmp_path):
    backup = tmp_path / "newsroom.xml"
    call_command("dumpdata", output=str(backup), **DUMPDATA_OPTIONS)

    if connection.vendor == "postgresql":
        # Fire the foreign-key checks seeding deferred, so TRUNCATE may run
        # inside the test's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False)
    assert Article.objects.count() == 0
    if connection.vendor == "postgresql":
        # As a fresh restore would: checks at commit, whatever the load order.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    call_command("loaddata", str(backup), verbosity=0)
    restored = newsroom_snapshot()
    for before, after in zip(demo_newsroom["stories"], restored["stories"], strict=True):
        for key in before:
            assert before[key] == after[key], (before["slug"], key)
    assert restored == demo_newsroom


def manage(*args, database_url, timeout, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    environment.update(env, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_round_trip_the_demo_newsroom(tmp_path):
    # Entirely in scratch databases of its own: pg_dump is another process and
    # must see committed data, which the test database's transactions hide.
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not on PATH")
    url = urlsplit(os.environ["DATABASE_URL"])
    cli = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    env = {"PGPASSWORD": url.password or "", "PATH": os.environ["PATH"]}
    source, restored = (f"nr_backup_{uuid.uuid4().hex[:10]}_{kind}" for kind in ("source", "restored"))
    database_url = {name: url._replace(path=f"/{name}").geturl() for name in (source, restored)}
    backup = tmp_path / "newsroom.dump"
    media = tmp_path / "media"
    try:
        subprocess.run(["createdb", *cli, source], env=env, check=True, timeout=60)
        manage("migrate", "--noinput", database_url=database_url[source], timeout=600)
        manage("seed_demo", database_url=database_url[source], timeout=300, MEDIA_ROOT=str(media))

        subprocess.run(["pg_dump", "-Fc", *cli, "-f", str(backup), source], env=env, check=True, timeout=120)
        subprocess.run(["createdb", *cli, restored], env=env, check=True, timeout=60)
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *cli, "-d", restored, str(backup)],
            env=env,
            check=True,
            timeout=120,
        )

        # Everything Django knows, dumped the same way from both: identical.
        dumps = {
            name: manage(
                "dumpdata", *DUMPDATA_ARGS, database_url=database_url[name], timeout=300, MEDIA_ROOT=str(media)
            ).stdout
            for name in (source, restored)
        }
        assert "<object" in dumps[source] and "articles.article" in dumps[source]
        assert dumps[restored] == dumps[source]
    finally:
        for name in (source, restored):
            subprocess.run(["dropdb", "--if-exists", "--force", *cli, name], env=env, timeout=60)
