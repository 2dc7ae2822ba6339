"""Reporters in the JSON API (see ``newsroom.api``): everyone who can appear in a byline."""

import re

from django.conf import settings
from ninja import Query, Router, Schema
from pydantic import Field

from newsroom.api import DEFAULT_LIMIT, MAX_LIMIT, SLUG_PATTERN, BadCursor, cursor_decode, page_of

from .models import Reporter

router = Router(tags=["reporters"])


class ReporterOut(Schema):
    name: str
    slug: str
    job_title: str
    bio: str
    uri: str


class ReporterPage(Schema):
    items: list[ReporterOut]
    next: str | None
    next_cursor: str | None


class ReporterFilters(Schema):
    limit: int = Field(DEFAULT_LIMIT * 5, ge=1, le=MAX_LIMIT * 5)
    cursor: str | None = Field(None, max_length=500)


class Error(Schema):
    detail: str | list | dict


@router.get("/reporters", response={200: ReporterPage, 400: Error, 422: Error}, summary="Reporters, by slug")
def reporter_list(request, filters: Query[ReporterFilters]):
    reporters = Reporter.objects.active()
    if filters.cursor:
        (after,) = cursor_decode(filters.cursor, length=1)
        if not isinstance(after, str) or not re.fullmatch(SLUG_PATTERN, after):
            raise BadCursor
        reporters = reporters.filter(slug__gt=after)
    page = page_of(
        reporters.order_by("slug")[: filters.limit + 1], limit=filters.limit, key=lambda r: [r.slug], request=request
    )
    site = settings.NEWSROOM_SITE_URL.rstrip("/")
    page["items"] = [
        {"name": r.name, "slug": r.slug, "job_title": r.job_title, "bio": r.bio, "uri": site + r.get_absolute_url()}
        for r in page["items"]
    ]
    return page
