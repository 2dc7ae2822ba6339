"""
Load the indexes that readers' pages probe all over the archive into
PostgreSQL's shared buffers (``pg_prewarm``).

A story's first visit ranks a few hundred related candidates from across the
archive; each candidate is a look-up in the indexes below. When those index
pages are not in memory each look-up reads the disk: at a million stories a
first visit read up to 500 pages, up to 30 ms on the benchmark's machine
(bench/README.md, fifth round). Recent stories stay in memory by being read; old ones,
visited now and then by readers and crawlers, do not. Run after a restart or
a restore; with ``shared_preload_libraries = 'pg_prewarm'`` PostgreSQL also
saves and reloads its buffers across restarts by itself.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Most useful first: the command stops at its budget.
INDEXES = (
    # Related stories: each candidate's visibility, section and time.
    "article_visibility",
    # Related stories' shared-tag counts, and a story's own tags.
    "tagged_article_unique",
    # Related stories' candidates: the newest stories of each tag.
    "tagged_article_by_tag",
    # Tag pages and feeds.
    "tagged_article_by_tag_time",
    # Reporter pages and feeds.
    "byline_by_reporter_time",
    # Section pages, first and deep.
    "article_by_section_time",
    # A story's byline, READ links and notes.
    "byline_reporter_once",
    "articles_relatedlink_article_id_ba44f149",
    "articles_articleupdate_article_id_4eb4e0d5",
    # A story by its address.
    "articles_article_slug_cc61df93_like",
)


class Command(BaseCommand):
    help = (
        "Load the indexes readers' pages probe across the whole archive into PostgreSQL's shared buffers "
        "(needs the pg_prewarm extension; does nothing on SQLite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-mb",
            type=int,
            help="Load at most this many MiB (default: half of shared_buffers, leaving room for tables).",
        )

    def handle(self, *args, max_mb=None, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Only PostgreSQL keeps its own buffers; on SQLite there is nothing to prewarm.")
            return
        if max_mb is not None and max_mb < 0:
            raise CommandError("--max-mb must be 0 or more.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'")
            if cursor.fetchone() is None:
                raise CommandError(
                    f"The pg_prewarm extension is not installed in the database {connection.settings_dict['NAME']!r}. "
                    "A superuser can add it with: CREATE EXTENSION pg_prewarm;"
                )
            cursor.execute("SELECT pg_size_bytes(current_setting('shared_buffers'))")
            (shared_buffers,) = cursor.fetchone()
            budget = shared_buffers // 2 if max_mb is None else max_mb * 1024 * 1024
            cursor.execute(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
                "WHERE c.relkind = 'i' AND c.relname = ANY(%s) AND pg_table_is_visible(c.oid)",
                [list(INDEXES)],
            )
            sizes = dict(cursor.fetchall())
            loaded = 0
            for name in INDEXES:
                if name not in sizes:
                    self.stdout.write(f"{name}: not in this database (an older schema?), skipped.")
                    continue
                if loaded + sizes[name] > budget:
                    self.stdout.write(
                        f"{name} ({sizes[name] / 2**20:.1f} MiB): skipped, over the budget of {budget / 2**20:.0f} MiB."
                    )
                    continue
                cursor.execute("SELECT pg_prewarm(%s::regclass)", [name])
                (blocks,) = cursor.fetchone()
                loaded += sizes[name]
                self.stdout.write(f"{name}: {blocks} blocks ({sizes[name] / 2**20:.1f} MiB) loaded.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {loaded / 2**20:.1f} MiB of indexes into shared buffers "
                f"(shared_buffers is {shared_buffers / 2**20:.0f} MiB)."
            )
        )
        if max_mb is None and loaded < sum(sizes.values()):
            self.stdout.write(
                "Some indexes did not fit: raise shared_buffers (a quarter of the database server's memory "
                "is PostgreSQL's usual advice) or pass --max-mb."
            )
