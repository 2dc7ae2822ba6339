"""
Stories, sections and tags in the JSON API (see ``newsroom.api``).

Every story query starts from ``Article.objects.published()``; READ links
are shown only when their story is visible too. Story objects follow IPTC
ninjs 2.x names where they fit; ``read_links``, ``update_notes``,
``section`` and ``slug`` are this site's own additions.
"""

import mimetypes
import re
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field
from taggit.models import Tag

from authors.models import Reporter
from newsroom.api import DEFAULT_LIMIT, MAX_LIMIT, SLUG_PATTERN, BadCursor, cursor_decode, page_of

from .api_schemas import (
    Error,
    SectionOut,
    StoryDetailOut,
    StoryPage,
    TagPage,
)
from .images import lead_image_renditions
from .models import Article, ArticleUpdate, RelatedLink, Section, TaggedArticle

router = Router(tags=["stories"])


# --- Building story objects ---------------------------------------------------


def absolute(path):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path


def section_out(section):
    return {
        "name": section.name,
        "slug": section.slug,
        "description": section.description,
        "uri": absolute(section.get_absolute_url()),
    }


def tag_out(tag):
    return {"name": tag.name, "slug": tag.slug, "literal": tag.slug, "uri": absolute(f"/tag/{tag.slug}/")}


def image_associations(article, *, full):
    image = article.lead_image
    if not image or not image.name:
        return []
    renditions = (lead_image_renditions(article) if full else None) or [
        {
            "url": image.url,
            "width": article.lead_image_width,
            "height": article.lead_image_height,
            "mime": mimetypes.guess_type(image.name)[0] or "application/octet-stream",
        }
    ]
    return [
        {
            "name": "featureimage",
            "type": "picture",
            "uri": absolute(image.url),
            "description_text": article.lead_image_caption or article.lead_image_alt,
            "by": article.lead_image_credit,
            "renditions": [
                {
                    "name": f"w{r['width']}" if r.get("width") else "original",
                    "href": r["url"] if r["url"].startswith("http") else absolute(r["url"]),
                    "width": r.get("width"),
                    "height": r.get("height"),
                    "mimetype": r.get("mime") or "application/octet-stream",
                }
                for r in renditions
            ],
        }
    ]


def join_names(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""


def story_out(article, *, full=False):
    reporters = article.reporters
    story = {
        "uri": absolute(article.get_absolute_url()),
        "representationtype": "full" if full else "partial",
        "version": str(article.version),
        "slug": article.slug,
        "headline": article.headline,
        "descriptions": (
            [{"role": "summary", "contenttype": "text/plain", "value": article.standfirst}]
            if article.standfirst
            else []
        ),
        "by": join_names([r.name for r in reporters]),
        "bylines": [{"byline": r.name, "slug": r.slug, "uri": absolute(r.get_absolute_url())} for r in reporters],
        "firstcreated": article.first_published_at,
        "versioncreated": article.updated_at or article.first_published_at,
        "section": section_out(article.section),
        "subject": [tag_out(tag) for tag in article.tags_in_order],
        "associations": image_associations(article, full=full),
    }
    if full:
        story["body_html"] = article.body
        story["read_links"] = [
            {
                "headline": link.link_text,
                "uri": absolute(link.target.get_absolute_url()) if link.target_id else link.url,
                "after_paragraph": link.after_paragraph,
            }
            for link in article.read_links.all()
        ]
        story["update_notes"] = [
            {"kind": note.kind, "note": note.note, "noted_at": note.noted_at} for note in article.update_notes.all()
        ]
    return story


def stories():
    """Visible stories with everything a story object shows, in a fixed number of queries."""
    return Article.objects.published().with_byline()


# --- Endpoints ----------------------------------------------------------------


def utc(moment):
    """``moment`` in UTC (naive means newsroom time), or None when it is beyond what the database can store."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


class StoryFilters(Schema):
    section: str | None = Field(None, pattern=SLUG_PATTERN, description="Section slug.")
    tag: str | None = Field(None, pattern=SLUG_PATTERN, description="Tag slug.")
    reporter: str | None = Field(None, pattern=SLUG_PATTERN, description="Reporter slug.")
    updated_since: datetime | None = Field(
        None,
        description="ISO 8601 time; only stories published or updated at or after it. "
        "Without a zone, the newsroom's time zone.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=500, description="The next_cursor of the previous page.")


@router.get(
    "/stories",
    response={200: StoryPage, 400: Error, 422: Error},
    summary="Published stories, newest first",
    url_name="story_list",
)
def story_list(request, filters: Query[StoryFilters]):
    # A list item carries no body (``story_out(full=False)``).
    queryset = stories().defer("body", "search_vector")
    if filters.section:
        queryset = queryset.filter(section__slug=filters.section)
    # A reporter's or a tag's stories are sorted by the copy of the time on
    # their byline or tag row, which an index gives in order (as on their
    # pages). A story has one byline per reporter and one row per tag, so the
    # join repeats none; the second filter, when both are given, is a subquery.
    time = "first_published_at"
    if filters.reporter:
        # By id, not by a join on the slug, so the (reporter, time) index gives the order.
        queryset = queryset.by_reporter(Subquery(Reporter.objects.filter(slug=filters.reporter).values("pk")[:1]))
        time = "listed_at"
    if filters.tag and time == "listed_at":
        queryset = queryset.filter(pk__in=TaggedArticle.objects.filter(tag__slug=filters.tag).values("content_object"))
    elif filters.tag:
        queryset = queryset.tagged(Subquery(Tag.objects.filter(slug=filters.tag).values("pk")[:1]))
        time = "listed_at"
    if filters.updated_since:
        since = utc(filters.updated_since)
        if since is None:
            raise HttpError(422, "updated_since is out of range.")
        queryset = queryset.filter(Q(updated_at__gte=since) | Q(first_published_at__gte=since))
    if filters.cursor:
        published_at, pk = cursor_decode(filters.cursor, length=2)
        try:
            published_at, pk = datetime.fromisoformat(published_at), int(pk)
        except (TypeError, ValueError):
            raise BadCursor from None
        if timezone.is_naive(published_at) or utc(published_at) is None or not 0 < pk < 2**63:
            raise BadCursor
        queryset = queryset.filter(
            # The first term lets the database range-scan the time index; the second breaks ties.
            Q(**{f"{time}__lte": published_at}),
            Q(**{f"{time}__lt": published_at}) | Q(pk__lt=pk),
        )
    queryset = queryset.order_by(f"-{time}", "-pk")
    page = page_of(
        queryset[: filters.limit + 1],
        limit=filters.limit,
        key=lambda a: [a.first_published_at.isoformat(), a.pk],
        request=request,
    )
    page["items"] = [story_out(article) for article in page["items"]]
    return page


@router.get(
    "/stories/{slug}",
    response={200: StoryDetailOut, 404: Error},
    summary="One published story, with its body, READ links and update notes",
    url_name="story_detail",
)
def story_detail(request, slug: str):
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise Http404
    # Outside addresses are always http(s): a database constraint (read_link_url_is_web_address) sees to it.
    article = (
        stories()
        .prefetch_related(
            Prefetch("read_links", queryset=RelatedLink.objects.visible().in_order()),
            Prefetch("update_notes", queryset=ArticleUpdate.objects.order_by("noted_at", "pk")),
        )
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    return story_out(article, full=True)


@router.get("/sections", response=list[SectionOut], tags=["sections"], summary="All sections, in menu order")
def section_list(request):
    return [section_out(section) for section in Section.objects.all()]


class TagFilters(Schema):
    limit: int = Field(DEFAULT_LIMIT * 5, ge=1, le=MAX_LIMIT * 5)
    cursor: str | None = Field(None, max_length=500)


@router.get(
    "/tags",
    response={200: TagPage, 400: Error, 422: Error},
    tags=["tags"],
    summary="Tags used by published stories, by slug",
)
def tag_list(request, filters: Query[TagFilters]):
    tags = Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(content_object__in=Article.objects.published()).values("tag")
    )
    if filters.cursor:
        (after,) = cursor_decode(filters.cursor, length=1)
        if not isinstance(after, str) or not re.fullmatch(SLUG_PATTERN, after):
            raise BadCursor
        tags = tags.filter(slug__gt=after)
    page = page_of(
        tags.order_by("slug")[: filters.limit + 1], limit=filters.limit, key=lambda t: [t.slug], request=request
    )
    page["items"] = [tag_out(tag) for tag in page["items"]]
    return page
