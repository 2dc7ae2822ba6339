"""
What happened to a story: the notes readers see, its workflow steps, its
saved revisions (and pending updates) and its old addresses.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .stories import Article


class ArticleUpdate(models.Model):
    """A note shown to readers at the foot of a story: an update, correction or clarification."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="update_notes")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.UPDATE)
    note = models.TextField(max_length=2000)
    noted_at = models.DateTimeField(default=timezone.now, help_text="Shown to readers beside the note.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = "update note"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["update", "correction", "clarification"]), name="article_update_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.note[:60]}"


class ArticleTransition(models.Model):
    """One step in a story's workflow history: who moved it, when, from, to and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(max_length=12, choices=Article.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ArticleRevision(models.Model):
    """
    A snapshot of a story's content (see ``articles.revisions``).

    Every save keeps one, so editors can compare and restore. A revision with
    a ``go_live_at`` and no ``applied_at`` is a *pending update*: an edited
    version of a live story held back until its time, while readers keep
    seeing the current one.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    content = models.JSONField(help_text="The story's content as ``articles.revisions.article_snapshot`` made it.")
    base_version = models.PositiveIntegerField(help_text="The story's version this revision was made from.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(max_length=250, blank=True, help_text="What changed, in a few words.")

    # Pending updates to live stories.
    go_live_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    is_real_update = models.BooleanField(
        default=False, help_text="Move the public “Updated” time when this version goes live."
    )
    update_note = models.TextField(blank=True)
    update_kind = models.CharField(max_length=16, choices=ArticleUpdate.Kind.choices, default=ArticleUpdate.Kind.UPDATE)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(go_live_at__isnull=False, applied_at__isnull=True),
                name="one_pending_update_per_article",
            ),
        ]
        indexes = [
            models.Index(
                fields=["go_live_at"],
                name="revision_pending_by_time",
                condition=Q(go_live_at__isnull=False, applied_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.article} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self):
        return self.go_live_at is not None and self.applied_at is None


class SlugRedirect(models.Model):
    """
    A slug a story used to have. Story URLs are permanent: when an editor
    changes a slug, the old address answers 301 to the new one.
    """

    old_slug = models.SlugField(max_length=80, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "old story address"

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


def _remember_old_slug(sender, instance, raw=False, update_fields=None, **kwargs):
    # Saves that name their fields without the slug (workflow transitions) cannot move it.
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    instance._previous_slug = Article.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


def _record_slug_redirect(sender, instance, raw=False, **kwargs):
    previous = getattr(instance, "_previous_slug", None)
    instance._previous_slug = None
    if raw or not previous or previous == instance.slug:
        return
    # The new slug is live again if it was once an old one; the old one now redirects.
    SlugRedirect.objects.filter(old_slug=instance.slug).delete()
    SlugRedirect.objects.update_or_create(old_slug=previous, defaults={"article": instance})


models.signals.pre_save.connect(_remember_old_slug, sender=Article, dispatch_uid="article_remember_old_slug")
models.signals.post_save.connect(_record_slug_redirect, sender=Article, dispatch_uid="article_slug_redirect")
