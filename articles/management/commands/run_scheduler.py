"""
Apply scheduled publications, pending updates and expiries when they fall due.

Long-running by default (``bin/serve`` starts it beside the web server); with
``--once`` it applies everything overdue and exits, for cron. Each action is
its own transaction, so a worker killed mid-run leaves nothing half-applied
and the next run catches up. Several workers may run at once: on PostgreSQL
each due row is claimed with ``SKIP LOCKED`` (see ``articles.workflow``).
"""

import argparse
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from articles import workflow

# Due actions are applied within this many seconds of their time.
MAX_SLEEP_SECONDS = 1.0


class Command(BaseCommand):
    help = "Apply scheduled publications, pending updates and expiries as they fall due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Apply everything overdue, then exit (for cron).")
        parser.add_argument(
            "--interval",
            type=float,
            default=MAX_SLEEP_SECONDS,
            help=f"Longest wait between checks, in seconds (at most {MAX_SLEEP_SECONDS:g}).",
        )
        # Test hook: sleep inside each action's transaction, after the change
        # and before the commit, so a test can kill the worker there.
        parser.add_argument("--pause-mid-action", type=float, default=0, help=argparse.SUPPRESS)

    def handle(self, *, once, interval, pause_mid_action, verbosity, **options):
        if not 0 < interval <= MAX_SLEEP_SECONDS:
            raise CommandError(f"--interval must be more than 0 and at most {MAX_SLEEP_SECONDS:g} seconds.")
        self.verbosity = verbosity
        pause = self._pauser(pause_mid_action) if pause_mid_action > 0 else None
        if once:
            self._apply(pause)
            return

        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            # Finish the action in hand, then leave; never stop mid-transaction.
            signal.signal(signum, lambda *_: stopping.set())
        self._say(f"Scheduler running (checks at least every {interval:g}s); stop with SIGTERM or Ctrl-C.")
        while not stopping.is_set():
            close_old_connections()  # drop a connection the database has closed
            try:
                if self._something_due():
                    self._apply(pause, stopping=stopping)
                wait = self._seconds_until_next(interval)
            except Exception as error:  # a database restart must not end the worker
                self.stderr.write(f"Scheduler pass failed: {error}; retrying.")
                wait = interval
            stopping.wait(wait)
        self._say("Scheduler stopped.")

    def _apply(self, pause, stopping=None):
        # One action at a time, so SIGTERM is honoured between actions. Each
        # action is logged by the workflow ("articles.scheduler" logger).
        failed = {}  # actions that failed in this pass, passed over until the next one
        while not (stopping and stopping.is_set()):
            if not workflow.apply_due(now=timezone.now(), pause=pause, limit=1, skip=failed):
                return

    def _something_due(self):
        due = workflow.next_due_at()
        return due is not None and due <= timezone.now()

    def _seconds_until_next(self, interval):
        due = workflow.next_due_at()
        if due is None:
            return interval
        return min(interval, max(0.0, (due - timezone.now()).total_seconds()))

    def _pauser(self, seconds):
        def pause():
            self.stdout.write("paused mid-action", ending="\n")
            self.stdout.flush()
            time.sleep(seconds)

        return pause

    def _say(self, message):
        if self.verbosity:
            self.stdout.write(message)
            self.stdout.flush()
