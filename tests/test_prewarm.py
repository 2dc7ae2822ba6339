"""
``manage.py prewarm`` loads the indexes that readers' pages probe across the
whole archive into PostgreSQL's shared buffers, most useful first, within a
budget, and says clearly what it needs when it cannot.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.management.commands.prewarm import INDEXES

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_prewarm is PostgreSQL's")


def prewarm(**options):
    out = StringIO()
    call_command("prewarm", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def pg_prewarm():
    # The test database is rolled back after each test, extension included.
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")


def blocks_of(index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [index])
        return cursor.fetchone()[0]


@on_postgres
def test_every_listed_index_is_made_by_the_migrations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'i' AND relname = ANY(%s)", [list(INDEXES)])
        found = {name for (name,) in cursor.fetchall()}
    assert found == set(INDEXES)


@on_postgres
def test_loads_every_listed_index_whole(pg_prewarm):
    ArticleFactory.create_batch(3, published=True)
    out = prewarm()
    for index in INDEXES:
        assert f"{index}: {blocks_of(index)} blocks" in out
    assert "skipped" not in out
    assert "Loaded" in out


@on_postgres
def test_stops_at_the_budget(pg_prewarm):
    out = prewarm(max_mb=0)
    skipped = [line.split(" (")[0] for line in out.splitlines() if line.endswith("skipped, over the budget of 0 MiB.")]
    assert skipped == list(INDEXES)
    assert "blocks" not in out
    assert "Loaded 0.0 MiB" in out


@on_postgres
def test_without_the_extension_says_how_to_add_it():
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION IF EXISTS pg_prewarm")
    with pytest.raises(CommandError, match="CREATE EXTENSION pg_prewarm"):
        prewarm()


@on_postgres
def test_a_negative_budget_is_refused(pg_prewarm):
    with pytest.raises(CommandError, match="--max-mb must be 0 or more"):
        prewarm(max_mb=-1)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's answer")
def test_sqlite_has_nothing_to_prewarm():
    assert "nothing to prewarm" in prewarm()
