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

import hashlib
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from authors.models import Reporter

from . import workflow
from .headline_keys import headline_key
from .models import Article, Byline, RelatedLink, Section
from .readlink_resolution import story_matching
from .revisions import revision_create
from .signals import public_content_changed

DEFAULT_MAX_BYTES = 1024 * 1024

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


class ImportFailure(Exception):
    """A file that cannot be imported; ``line`` is 1-based, or None for the whole file."""

    def __init__(self, message, *, line=None, code="invalid"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code

    def describe(self, name):
        where = f"{name}, line {self.line}" if self.line else name
        return f"{where}: {self.message}"


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


def max_import_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def decode_story(data):
    """
    The text of a story file, or ImportFailure.

    UTF-8 (with or without a byte-order mark) first; then Windows-1252, the
    legacy encoding wire copy arrives in, but only when the result looks like
    text: control characters or C1 codes mean a wrong guess, and a wrong
    guess is refused rather than stored as mojibake.
    """
    if len(data) > max_import_bytes():
        raise ImportFailure(
            f"the file is too large ({len(data):,} bytes; the limit is {max_import_bytes():,}).", code="too_large"
        )
    if not data.strip():
        raise ImportFailure("the file is empty.", code="empty")
    if b"\x00" in data:
        line = _byte_line(data, data.index(b"\x00"))
        raise ImportFailure("binary data (a NUL byte); this is not a text file.", line=line, code="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = _byte_line(data, error.start)
            raise ImportFailure(
                f"undecodable bytes at byte {error.start}: neither UTF-8 nor Windows-1252.",
                line=line,
                code="undecodable",
            ) from None
        if _looks_garbled(text):
            line = _byte_line(data, error.start)
            raise ImportFailure(
                f"undecodable bytes at byte {error.start}: not UTF-8, and not clean Windows-1252 text.",
                line=line,
                code="undecodable",
            ) from None
    bad = next((i for i, ch in enumerate(text) if _is_control(ch)), None)
    if bad is not None:
        raise ImportFailure(
            f"binary data (control character U+{ord(text[bad]):04X}); this is not a text file.",
            line=_line_of(text, bad),
            code="binary",
        )
    return text


def _byte_line(data, index):
    """The 1-based line of byte ``index``, whatever the line endings."""
    return data[:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _is_control(ch):
    return unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"


def _looks_garbled(text):
    # Typical UTF-8 read as cp1252 ("â€™", "Ã©") is valid cp1252 but nonsense.
    return any(_is_control(ch) for ch in text) or re.search(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]", text)


def _line_of(text, index):
    # A character stands in for the one at ``index`` so a trailing line break counts.
    return len((text[:index] + "x").splitlines())


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


# --- Saving -----------------------------------------------------------------


@dataclass
class ImportResult:
    article: object
    created: bool
    linked: int
    pending: int

    def describe(self, name):
        verb = "created" if self.created else "updated"
        status = self.article.get_status_display().lower()
        links = f"; {self.linked} READ link(s) matched, {self.pending} pending" if self.linked + self.pending else ""
        return f"{name}: {verb} “{self.article.headline}” ({status}){links}."


def import_section(slug_or_name=None):
    """The section imported stories go to: the one named, or IMPORT_DEFAULT_SECTION (created if missing)."""
    if slug_or_name:
        section = (
            Section.objects.filter(slug=slug_or_name).first()
            or Section.objects.filter(name__iexact=slug_or_name).first()
        )
        if section is None:
            raise ImportFailure(f"there is no section “{slug_or_name}”.", code="no_section")
        return section
    name = getattr(settings, "IMPORT_DEFAULT_SECTION", "News")
    return Section.objects.filter(name__iexact=name).first() or Section.objects.create(name=name)


def reporters_named(names):
    """Reporters for the byline names, in order; a name nobody has yet becomes a new reporter."""
    reporters = []
    for name in names:
        reporter = Reporter.objects.filter(name__iexact=name).order_by("pk").first()
        reporters.append(reporter or Reporter.objects.create(name=name))
    return reporters


def story_import(*, story, by, section=None, publish=False, tags=()):
    """
    Create or update the story a file describes, in one transaction.

    The same file (same ``import_key``) updates its story. Without
    ``publish`` a new story is submitted for review; with it, it is
    published at the file's "Published" time (scheduled if that is still
    ahead) and its "Updated" time recorded, all through ``workflow``. A
    refusal from the workflow undoes the whole file.
    """
    try:
        with transaction.atomic():
            return _story_import(story=story, by=by, section=section, publish=publish, tags=tags)
    except ValidationError as error:
        code = getattr(error, "code", None) or "invalid"
        raise ImportFailure(" ".join(error.messages), code=code) from None
    except DatabaseError as error:
        # A concurrent import of the same file, or a value the database refuses:
        # the transaction is undone and the file reported like any other failure.
        raise ImportFailure(f"the story could not be saved ({error}).", code="database") from None


def _story_import(*, story, by, section, publish, tags):
    Status = Article.Status
    article = Article.objects.select_for_update().filter(import_key=story.import_key).first()
    created = article is None
    if created:
        article = Article(import_key=story.import_key, created_by=by, section=section or import_section())
    elif article.trashed_at is not None:
        raise ImportFailure(
            "this story was deleted into the Trash; restore it there to import it again.", code="in_trash"
        )
    elif section is not None:
        article.section = section
    if not workflow.can_edit(by, article):
        raise ImportFailure(
            "you may not change this story (it exists and is no longer your draft).", code="permission_denied"
        )
    article.headline = story.headline
    article.standfirst = story.standfirst
    article.body = story.body_html
    article.lead_image_credit = story.lead_image_credit
    if not created:
        article.version += 1
    article.save()

    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, reporter=reporter, position=position)
        for position, reporter in enumerate(reporters_named(story.reporter_names))
    )
    if story.tags or tags:
        article.tags.add(*story.tags, *tags)

    article.read_links.all().delete()
    linked = pending = 0
    links = []
    for position, read in enumerate(story.read_lines):
        target = story_matching(read.headline, exclude=article)
        linked += target is not None
        pending += target is None
        links.append(
            RelatedLink(
                article=article,
                target=target,
                title=read.headline[:250],
                position=position,
                after_paragraph=read.after_paragraph or None,
            )
        )
    RelatedLink.objects.bulk_create(links)
    revision_create(article=article, by=by, summary="Imported from a text file")

    now = timezone.now()
    if publish and article.status in (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED):
        if story.published_at and story.published_at > now and article.first_published_at is None:
            workflow.article_schedule(article=article, by=by, at=story.published_at, note="Imported")
        else:
            workflow.article_publish(article=article, by=by, at=story.published_at, note="Imported")
    elif not publish and article.status == Status.DRAFT:
        workflow.article_submit(article=article, by=by, note="Imported")
    if (
        article.status == Status.PUBLISHED
        and story.updated_at
        and story.updated_at <= now
        and story.updated_at > article.updated_at
    ):
        workflow.article_record_update(article=article, by=by, at=story.updated_at)
    elif not created and article.status in Article.LIVE_STATUSES:
        # New text for a live story: page caches must drop the old one (as a workflow change would tell them).
        transaction.on_commit(lambda: public_content_changed.send(sender=Article, article=article))
    return ImportResult(article=article, created=created, linked=linked, pending=pending)


def import_file(name, data, *, by, section=None, publish=False, tags=()):
    """Decode, parse and save one file; ImportFailure (with the line, if any) when it cannot be."""
    return story_import(story=parse_story(decode_story(data)), by=by, section=section, publish=publish, tags=tags)
