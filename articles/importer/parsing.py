"""
Text to a ``ParsedStory``, without touching the database.

Every pattern of the publisher's form lives here (boilerplate, time lines,
bylines, credits, READ lines, subheadings), so the rules read in one place.
"""

import hashlib
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from django.conf import settings

from ..headline_keys import headline_key
from .failures import ImportFailure

# Lines publishers add around a story that are not part of it. Matched
# against the whole (stripped) line, case-insensitively; add new ones here.
BOILERPLATE_PATTERNS = [
    r"advertisement",
    r"advertisement\s*-\s*scroll to continue",
    r"story continues below (this )?ad(vertisement)?",
    r"continue reading below",
    r"(also )?watch( video)?:?",
    r"follow (us|.{1,40}) on (twitter|x|facebook|instagram|google news|whatsapp|telegram)\b.*",
    r"(click|tap) here to (subscribe|join|download|read more)\b.*",
    r"subscribe to (our|the) .{0,40}newsletter\b.*",
    r"download the .{1,40} app\b.*",
    r"get the latest .{1,80} (news|updates) .{0,80}",
    r"first published:?.*",
]
BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.IGNORECASE)

# Zone abbreviations the desks use. Anything else is refused rather than guessed.
TIME_ZONES = {"IST": "Asia/Kolkata", "UTC": "UTC", "GMT": "UTC"}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

TIME_LINE = re.compile(r"^(?P<kind>updated|published)\b\s*(?:on\s+)?:?\s*(?P<rest>.*)$", re.IGNORECASE)
DATE_TIME = re.compile(
    r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4}),?\s+"
    r"(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<ampm>am|pm))?(?:\s+(?P<zone>[a-z]{2,5}))?$",
    re.IGNORECASE,
)
LOOKS_LIKE_DATE = re.compile(r"^[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b", re.IGNORECASE)
BYLINE = re.compile(r"^(?P<role>reported|written|edited)\s+by\s*:\s*(?P<names>.*)$", re.IGNORECASE)
CREDIT = re.compile(r"^\|?\s*image\s*:\s*(?P<credit>.*)$", re.IGNORECASE)
READ_LINE = re.compile(r"^read\s*:\s*(?P<headline>.+)$", re.IGNORECASE)
TAGS_LINE = re.compile(r"^tags\s*:\s*(?P<tags>.+)$", re.IGNORECASE)
NAME_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)

# Field limits, checked while parsing so a long value is a clear error, not a database one.
MAX_NAME_LENGTH = 120
MAX_CREDIT_LENGTH = 120
MAX_TAG_LENGTH = 100

# A subheading is a short line that does not read as a sentence.
SUBHEADING_MAX_CHARS = 80
SUBHEADING_MAX_WORDS = 10
SENTENCE_END = ".!?,;:…\"'”’)"
QUOTE_START = "\"'“‘«"


@dataclass
class ReadLine:
    headline: str
    after_paragraph: int
    line: int


@dataclass
class ParsedStory:
    headline: str
    standfirst: str = ""
    body_html: str = ""
    reporter_names: list[str] = field(default_factory=list)
    lead_image_credit: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    read_lines: list[ReadLine] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def import_key(self):
        """
        What makes two files the same story: its headline (compared as READ
        lines are) and its published time. A re-sent file with a corrected
        body or a later "Updated" time updates the story; a new headline or
        published time is a new story.
        """
        published = self.published_at.isoformat() if self.published_at else "-"
        digest = hashlib.sha256(f"{headline_key(self.headline)}|{published}".encode()).hexdigest()
        return f"text:{digest}"


def _clean(line):
    """One line with non-breaking and odd spaces made plain, trimmed."""
    line = unicodedata.normalize("NFC", line)
    return re.sub(r"\s+", " ", line).strip()


def parse_datetime_line(rest, *, line):
    """ "February 6th, 2021 at 16:40 IST" as an aware UTC datetime, or ImportFailure."""
    match = DATE_TIME.match(rest)
    if not match:
        raise ImportFailure(
            f"cannot read the time “{rest}”; expected e.g. “February 6th, 2021 at 16:40 IST”.",
            line=line,
            code="bad_time",
        )
    parts = match.groupdict()
    month = MONTHS.get(parts["month"].lower())
    if month is None:
        raise ImportFailure(f"“{parts['month']}” is not a month.", line=line, code="bad_time")
    zone_name = (parts["zone"] or "").upper()
    if zone_name and zone_name not in TIME_ZONES:
        raise ImportFailure(
            f"unknown time zone “{zone_name}” (known: {', '.join(sorted(TIME_ZONES))}).", line=line, code="bad_zone"
        )
    zone = zoneinfo.ZoneInfo(TIME_ZONES[zone_name] if zone_name else settings.TIME_ZONE)
    hour, minute = int(parts["hour"]), int(parts["minute"])
    if parts["ampm"]:
        if not 1 <= hour <= 12:
            raise ImportFailure(f"{hour} {parts['ampm']} is not a time.", line=line, code="bad_time")
        hour = hour % 12 + (12 if parts["ampm"].lower() == "pm" else 0)
    try:
        local = datetime(int(parts["year"]), month, int(parts["day"]), hour, minute, tzinfo=zone)
    except ValueError as error:
        raise ImportFailure(f"impossible date or time “{rest}” ({error}).", line=line, code="bad_time") from None
    return local.astimezone(UTC)


def split_names(names):
    """ "A, B and C" -> ["A", "B", "C"], blanks and repeats dropped."""
    seen, result = set(), []
    for name in NAME_SEPARATORS.split(names):
        name = name.strip(" .")
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def is_subheading(text):
    return (
        len(text) <= SUBHEADING_MAX_CHARS
        and len(text.split()) <= SUBHEADING_MAX_WORDS
        and text[-1] not in SENTENCE_END
        and text[0] not in QUOTE_START
    )


def parse_story(text):
    """The parts of a story file (already decoded), or ImportFailure naming the line."""
    story_lines = []  # (line number, text) of headline, standfirst and body
    byline_seen_at = None
    parsed = ParsedStory(headline="")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _clean(raw)
        if not line or BOILERPLATE.fullmatch(line):
            continue
        if match := TIME_LINE.match(line):
            # "Published reports say…" is body text; "Published <Month> <day>, <year>…" is a time.
            if LOOKS_LIKE_DATE.match(match["rest"]):
                when = parse_datetime_line(match["rest"], line=number)
                if match["kind"].lower() == "updated":
                    parsed.updated_at = when
                else:
                    parsed.published_at = when
                continue
        if match := BYLINE.match(line):
            names = split_names(match["names"])
            if not names:
                raise ImportFailure("the byline names nobody.", line=number, code="empty_byline")
            if any(len(name) > MAX_NAME_LENGTH for name in names):
                raise ImportFailure(
                    f"a byline name is longer than {MAX_NAME_LENGTH} characters.", line=number, code="name_long"
                )
            parsed.reporter_names += [n for n in names if n.casefold() not in map(str.casefold, parsed.reporter_names)]
            byline_seen_at = byline_seen_at or number
            continue
        if match := CREDIT.match(line):
            if line.startswith("|") or match["credit"]:
                parsed.lead_image_credit = match["credit"].strip()
                if len(parsed.lead_image_credit) > MAX_CREDIT_LENGTH:
                    raise ImportFailure(
                        f"the image credit is longer than {MAX_CREDIT_LENGTH} characters.",
                        line=number,
                        code="credit_long",
                    )
                byline_seen_at = byline_seen_at or number
                continue
        if match := TAGS_LINE.match(line):
            tags = [t.strip() for t in match["tags"].split(",") if t.strip()]
            if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
                raise ImportFailure(f"a tag is longer than {MAX_TAG_LENGTH} characters.", line=number, code="tag_long")
            parsed.tags += tags
            continue
        story_lines.append((number, line))

    if not story_lines or READ_LINE.match(story_lines[0][1]):
        raise ImportFailure("no headline: the file has no line of story text.", code="no_headline")
    headline_line, parsed.headline = story_lines.pop(0)
    if len(parsed.headline) > 250:
        raise ImportFailure("the headline is longer than 250 characters.", line=headline_line, code="headline_long")
    if story_lines and not READ_LINE.match(story_lines[0][1]):
        number, candidate = story_lines[0]
        if byline_seen_at is None or number < byline_seen_at:
            parsed.standfirst = candidate
            story_lines.pop(0)
    if parsed.published_at is None and parsed.updated_at is not None:
        # Some pages print only "Updated": the story was public by then at the latest.
        parsed.published_at = parsed.updated_at
    if parsed.published_at and parsed.updated_at and parsed.updated_at < parsed.published_at:
        raise ImportFailure("the “Updated” time is before the “Published” time.", code="updated_before_published")

    blocks, paragraphs = [], 0
    for number, line in story_lines:
        if match := READ_LINE.match(line):
            parsed.read_lines.append(ReadLine(headline=match["headline"], after_paragraph=paragraphs, line=number))
        elif is_subheading(line):
            blocks.append(f"<h2>{escape(line, quote=False)}</h2>")
        else:
            paragraphs += 1
            blocks.append(f"<p>{escape(line, quote=False)}</p>")
    parsed.body_html = "\n".join(blocks)
    return parsed
