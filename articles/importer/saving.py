"""
A ``ParsedStory`` saved as a story, through the workflow, in one transaction.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from authors.models import Reporter

from .. import workflow
from ..models import Article, Byline, RelatedLink, Section
from ..readlink_resolution import story_matching
from ..revisions import revision_create
from ..signals import public_content_changed
from .decoding import decode_story
from .failures import ImportFailure
from .parsing import parse_story


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
