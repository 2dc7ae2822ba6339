"""
Bulk writing of finished rows, for loads far beyond what ``bulk_create`` does
quickly: a million stories are about ten million rows.

Rows are dicts keyed by field ``attname``; fields a row leaves out take the
field's default. Primary keys are given explicitly (``IdAllocator``), so no
row needs to be read back, and the sequences are moved past them at the end.
On PostgreSQL the rows go in with ``COPY … FROM STDIN``, as PostgreSQL's
"Populating a Database" advises; elsewhere with ``executemany``.
"""

import io
import json
import queue
import threading
import time
from contextlib import contextmanager
from datetime import date, datetime

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max


def _copy_text(value):
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class RowWriter:
    """Inserts rows of one model at a time, every concrete column given (missing ones take their default)."""

    def __init__(self):
        self.defaults = {}

    def _fields(self, model):
        if model not in self.defaults:
            self.defaults[model] = [(field, field.get_default()) for field in model._meta.concrete_fields]
        return self.defaults[model]

    def prepare(self, model, rows):
        """
        The statement and data that store ``rows``, made ready without
        touching the database, so it can be done while another batch is being
        written (``BackgroundWriter``); ``write`` sends it.
        """
        fields = self._fields(model)
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field, _ in fields)
        if connection.vendor == "postgresql":
            text = "".join(
                "\t".join([_copy_text(row.get(field.attname, default)) for field, default in fields]) + "\n"
                for row in rows
            )
            return f"COPY {table} ({columns}) FROM STDIN", text.encode()
        placeholders = ", ".join(["%s"] * len(fields))
        values = [
            [field.get_db_prep_save(row.get(field.attname, default), connection) for field, default in fields]
            for row in rows
        ]
        # Table and column names come from the model's _meta, quoted; values are parameters.
        return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values  # noqa: S608 # nosec B608

    @staticmethod
    def write(prepared):
        sql, data = prepared
        if not data:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One read of the whole batch: reading in small chunks would wait for the GIL each time.
                cursor.cursor.copy_expert(sql, io.BytesIO(data), size=len(data))
            else:
                cursor.executemany(sql, data)

    @staticmethod
    def reset_sequences(models):
        """Move each model's id sequence past the ids given explicitly."""
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class IdAllocator:
    """
    Hands out primary keys above the highest in the table.

    Only one generator may write at a time; the command runs in a single
    process and resets the sequences when it is done.
    """

    def __init__(self, model):
        self.next = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def take(self, count):
        first = self.next
        self.next += count
        return range(first, first + count)


class BackgroundWriter:
    """
    Runs ``write(batch)`` on a second thread, with that thread's own database
    connection, so PostgreSQL stores one batch while Python makes the next:
    on two cores that nearly halves a large load. At most one batch waits.
    A failed write is raised by the next ``put`` or by ``close``.
    """

    def __init__(self, write):
        self.write = write
        self.batches = queue.Queue(maxsize=1)
        self.error = None
        self.thread = threading.Thread(target=self._run, name="generate-newsroom-writer", daemon=True)
        self.thread.start()

    def put(self, batch):
        self._raise_failure()
        self.batches.put(batch)

    def close(self):
        self.batches.put(None)
        self.thread.join()
        self._raise_failure()

    def _raise_failure(self):
        if self.error is not None:
            raise self.error

    def _run(self):
        try:
            while (batch := self.batches.get()) is not None:
                if self.error is None:  # after a failure, drain without writing
                    try:
                        self.write(batch)
                    except Exception as error:  # handed to the main thread
                        self.error = error
        finally:
            connection.close()  # this thread's connection


_SECONDARY_INDEXES_SQL = """
SELECT index.relname, pg_get_indexdef(index.oid)
FROM pg_index x JOIN pg_class index ON index.oid = x.indexrelid
WHERE x.indrelid = %s::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
ORDER BY index.relname
"""


@contextmanager
def secondary_indexes_dropped(model, *, out=None):
    """
    On PostgreSQL, drop the indexes of ``model``'s table that back no
    constraint (the search index, time and section indexes …) for the body
    of the ``with``, then build them again from their saved definitions.

    Building an index once is far cheaper than updating it row by row, as
    PostgreSQL's "Populating a Database" advises for large loads. Primary key
    and unique indexes stay: they back constraints. If the process is killed
    in between, the printed statements rebuild the indexes.
    """
    with connection.cursor() as cursor:
        cursor.execute(_SECONDARY_INDEXES_SQL, [model._meta.db_table])
        definitions = cursor.fetchall()
        for name, definition in definitions:
            if out:
                out(f"Dropping {name} for the load; rebuilt at the end by: {definition};")
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, definition in definitions:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")
        if out:
            out(f"Rebuilt {len(definitions)} indexes of {model._meta.db_table} in {time.monotonic() - started:.0f} s.")
