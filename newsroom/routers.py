"""
Read replica routing.

When ``DATABASE_REPLICA_URL`` is set, the public site reads from the replica
and everything else uses the primary. The choice is made per request, not per
query: ``ReplicaRoutingMiddleware`` marks a request as replica-readable
when it is a GET or HEAD outside the admin (see ``may_read_from_replica``).
Everything else -- the admin, any form post, management commands, the
scheduler, and any read inside a transaction -- reads from the primary, so an
editor always sees what they just saved and no write is ever based on a
replica's possibly stale copy. Readers may see a change a moment late (the
replica's lag); that is the price of offloading them.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"

_replica_allowed = ContextVar("newsroom_replica_allowed", default=False)


def may_read_from_replica(request):
    """Public reads only: safe methods outside the admin."""
    if REPLICA not in settings.DATABASES:
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    return not request.path_info.lstrip("/").startswith(settings.ADMIN_URL)


@contextmanager
def reading_from_replica(allowed=True):
    token = _replica_allowed.set(allowed)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by replication, never by migrate.
        return db == PRIMARY
