"""
Story content as plain data, for revisions and pending updates.

A snapshot holds everything an editor edits: the text fields, section, lead
image, byline, tags and READ links. It holds nothing about publishing state
(status and the public times belong to the workflow), so restoring a
snapshot never publishes, unpublishes or moves a public time.
"""

import difflib
import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, ArticleRevision, Byline, RelatedLink, Section

TEXT_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "source",
]


def article_snapshot(article):
    """The story's current content (as saved) as JSON-ready data."""
    return {
        **{name: getattr(article, name) for name in TEXT_FIELDS},
        "section_id": article.section_id,
        "lead_image": article.lead_image.name or "",
        "byline": list(article.bylines.order_by("position", "pk").values_list("reporter_id", flat=True)),
        "tags": sorted(article.tags.names()),
        "read_links": [
            {
                "target_id": link.target_id,
                "url": link.url,
                "title": link.title,
                "after_paragraph": link.after_paragraph,
            }
            for link in article.read_links.order_by("position", "pk")
        ],
    }


@transaction.atomic
def article_restore_snapshot(article, content):
    """
    Make the story's content what ``content`` says, as one change.

    Fields missing from an older snapshot are left as they are.
    """
    for name in TEXT_FIELDS:
        if name in content:
            setattr(article, name, content[name])
    if "section_id" in content:
        article.section_id = content["section_id"]
    if "lead_image" in content:
        article.lead_image.name = content["lead_image"] or ""
        if not content["lead_image"]:
            article.lead_image_width = article.lead_image_height = None
    article.save()
    if "byline" in content:
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, reporter_id=reporter_id, position=position)
            for position, reporter_id in enumerate(content["byline"])
        )
    if "tags" in content:
        article.tags.set(content["tags"], clear=True)
    if "read_links" in content:
        article.read_links.all().delete()
        RelatedLink.objects.bulk_create(
            RelatedLink(article=article, position=position, **link)
            for position, link in enumerate(content["read_links"])
        )
    return article


def revision_create(*, article, by, summary="", **pending):
    """Keep a revision of the story as it is saved now."""
    return ArticleRevision.objects.create(
        article=article,
        content=article_snapshot(article),
        base_version=article.version,
        created_by=by,
        summary=summary,
        **pending,
    )


def revision_at_version(article, version):
    """The revision holding the story's content as it was at ``version`` (None if none was kept)."""
    return (
        ArticleRevision.objects.filter(article=article, base_version__lte=version)
        .order_by("-base_version", "-created_at", "-pk")
        .first()
    )


@transaction.atomic
def revision_restore(*, revision, by):
    """
    Make a story's content what an earlier revision holds, as a new revision.

    Publishing state and public times are untouched (snapshots hold none);
    the story's version moves on so edits based on the old content are refused.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    article.version += 1
    article_restore_snapshot(article, revision.content)
    return revision_create(
        article=article,
        by=by,
        summary=f"Restored the version of {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M %Z}",
    )


# Block-level closing tags end a line in the diff, so a changed paragraph shows as one changed line.
_BLOCK_END = re.compile(r"(?<=</p>)|(?<=</h2>)|(?<=</h3>)|(?<=</li>)|(?<=</blockquote>)|(?<=<br>)")


def snapshot_lines(content):
    """A snapshot as labelled lines of text, the form editors read diffs in."""
    from authors.models import Reporter

    section = Section.objects.filter(pk=content.get("section_id")).values_list("name", flat=True).first()
    names = dict(Reporter.objects.filter(pk__in=content.get("byline", [])).values_list("pk", "name"))
    targets = dict(
        Article.objects.filter(
            pk__in=[link["target_id"] for link in content.get("read_links", []) if link.get("target_id")]
        ).values_list("pk", "headline")
    )
    lines = [
        f"Headline: {content.get('headline', '')}",
        f"Address: {content.get('slug', '')}",
        f"Standfirst: {content.get('standfirst', '')}",
        f"Section: {section or ''}",
        f"Byline: {', '.join(names.get(pk, f'#{pk}') for pk in content.get('byline', []))}",
        f"Tags: {', '.join(content.get('tags', []))}",
        f"Lead image: {content.get('lead_image', '')}",
        f"Image description: {content.get('lead_image_alt', '')}",
        f"Caption: {content.get('lead_image_caption', '')}",
        f"Credit: {content.get('lead_image_credit', '')}",
        f"Source line: {content.get('source', '')}",
        "Body:",
        *[part.strip() for part in _BLOCK_END.split(content.get("body", "")) if part.strip()],
    ]
    for link in content.get("read_links", []):
        text = targets.get(link.get("target_id")) or link.get("title") or link.get("url")
        place = f" (after paragraph {link['after_paragraph']})" if link.get("after_paragraph") else ""
        lines.append(f"READ: {text}{place}")
    return lines


def snapshot_diff_html(old, new, *, old_label, new_label):
    """A side-by-side HTML table of what changed between two snapshots (text is escaped by difflib)."""
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        snapshot_lines(old),
        snapshot_lines(new),
        fromdesc=escape(old_label),
        todesc=escape(new_label),
        context=True,
        numlines=2,
    )
    # HtmlDiff escapes &, < and > in every line; the labels are escaped above.
    return mark_safe(table)  # noqa: S308 # nosec B308, B703
