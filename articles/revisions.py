"""
Story content as plain data, for revisions and pending updates.

A snapshot holds everything an editor edits: the text fields, section, lead
image, byline, tags and READ links. It holds nothing about publishing state
(status and the public times belong to the workflow), so restoring a
snapshot never publishes, unpublishes or moves a public time.
"""

from django.db import transaction

from .models import ArticleRevision, Byline, RelatedLink

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
