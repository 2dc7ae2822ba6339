"""
Keyset ("cursor") pagination for story listings.

Pages are cut by position, not by number: ``?before=<cursor>`` shows the
stories older than the cursor, ``?after=<cursor>`` the ones newer. A cursor
is the first-published time (microseconds since the epoch) and id of the
story at the edge of the page, so a deep page costs the same as the first
(an index range scan, no OFFSET) and a story published while a reader is
paging does not shift what "older" means. A malformed cursor is a 400.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import BadRequest
from django.db.models import Q

_CURSOR = re.compile(r"^(-?\d{1,17})_(\d{1,18})$")


def make_cursor(article):
    when = article.first_published_at
    micros = int(when.timestamp()) * 1_000_000 + when.microsecond
    return f"{micros}_{article.pk}"


def parse_cursor(value):
    match = _CURSOR.match(value or "")
    if not match:
        raise BadRequest("The page address is not valid.")
    micros, pk = int(match[1]), int(match[2])
    try:
        when = datetime.fromtimestamp(micros // 1_000_000, tz=UTC).replace(microsecond=micros % 1_000_000)
    except (OverflowError, OSError, ValueError) as error:
        raise BadRequest("The page address is not valid.") from error
    return when, pk


@dataclass
class CursorPage:
    object_list: list
    older_cursor: str | None  # for the "Older" link (?before=)
    newer_cursor: str | None  # for the "Newer" link (?after=)

    @property
    def has_other_pages(self):
        return bool(self.older_cursor or self.newer_cursor)


def refuse_page_numbers(params):
    """Listings are paged by cursor; a page number (other than 1) is a wrong address."""
    if params.get("page", "1") != "1":
        raise BadRequest("Pages are addressed by ?before= and ?after=, not by number.")


def paginate(queryset, params, *, per_page, time="first_published_at"):
    """
    One page of ``queryset`` (newest first) as the query ``params`` ask.

    ``time`` names the first-published time to sort and cut by: a reporter's
    or a tag's listing passes the copy on its byline or tag rows, which its
    index orders (PUBLISHED_AT_COPIES in models).
    """
    refuse_page_numbers(params)
    before, after = params.get("before"), params.get("after")
    if before is not None and after is not None:
        raise BadRequest("Ask for older or newer stories, not both.")
    if after is not None:
        when, pk = parse_cursor(after)
        rows = list(
            queryset.filter(**{f"{time}__gte": when})
            .filter(Q(**{f"{time}__gt": when}) | Q(pk__gt=pk))
            .order_by(time, "pk")[: per_page + 1]
        )
        more_newer = len(rows) > per_page
        rows = rows[:per_page][::-1]
        return CursorPage(
            rows,
            older_cursor=make_cursor(rows[-1]) if rows else after,
            newer_cursor=make_cursor(rows[0]) if rows and more_newer else None,
        )
    ordered = queryset.order_by(f"-{time}", "-pk")
    if before is not None:
        when, pk = parse_cursor(before)
        # The plain range condition lets PostgreSQL start the index scan at the
        # cursor; written only as (time < t OR (time = t AND id < i)) it
        # filters from the newest story down, and a deep page costs more.
        ordered = ordered.filter(**{f"{time}__lte": when}).filter(Q(**{f"{time}__lt": when}) | Q(pk__lt=pk))
    rows = list(ordered[: per_page + 1])
    more_older = len(rows) > per_page
    rows = rows[:per_page]
    return CursorPage(
        rows,
        older_cursor=make_cursor(rows[-1]) if rows and more_older else None,
        newer_cursor=(make_cursor(rows[0]) if rows else before) if before is not None else None,
    )
