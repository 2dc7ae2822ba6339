"""
Scheduling

What editors can schedule (a first publication, an update to a live story,
an expiry), and the actions ``run_scheduler`` applies when their time comes.
Visibility of a scheduled first publication never waits for the worker:
``published()`` decides it at query time. The worker only tidies the status
(scheduled -> published), applies pending updates and expiries, and
announces each change so page caches drop what they hold.

Locks are always taken story first, then its pending revision, so an
editor and a worker touching the same story cannot deadlock. A story in the
trash is left exactly as it was deleted: its due actions wait, and the
worker catches up if it is restored.
"""

import logging

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Article, ArticleRevision, ArticleTransition, ArticleUpdate
from ..revisions import article_restore_snapshot, article_snapshot
from .transitions import Status, _announce, _lock, _move, _require, can_publish

log = logging.getLogger("articles.scheduler")


def local_time_label(at):
    """A time as editors read it: in the newsroom's zone, with the zone's abbreviation."""
    return timezone.localtime(at).strftime("%d %b %Y, %H:%M %Z")


_local = local_time_label


def _record(*, locked, by, note, at):
    """History for a scheduling change that leaves the status as it is."""
    ArticleTransition.objects.create(
        article=locked, from_status=locked.status, to_status=locked.status, by=by, at=at, note=note
    )


def _is_live(locked, now):
    return locked.status in Article.LIVE_STATUSES and locked.first_published_at <= now and locked.trashed_at is None


@transaction.atomic
def article_reschedule(*, article, by, at, note=""):
    """Move a scheduled first publication that has not happened yet to another future time."""
    locked = _lock(article)
    _require(can_publish(by), "Only editors can reschedule stories.", "permission_denied")
    now = timezone.now()
    _require(
        locked.status == Status.SCHEDULED and locked.first_published_at > now,
        "Only a story waiting for its publication time can be rescheduled.",
        "not_scheduled",
    )
    _require(at > now, "The publication time must be in the future.", "schedule_in_past")
    _require(
        locked.expire_at is None or locked.expire_at > at,
        "The story would expire before it is published.",
        "expires_before_publication",
    )
    previous = locked.first_published_at
    locked.first_published_at = locked.updated_at = at
    locked.scheduled_by = by
    locked.version += 1
    locked.save(update_fields=["first_published_at", "updated_at", "scheduled_by", "version", "modified_at"])
    _record(locked=locked, by=by, at=now, note=note or f"Rescheduled from {_local(previous)} to {_local(at)}.")
    # The old time may already sit in a cached listing's expiry; let caches drop it.
    _announce(locked)
    for name in ("first_published_at", "updated_at", "scheduled_by", "version", "modified_at"):
        setattr(article, name, getattr(locked, name))
    return article


@transaction.atomic
def article_cancel_schedule(*, article, by, note=""):
    """
    Call off a scheduled first publication before its time: the story goes
    back to the desk (in review) and can be scheduled or published again.
    """
    locked = _lock(article)
    _require(can_publish(by), "Only editors can cancel a scheduled publication.", "permission_denied")
    now = timezone.now()
    _require(locked.status == Status.SCHEDULED, "This story is not scheduled.", "not_scheduled")
    _require(
        locked.first_published_at > now,
        "The story is already public; unpublish it instead.",
        "already_live",
    )
    locked.first_published_at = locked.updated_at = locked.scheduled_by = None
    return _move(
        article=article,
        locked=locked,
        to_status=Status.IN_REVIEW,
        by=by,
        note=note or "Scheduled publication cancelled.",
        at=now,
        fields=["first_published_at", "updated_at", "scheduled_by"],
    )


@transaction.atomic
def article_set_expiry(*, article, by, at):
    """
    Take the story off the site at ``at``.

    Readers stop seeing it at that moment (``published()`` checks
    ``expire_at``); the worker then marks it unpublished. Not a content
    change, so the version is kept and a pending update stays valid.
    """
    locked = _lock(article)
    _require(can_publish(by), "Only editors can set an expiry time.", "permission_denied")
    now = timezone.now()
    _require(locked.status != Status.UNPUBLISHED, "This story is already off the site.", "illegal_transition")
    _require(at > now, "The expiry time must be in the future.", "expiry_in_past")
    _require(
        locked.first_published_at is None or at > locked.first_published_at,
        "The story would expire before it is published.",
        "expires_before_publication",
    )
    pending = ArticleRevision.objects.filter(article=locked, go_live_at__isnull=False, applied_at__isnull=True).first()
    _require(
        pending is None or pending.go_live_at < at,
        f"An update is scheduled for {_local(pending.go_live_at) if pending else ''}; expire the story after it, "
        "or cancel the update first.",
        "expires_before_update",
    )
    locked.expire_at, locked.expiry_set_by = at, by
    locked.save(update_fields=["expire_at", "expiry_set_by", "modified_at"])
    _record(locked=locked, by=by, at=now, note=f"Expiry set for {_local(at)}.")
    # Cached pages are kept no later than the next known expiry; this one is new.
    _announce(locked)
    article.expire_at, article.expiry_set_by = locked.expire_at, by
    return article


@transaction.atomic
def article_clear_expiry(*, article, by):
    """Cancel a pending expiry: the story stays up."""
    locked = _lock(article)
    _require(can_publish(by), "Only editors can cancel an expiry.", "permission_denied")
    now = timezone.now()
    _require(locked.expire_at is not None and locked.expire_at > now, "No expiry is pending.", "no_expiry")
    locked.expire_at = locked.expiry_set_by = None
    locked.save(update_fields=["expire_at", "expiry_set_by", "modified_at"])
    _record(locked=locked, by=by, at=now, note="Expiry cancelled.")
    _announce(locked)
    article.expire_at = article.expiry_set_by = None
    return article


def _check_update_time(locked, go_live_at, now):
    _require(go_live_at > now, "The update time must be in the future.", "schedule_in_past")
    _require(
        locked.expire_at is None or go_live_at < locked.expire_at,
        "The story expires before that time.",
        "expires_before_update",
    )


def _pending_of(locked):
    return (
        ArticleRevision.objects.select_for_update()
        .filter(article=locked, go_live_at__isnull=False, applied_at__isnull=True)
        .first()
    )


@transaction.atomic
def revision_schedule(
    *,
    article,
    content,
    go_live_at,
    by,
    is_real_update=False,
    update_note="",
    update_kind=ArticleUpdate.Kind.UPDATE,
    base_version=None,
    summary="",
):
    """
    Hold an edited version of a live story until ``go_live_at``.

    ``content`` is a snapshot (``articles.revisions.article_snapshot``) of
    the edited story; readers keep the current version until the worker
    applies it. ``base_version`` is the version the editor's form was loaded
    at: an edit made on an older version is refused, as a save would be.
    With ``is_real_update`` the public "Updated" time moves to ``go_live_at``
    and ``update_note`` (if any) is shown to readers.
    """
    locked = _lock(article)
    _require(can_publish(by), "Only editors can schedule updates.", "permission_denied")
    now = timezone.now()
    _require(
        _is_live(locked, now),
        "Only a live story can have an update scheduled; edit it directly instead.",
        "not_live",
    )
    _require(
        base_version is None or base_version == locked.version,
        "Someone changed this story after you opened it; reload it and make your edit again.",
        "stale_edit",
    )
    _require(
        isinstance(content, dict) and isinstance(content.get("headline"), str) and content["headline"].strip(),
        "The scheduled version needs a headline.",
        "invalid_content",
    )
    _require(update_kind in ArticleUpdate.Kind.values, f"Unknown update kind “{update_kind}”.", "invalid_update_kind")
    _check_update_time(locked, go_live_at, now)
    existing = _pending_of(locked)
    _require(
        existing is None,
        f"An update is already scheduled for {_local(existing.go_live_at) if existing else ''}; "
        "change or cancel it first.",
        "pending_update_exists",
    )
    revision = ArticleRevision.objects.create(
        article=locked,
        content=content,
        base_version=locked.version,
        created_by=by,
        summary=summary,
        go_live_at=go_live_at,
        is_real_update=is_real_update,
        update_note=(update_note or "").strip(),
        update_kind=update_kind,
    )
    _record(locked=locked, by=by, at=now, note=f"Update scheduled for {_local(go_live_at)}.")
    return revision


def revision_schedule_edit(*, article, apply_edit, **kwargs):
    """
    Schedule the edit ``apply_edit()`` would make, without making it now.

    For the change form's "schedule this edit as a pending update": pass a
    callable that saves the bound form and its inlines onto ``article``. It
    runs inside a savepoint that is always rolled back, so the live story is
    untouched; only the snapshot of the edited story is kept. Other
    arguments are those of ``revision_schedule``.
    """
    with transaction.atomic():
        base_version = Article.objects.values_list("version", flat=True).get(pk=article.pk)
        sid = transaction.savepoint()
        try:
            apply_edit()
            content = article_snapshot(Article.objects.get(pk=article.pk))
        finally:
            transaction.savepoint_rollback(sid)
        kwargs.setdefault("base_version", base_version)
        return revision_schedule(article=article, content=content, **kwargs)


@transaction.atomic
def revision_reschedule(*, revision, by, go_live_at):
    """Move a pending update to another future time."""
    locked = _lock(revision.article)
    _require(can_publish(by), "Only editors can reschedule updates.", "permission_denied")
    now = timezone.now()
    pending = _pending_of(locked)
    _require(pending is not None and pending.pk == revision.pk, "This update is no longer pending.", "not_pending")
    _check_update_time(locked, go_live_at, now)
    previous = pending.go_live_at
    pending.go_live_at = go_live_at
    pending.save(update_fields=["go_live_at"])
    _record(locked=locked, by=by, at=now, note=f"Update moved from {_local(previous)} to {_local(go_live_at)}.")
    revision.go_live_at = go_live_at
    return revision


@transaction.atomic
def revision_cancel(*, revision, by):
    """
    Call off a pending update. The revision is kept, unscheduled, as an
    ordinary revision, so the edited version is not lost.
    """
    locked = _lock(revision.article)
    _require(can_publish(by), "Only editors can cancel updates.", "permission_denied")
    now = timezone.now()
    pending = _pending_of(locked)
    _require(pending is not None and pending.pk == revision.pk, "This update is no longer pending.", "not_pending")
    pending.go_live_at = None
    pending.save(update_fields=["go_live_at"])
    _record(locked=locked, by=by, at=now, note="Scheduled update cancelled.")
    revision.go_live_at = None
    return revision


def revision_is_stale(revision, article=None):
    """
    A pending update made from an older version of the story.

    Someone saved, updated or unpublished the story after the update was
    scheduled. Applying it would silently undo their change, so the worker
    leaves it alone and the Schedule page asks an editor to cancel it and
    schedule the edit again.
    """
    article = article or revision.article
    return revision.base_version != article.version or article.status not in Article.LIVE_STATUSES


# --- Applying due actions (run_scheduler) ---------------------------------


def _claim(queryset, order_by, exclude=()):
    """
    The first due row, locked for this transaction.

    On PostgreSQL ``SKIP LOCKED`` passes over rows another worker is
    applying, so two workers never apply the same action. SQLite has no row
    locks; its IMMEDIATE transactions (see settings) already let only one
    writer in at a time, and each action re-checks the state after locking.
    """
    queryset = queryset.exclude(pk__in=exclude).order_by(order_by, "pk")
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.first()


def _go_live(*, now, exclude, claimed):
    """A scheduled story whose time has come: mark it published."""
    locked = _claim(
        Article.objects.outside_trash().filter(status=Status.SCHEDULED, first_published_at__lte=now),
        "first_published_at",
        exclude,
    )
    if locked is None:
        return None
    claimed["pk"] = locked.pk
    # Readers have seen it since first_published_at whatever the status says;
    # this only records the fact. Not a content change, so the version (which
    # a pending update is checked against) stays.
    locked.status = Status.PUBLISHED
    locked.save(update_fields=["status", "modified_at"])
    ArticleTransition.objects.create(
        article=locked,
        from_status=Status.SCHEDULED,
        to_status=Status.PUBLISHED,
        by=None,
        at=now,
        note="Scheduled publication time reached.",
    )
    _announce(locked)
    return f"published “{locked.headline}” (#{locked.pk}), scheduled for {_local(locked.first_published_at)}"


def _apply_update(*, now, exclude, claimed):
    """A pending update whose time has come: it replaces the live version."""
    locked = _claim(
        Article.objects.outside_trash().filter(
            revisions__go_live_at__lte=now,
            revisions__applied_at__isnull=True,
            revisions__base_version=F("version"),
            status__in=Article.LIVE_STATUSES,
            trashed_at__isnull=True,
        ),
        "revisions__go_live_at",
        exclude,
    )
    if locked is None:
        return None
    claimed["pk"] = locked.pk
    revision = _pending_of(locked)
    if revision is None or revision.go_live_at > now or revision_is_stale(revision, locked):
        raise _ClaimLost  # another worker or an editor got there between the claim and the lock
    locked.version += 1
    if revision.is_real_update:
        locked.updated_at = max(revision.go_live_at, locked.first_published_at)
    article_restore_snapshot(locked, revision.content)
    if revision.is_real_update and revision.update_note:
        ArticleUpdate.objects.create(
            article=locked,
            kind=revision.update_kind,
            note=revision.update_note,
            noted_at=locked.updated_at,
            created_by=revision.created_by,
        )
    revision.applied_at = now
    revision.save(update_fields=["applied_at"])
    _record(locked=locked, by=revision.created_by, at=now, note=f"Scheduled update applied (revision #{revision.pk}).")
    _announce(locked)
    return f"applied update #{revision.pk} to “{locked.headline}” (#{locked.pk}), due {_local(revision.go_live_at)}"


def _expire(*, now, exclude, claimed):
    """A story whose expiry time has come: mark it unpublished."""
    locked = _claim(
        Article.objects.outside_trash().filter(
            status__in=Article.LIVE_STATUSES, expire_at__lte=now, first_published_at__lte=now
        ),
        "expire_at",
        exclude,
    )
    if locked is None:
        return None
    claimed["pk"] = locked.pk
    _move(
        article=locked,
        locked=locked,
        to_status=Status.UNPUBLISHED,
        by=None,
        note=f"Expired at {_local(locked.expire_at)}.",
        at=now,
    )
    return f"unpublished “{locked.headline}” (#{locked.pk}), expired {_local(locked.expire_at)}"


class _ClaimLost(Exception):
    """The claimed action changed before it was locked; look again."""


class ActionFailed(Exception):
    """Applying the due action on story ``article_id`` failed (and was rolled back)."""

    def __init__(self, action, article_id):
        super().__init__(f"{action.__name__} failed for story #{article_id}")
        self.action, self.article_id = action, article_id


# In the order they are applied when several fall due together.
_DUE_ACTIONS = (_go_live, _apply_update, _expire)


def apply_next_due(*, now=None, pause=None, skip=None):
    """
    Apply one due action in its own transaction; return a description of
    what was done, or None when nothing is due.

    ``skip`` maps an action to story ids to pass over (ones that failed
    earlier in this pass). A failure raises ``ActionFailed`` after rolling
    the action back. ``pause`` (tests only) is called inside the
    transaction once the change is made but not committed, so a test can
    kill the worker there and check that nothing was half-applied.
    """
    now = now or timezone.now()
    skip = skip or {}
    for action in _DUE_ACTIONS:
        done = None
        for _attempt in range(10):
            claimed = {}
            try:
                with transaction.atomic():
                    done = action(now=now, exclude=skip.get(action, ()), claimed=claimed)
                    if done and pause:
                        pause()
            except _ClaimLost:
                continue
            except Exception as error:
                if "pk" not in claimed:
                    raise
                raise ActionFailed(action, claimed["pk"]) from error
            break
        if done:
            log.info("Scheduler %s", done)
            return done
    return None


def apply_due(*, now=None, pause=None, limit=None, skip=None):
    """
    Apply everything due at ``now`` (at most ``limit`` actions), one
    transaction each; return what was done.

    An action that fails (say, a pending version whose address now clashes
    with another story's) is rolled back, logged and passed over, so it
    cannot hold up the rest; it is tried again on the next pass. Pass the
    same ``skip`` dict across calls to keep passing over it.
    """
    done = []
    skip = {} if skip is None else skip
    while limit is None or len(done) < limit:
        try:
            action = apply_next_due(now=now, pause=pause, skip=skip)
        except ActionFailed as failure:
            log.exception("Scheduler could not apply a due action (%s); passing over it", failure)
            skip.setdefault(failure.action, set()).add(failure.article_id)
            continue
        if action is None:
            break
        done.append(action)
    return done


def next_due_at():
    """When the next scheduled action falls due (None if nothing is scheduled)."""
    times = [
        Article.objects.outside_trash()
        .filter(status=Status.SCHEDULED)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first(),
        ArticleRevision.objects.filter(
            go_live_at__isnull=False,
            applied_at__isnull=True,
            base_version=F("article__version"),
            article__trashed_at__isnull=True,
        )
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first(),
        Article.objects.outside_trash()
        .filter(status__in=Article.LIVE_STATUSES, expire_at__isnull=False)
        .order_by("expire_at")
        .values_list("expire_at", flat=True)
        .first(),
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None
