"""
The Trash: deleting a story hides it everywhere at once and keeps it whole
until an editor restores it (``articles/admin_trash.py`` lists it).
"""

from django.db import transaction
from django.utils import timezone

from ..models import ArticleTransition
from .transitions import _announce, _lock, _require, can_publish


def can_trash(user):
    """Editors delete stories (into the trash) and restore them; reporters do not."""
    return can_publish(user) and user.has_perm("articles.delete_article")


def _record_trash_step(*, locked, by, note):
    # The status does not change; the history still shows who deleted or restored and when.
    ArticleTransition.objects.create(
        article=locked, from_status=locked.status, to_status=locked.status, by=by, at=timezone.now(), note=note
    )
    _announce(locked)


@transaction.atomic
def article_trash(*, article, by, note=""):
    """
    Delete a story into the trash: it leaves every public page, feed and API
    answer at once (``published()`` excludes it) and keeps its content, history
    and address so an editor can restore it exactly as it was.
    """
    locked = _lock(article)
    _require(can_trash(by), "Only editors can delete stories.", "permission_denied")
    _require(locked.trashed_at is None, "This story is already in the trash.", "already_in_trash")
    locked.trashed_at, locked.trashed_by = timezone.now(), by
    locked.save(update_fields=["trashed_at", "trashed_by", "modified_at"])
    _record_trash_step(locked=locked, by=by, note=note or "Moved to the trash.")
    article.trashed_at, article.trashed_by = locked.trashed_at, by
    return article


@transaction.atomic
def article_restore_from_trash(*, article, by, note=""):
    """Take a story out of the trash in the state it was deleted in (a published story is live again)."""
    locked = _lock(article)
    _require(can_trash(by), "Only editors can restore stories.", "permission_denied")
    _require(locked.trashed_at is not None, "This story is not in the trash.", "not_in_trash")
    locked.trashed_at, locked.trashed_by = None, None
    locked.save(update_fields=["trashed_at", "trashed_by", "modified_at"])
    _record_trash_step(locked=locked, by=by, note=note or "Restored from the trash.")
    article.trashed_at = article.trashed_by = None
    return article
