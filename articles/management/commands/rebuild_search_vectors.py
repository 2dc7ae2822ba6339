"""Rebuild every story's search vector (after a bulk import that bypassed ``save()``)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from articles.search import update_search_vectors


class Command(BaseCommand):
    help = "Rebuild the full-text search vector of every story (PostgreSQL only; does nothing on SQLite)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Search vectors are only kept on PostgreSQL; nothing to do.")
            return
        started = time.monotonic()
        update_search_vectors()
        self.stdout.write(self.style.SUCCESS(f"Search vectors rebuilt in {time.monotonic() - started:.1f} s."))
