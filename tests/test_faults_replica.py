"""
With a read replica configured, public pages read from it and everything else from the primary.

The routing tests need a ``replica`` database alias. The suite normally runs
without one, so ``test_routing_with_a_replica_configured`` re-runs this
module in a child pytest with ``DATABASE_REPLICA_URL`` pointing at the same
database, which the settings declare as a test mirror of the primary.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom.routers import PrimaryReplicaRouter, reading_from_replica

from .factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
needs_replica = pytest.mark.skipif("replica" not in settings.DATABASES, reason="runs in the child with a replica")


def test_router_reads_from_the_replica_only_when_the_request_allows_it():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Article) == "default"
    with reading_from_replica(True):
        assert router.db_for_read(Article) == "replica"
        assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary():
    router = PrimaryReplicaRouter()
    with reading_from_replica(True), transaction.atomic():
        assert router.db_for_read(Article) == "default"


def test_the_replica_is_never_migrated():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


def test_routing_with_a_replica_configured(tmp_path):
    if "replica" in settings.DATABASES:
        pytest.skip("this is the child run")
    env = dict(os.environ)
    if connection.vendor == "postgresql":
        # The child makes its own test database beside ours.
        base = env["DATABASE_URL"].rsplit("/", 1)
        env["DATABASE_URL"] = env["DATABASE_REPLICA_URL"] = f"{base[0]}/{base[1]}_replica"
    else:
        env.pop("DATABASE_URL", None)
        env["DATABASE_REPLICA_URL"] = f"sqlite:///{ROOT / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db", __file__, "-k", "with_replica"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout, result.stdout[-2000:]


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_with_replica_public_pages_read_from_it(client):
    story = ArticleFactory(published=True, headline="Replica-served headline")
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Replica-served headline" in response.text
    assert len(replica) > 0
    assert len(primary) == 0, [q["sql"] for q in primary.captured_queries]


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_with_replica_the_admin_reads_from_the_primary(client):
    story = ArticleFactory(published=True)
    client.force_login(UserFactory(username="replica-admin", is_superuser=True))
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    assert len(primary) > 0
    assert len(replica) == 0, [q["sql"] for q in replica.captured_queries]
