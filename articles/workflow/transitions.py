"""
Moving a story through its states: submit, return, publish, schedule,
unpublish, record a real update, and telling caches about saved edits.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Article, ArticleTransition, ArticleUpdate
from ..signals import public_content_changed

Status = Article.Status

# from-status -> statuses it may move to (see docs in README "Workflow").
TRANSITIONS = {
    Status.DRAFT: {Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED},
    Status.IN_REVIEW: {Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED},
    Status.SCHEDULED: {Status.IN_REVIEW, Status.PUBLISHED, Status.UNPUBLISHED},
    Status.PUBLISHED: {Status.UNPUBLISHED},
    Status.UNPUBLISHED: {Status.DRAFT, Status.PUBLISHED},
}


def can_publish(user):
    """Editors return, publish, schedule and unpublish; reporters do not."""
    return user is not None and user.has_perm("articles.publish_article")


def can_edit(user, article):
    """
    Whether ``user`` may change the story's content now.

    Editors may edit any story. A reporter may edit a story they wrote (or are
    in the byline of) while it is a draft, including one returned to them.
    """
    if user is None or not user.is_active:
        return False
    if user.has_perm("articles.change_any_article"):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is None:
        return True
    return article.status == Status.DRAFT and is_author(user, article)


def is_author(user, article):
    return article.created_by_id == user.pk or article.bylines.filter(reporter__user=user).exists()


def _require(condition, message, code):
    if not condition:
        raise ValidationError(message, code=code)


def _announce(article):
    """Tell listeners (page caches, CDN purges) once the change is committed."""
    transaction.on_commit(lambda: public_content_changed.send(sender=Article, article=article))


def _lock(article):
    """The story's current row, locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _move(*, article, locked, to_status, by, note, at, fields=()):
    from_status = locked.status
    _require(
        to_status in TRANSITIONS.get(from_status, set()),
        f"A story that is {Status(from_status).label.lower()} cannot be moved to {Status(to_status).label.lower()}.",
        "illegal_transition",
    )
    locked.status = to_status
    locked.version += 1
    locked.save(update_fields=["status", "version", "modified_at", *fields])
    ArticleTransition.objects.create(
        article=locked, from_status=from_status, to_status=to_status, by=by, at=at, note=note
    )
    if Status.PUBLISHED in (from_status, to_status) or Status.SCHEDULED in (from_status, to_status):
        _announce(locked)
    # Keep the caller's object in step with the row.
    for name in ("status", "version", "modified_at", *fields):
        setattr(article, name, getattr(locked, name))
    return article


@transaction.atomic
def article_submit(*, article, by, note=""):
    """A reporter (or editor) sends a draft to the desk for review."""
    locked = _lock(article)
    _require(can_edit(by, locked), "You cannot submit this story.", "permission_denied")
    # Only drafts go to review: a scheduled or live story leaves the site through
    # cancel-schedule or unpublish, which say so in its history.
    _require(
        locked.status == Status.DRAFT,
        f"A story that is {Status(locked.status).label.lower()} cannot be submitted for review; only drafts can.",
        "illegal_transition",
    )
    return _move(article=article, locked=locked, to_status=Status.IN_REVIEW, by=by, note=note, at=timezone.now())


@transaction.atomic
def article_return(*, article, by, note):
    """An editor sends a story in review back to its reporter, saying why."""
    locked = _lock(article)
    _require(can_publish(by), "Only editors can return stories.", "permission_denied")
    _require(locked.status == Status.IN_REVIEW, "Only a story in review can be returned.", "illegal_transition")
    _require(bool(note and note.strip()), "Say what the reporter should change.", "note_required")
    return _move(article=article, locked=locked, to_status=Status.DRAFT, by=by, note=note, at=timezone.now())


@transaction.atomic
def article_publish(*, article, by, note="", at=None):
    """
    Make a story public now (or at ``at``, a past time, for imported stories).

    The first publication sets ``first_published_at`` (and the public
    "Updated" time to match); publishing again after an unpublish keeps both.
    """
    locked = _lock(article)
    _require(can_publish(by), "Only editors can publish stories.", "permission_denied")
    now = timezone.now()
    _require(at is None or at <= now, "Use scheduling for a future time.", "publish_in_future")
    now = at or now
    fields = []
    if locked.first_published_at is None or locked.first_published_at > now:
        # A first publication, or a scheduled story published before its time.
        locked.first_published_at = now
        locked.updated_at = now
        fields += ["first_published_at", "updated_at"]
    if locked.expire_at and locked.expire_at <= now:
        locked.expire_at = None
        fields.append("expire_at")
    return _move(article=article, locked=locked, to_status=Status.PUBLISHED, by=by, note=note, at=now, fields=fields)


@transaction.atomic
def article_schedule(*, article, by, at, note=""):
    """Schedule a story's first publication for a future time."""
    locked = _lock(article)
    _require(can_publish(by), "Only editors can schedule stories.", "permission_denied")
    now = timezone.now()
    _require(at > now, "The publication time must be in the future.", "schedule_in_past")
    _require(
        locked.status in (Status.DRAFT, Status.IN_REVIEW) and locked.first_published_at is None,
        "Only a story that has never been published can be scheduled; publish it again instead.",
        "illegal_transition",
    )
    _require(
        locked.expire_at is None or locked.expire_at > at,
        "The story would expire before it is published.",
        "expires_before_publication",
    )
    locked.first_published_at = at
    locked.updated_at = at
    locked.scheduled_by = by
    return _move(
        article=article,
        locked=locked,
        to_status=Status.SCHEDULED,
        by=by,
        note=note,
        at=now,
        fields=["first_published_at", "updated_at", "scheduled_by"],
    )


@transaction.atomic
def article_unpublish(*, article, by, note=""):
    """Take a story off the site; its first-published time is kept."""
    locked = _lock(article)
    _require(can_publish(by), "Only editors can unpublish stories.", "permission_denied")
    return _move(article=article, locked=locked, to_status=Status.UNPUBLISHED, by=by, note=note, at=timezone.now())


def article_edit_saved(*, article):
    """
    An edit saved outside a transition (a silent fix, new tags, a new READ
    link): if readers can see the story, tell page caches, so nobody keeps
    reading the old version from a cache.
    """
    if Article.objects.published().filter(pk=article.pk).exists():
        _announce(article)


@transaction.atomic
def article_record_update(*, article, by, note="", kind=ArticleUpdate.Kind.UPDATE, at=None):
    """
    Mark a change to a live story as a real update: the public "Updated"
    time moves to now (or ``at``, a past time, for imported stories), and
    ``note`` (if given) is shown to readers.
    """
    locked = _lock(article)
    _require(can_publish(by), "Only editors can mark a story as updated.", "permission_denied")
    _require(locked.status == Status.PUBLISHED, "Only a published story can be updated.", "illegal_transition")
    now = timezone.now()
    _require(at is None or at <= now, "An update cannot be dated in the future.", "update_in_future")
    now = at or now
    _require(now >= locked.first_published_at, "An update cannot predate publication.", "update_before_publication")
    locked.updated_at = now
    locked.version += 1
    locked.save(update_fields=["updated_at", "version", "modified_at"])
    article.updated_at, article.version = locked.updated_at, locked.version
    if note and note.strip():
        ArticleUpdate.objects.create(article=locked, kind=kind, note=note.strip(), noted_at=now, created_by=by)
    _announce(locked)
    return article
