"""
A backup restores the newsroom exactly: dumpdata/loaddata on any database,
and pg_dump/pg_restore on PostgreSQL (README, "Backup and restore").
"""

import importlib
import shutil
import subprocess
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from articles.models import Article
from authors.models import Reporter

# Committed data, so pg_dump (another process) sees it.
pytestmark = pytest.mark.django_db(transaction=True)


def ensure_editorial_groups():
    """The groups migrations create; an earlier transactional test's flush removed them."""
    if Group.objects.filter(name="Editor").exists():
        return
    create_groups = importlib.import_module("articles.migrations.0002_editorial_groups").create_groups
    grant = importlib.import_module("articles.migrations.0004_reporter_byline_permissions").grant
    # The migrations' own functions, given the migration state's registry as
    # migrate would (they toggle app configs that must not be the real ones).
    state_apps = MigrationLoader(connection).project_state().apps
    create_groups(state_apps, None)
    grant(state_apps, None)


# The same options the README gives: tables that migrate rebuilds are left out;
# XML because the JSON serialiser cuts times to milliseconds.
DUMPDATA_OPTIONS = dict(
    format="xml",
    natural_foreign=True,
    natural_primary=True,
    exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"],
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
def demo_newsroom(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_editorial_groups()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    snapshot = newsroom_snapshot()
    assert len(snapshot["stories"]) >= 5
    assert any(len(story["byline"]) > 1 for story in snapshot["stories"]), "demo needs a multi-reporter byline"
    return snapshot


def test_dumpdata_flush_loaddata_round_trips_the_demo_newsroom(demo_newsroom, tmp_path):
    backup = tmp_path / "newsroom.xml"
    call_command("dumpdata", output=str(backup), **DUMPDATA_OPTIONS)

    call_command("flush", interactive=False)
    assert Article.objects.count() == 0

    call_command("loaddata", str(backup), verbosity=0)
    restored = newsroom_snapshot()
    for before, after in zip(demo_newsroom["stories"], restored["stories"], strict=True):
        for key in before:
            assert before[key] == after[key], (before["slug"], key)
    assert restored == demo_newsroom


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_round_trip_the_demo_newsroom(demo_newsroom, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not on PATH")
    db = connection.settings_dict
    cli = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]
    env = {"PGPASSWORD": db["PASSWORD"] or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    backup = tmp_path / "newsroom.dump"
    scratch = f"nr_restore_{uuid.uuid4().hex[:10]}"

    subprocess.run(["pg_dump", "-Fc", *cli, "-f", str(backup), db["NAME"]], env=env, check=True, timeout=120)
    subprocess.run(["createdb", *cli, scratch], env=env, check=True, timeout=60)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *cli, "-d", scratch, str(backup)],
            env=env,
            check=True,
            timeout=120,
        )
        # Compare through Django: point the connection at the restored copy.
        original = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = scratch
        try:
            assert newsroom_snapshot() == demo_newsroom
        finally:
            connection.close()
            connection.settings_dict["NAME"] = original
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", *cli, scratch], env=env, check=True, timeout=60)
