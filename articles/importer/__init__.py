"""
Plain-text stories, as Indian news sites publish them and wire desks paste them.

The form (see ``shared/samples/`` and README "Import")::

    Updated February 6th, 2021 at 16:40 IST
    <headline>
    <standfirst>
    Reported by: A, B and C          (or "Written By:", "Edited By:")
    | Image:<credit>
    Advertisement
    <paragraphs; short title-like lines are subheadings>
    READ: <headline of another story>
    Published February 6th, 2021 at 16:40 IST

``decode_story`` turns bytes into text (or refuses), ``parse_story`` turns
text into a ``ParsedStory`` without touching the database, and
``story_import`` saves one through the workflow, in one transaction.
Every refusal is an ``ImportFailure`` naming the line and what is wrong.
"""

from .decoding import DEFAULT_MAX_BYTES, decode_story, max_import_bytes
from .failures import ImportFailure
from .parsing import (
    BOILERPLATE,
    BOILERPLATE_PATTERNS,
    TIME_ZONES,
    ParsedStory,
    ReadLine,
    is_subheading,
    parse_datetime_line,
    parse_story,
    split_names,
)
from .saving import ImportResult, import_file, import_section, reporters_named, story_import

__all__ = [
    "BOILERPLATE",
    "BOILERPLATE_PATTERNS",
    "DEFAULT_MAX_BYTES",
    "TIME_ZONES",
    "ImportFailure",
    "ImportResult",
    "ParsedStory",
    "ReadLine",
    "decode_story",
    "import_file",
    "import_section",
    "is_subheading",
    "max_import_bytes",
    "parse_datetime_line",
    "parse_story",
    "reporters_named",
    "split_names",
    "story_import",
]
