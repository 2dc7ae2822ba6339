"""
python manage.py import_story --user NAME FILE [FILE …]

Imports plain-text stories (see ``articles.importer`` and README "Import").
Each file is imported on its own, in its own transaction: a bad file is
reported (file, line, problem) and the rest still import. The exit status is
1 when any file failed.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportFailure, import_file, import_section, max_import_bytes


class Command(BaseCommand):
    help = "Import plain-text stories (the form news sites publish); re-importing a file updates its story."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--user", required=True, help="Username the import is done as (its permissions apply).")
        parser.add_argument("--section", help="Section slug or name (default: IMPORT_DEFAULT_SECTION).")
        parser.add_argument("--tag", action="append", default=[], dest="tags", help="Tag to add; repeatable.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish at the file's “Published” time (editors only). Without it stories go to review.",
        )

    def handle(self, *args, files, user, section, tags, publish, **options):
        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"There is no active user “{user}”.")
        try:
            section = import_section(section) if section else None
        except ImportFailure as failure:
            raise CommandError(failure.message) from None

        failed = 0
        for name in files:
            try:
                result = import_file(name, _read(name), by=by, section=section, publish=publish, tags=tags)
            except ImportFailure as failure:
                failed += 1
                self.stderr.write(failure.describe(name))
            else:
                self.stdout.write(result.describe(name))
        if failed:
            self.stderr.write(f"{failed} of {len(files)} file(s) failed.")
            raise SystemExit(1)


def _read(name):
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > max_import_bytes():
            raise ImportFailure(f"the file is too large ({size:,} bytes; the limit is {max_import_bytes():,}).")
        return path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"cannot read the file ({error.strerror}).", code="unreadable") from None
