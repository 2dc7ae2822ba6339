from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from newsroom.addresses import slug_address
from newsroom.slugs import unique_slug

from .headline_keys import headline_key
from .sanitize import sanitize_body


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    description = models.TextField(blank=True, help_text="Shown under the section name on its page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order in the navigation and on the home page."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="section")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("articles:section_detail", self.slug)


# PUBLISHED_AT_COPIES: a story's bylines and tags carry its first-published
# time, so a reporter's or a tag's newest stories are an index range scan
# instead of a read of all of them (thousands at a million stories) to sort.
# Database triggers keep the copies (migration 0012 on PostgreSQL,
# articles/time_copies.py on SQLite), so every way of writing them is
# covered: the ORM, bulk_create, bulk_update, taggit, COPY, loaddata, and any
# change of the story's time.


class TaggedArticle(TaggedItemBase):
    """A plain foreign key to the story, so tag pages join on an index."""

    # No index of its own: the (story, tag) unique constraint below serves
    # look-ups by story, and answers "which of these tags does it carry"
    # from the index alone (automatic related stories count shared tags so).
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items", db_index=False)
    # Nor the tag: the (tag, story) and (tag, time) indexes below lead with it.
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items", db_index=False)
    # The story's first-published time, kept by the database (see PUBLISHED_AT_COPIES).
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    # taggit's items load by natural key under ``dumpdata --natural-primary``
    # (README, "Backup and restore"); a story and a tag identify one row.
    natural_key_fields = ("content_object_id", "tag_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique"),
        ]
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag"),
            models.Index(fields=["tag", "-published_at"], name="tagged_article_by_tag_time"),
        ]


# The story sitemaps are cut by first-published month (in the newsroom's
# time zone), and each month's entry in the sitemap index carries its latest
# change: indexed together, that is one index probe per month however large
# the archive. (The index is built in the TIME_ZONE of the day it was
# migrated; after a change of zone it no longer matches, and the sitemap
# index is slower but still right.)
SITEMAP_MONTH = TruncMonth("first_published_at")
LAST_CHANGED = Coalesce("updated_at", "first_published_at")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """
        Stories readers may see at ``at`` (default: now).

        This is the one visibility rule: every public page, feed, sitemap,
        search result, READ link and API response starts here. A scheduled
        story is visible from its first-published time whether or not the
        scheduler has run, and nothing is visible once it has expired.
        """
        return self.filter(self.published_condition(at=at))

    @staticmethod
    def published_condition(*, at=None, through=None):
        """
        ``published()``'s rule as a condition on a story's own row, or on the
        story a row points at (``through``: "target", "content_object"…).

        For an OR, or a row per tag or READ link: ``pk__in=published()``
        there had PostgreSQL hash every published story (from a third of a
        second to minutes at a million), where this reads the one story.
        """
        at = at or timezone.now()
        field = f"{through}__" if through else ""
        return (Q(**{f"{field}expire_at__isnull": True}) | Q(**{f"{field}expire_at__gt": at})) & Q(
            **{
                f"{field}status__in": Article.LIVE_STATUSES,
                f"{field}first_published_at__lte": at,
                f"{field}trashed_at__isnull": True,
            }
        )

    def outside_trash(self):
        """Stories the desk works on: everything but what was deleted into the trash."""
        return self.filter(trashed_at__isnull=True)

    def in_trash(self):
        return self.filter(trashed_at__isnull=False)

    def with_byline(self):
        """Section, ordered byline and tags (``tags_in_order``), in a fixed number of queries."""
        return (
            self.select_related("section")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("reporter").order_by("position", "pk"))
            )
            .with_tags()
        )

    def with_tags(self):
        """
        Each story's tags for ``Article.tags_in_order``, in one query.

        Not taggit's own ``prefetch_related("tags")``: that builds a query
        per story it will never run, and gives the tags in no set order.
        """
        return self.prefetch_related(
            Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag").order_by("pk"))
        )

    def for_listing(self):
        """
        A story card's row: with its section, without the body or search
        vector. The page's cards then get their bylines and images in one
        go from ``articles.views.attach_card_parts``.
        """
        return self.select_related("section").defer("body", "search_vector")

    def by_reporter(self, reporter):
        """
        Stories with ``reporter`` (an instance, id or subquery) in the byline,
        each with ``listed_at``: the byline's copy of the first-published time
        (PUBLISHED_AT_COPIES), which the (reporter, time) index gives in order.
        A story names a reporter once, so no story is repeated.
        """
        return self.filter(bylines__reporter=reporter).annotate(listed_at=F("bylines__published_at"))

    def tagged(self, tag):
        """Stories carrying ``tag``, each with ``listed_at`` from the tag row (as ``by_reporter``)."""
        return self.filter(tagged_items__tag=tag).annotate(listed_at=F("tagged_items__published_at"))

    def written_by(self, user):
        """Stories the user created or is named in the byline of."""
        return self.filter(Q(created_by=user) | Q(bylines__reporter__user=user)).distinct()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    # Statuses whose stories are public once first_published_at has passed.
    LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    headline = models.CharField(max_length=250)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The story's address. Filled in from the headline if left blank; "
        "lowercase letters, digits and hyphens.",
    )
    standfirst = models.TextField(
        blank=True, max_length=600, help_text="The summary paragraph shown under the headline."
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, subheadings, quotes, lists and links. Anything else is removed on save.",
    )
    # Indexed by (section, time) in Meta, which serves look-ups by section too.
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", db_index=False)
    byline = models.ManyToManyField("authors.Reporter", through="Byline", related_name="articles", blank=True)
    tags = TaggableManager(through=TaggedArticle, blank=True)

    lead_image = models.ImageField(
        upload_to="leads/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        "lead image description",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(
        max_length=120, blank=True, help_text="Shown as “Image: …”, for example “PTI” or “self”."
    )
    source = models.CharField(
        "source line", max_length=200, blank=True, help_text="Wire or agency line, for example “With inputs from PTI”."
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    top_story_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Pin to the top of the home page: 1 is the lead story. Leave blank to not pin.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    first_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When readers first could see the story. Set once; never moves.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The public “Updated” time. Moves only when an editor marks a change as a real update.",
    )
    expire_at = models.DateTimeField(
        null=True, blank=True, help_text="The story disappears from the site at this time."
    )
    # Scheduling: who set the publication time and the expiry (shown on the Schedule page).
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    expiry_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Bumped on every save; a save based on an older number is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Deleting a story moves it to the trash (articles.workflow.article_trash):
    # gone from every public page at once, restorable by an editor.
    trashed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the story was moved to the trash."
    )
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    # --- Syndication (import and READ-link matching) ---
    headline_key = models.CharField(
        max_length=250,
        blank=True,
        db_index=True,
        editable=False,
        help_text="The headline casefolded without punctuation or spaces; READ lines are matched on it.",
    )
    import_key = models.CharField(
        max_length=300,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Identifies an imported story, so importing the same file again updates it.",
    )
    # --- end syndication ---

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-first_published_at", "-created_at"]
        get_latest_by = "first_published_at"
        permissions = [
            ("publish_article", "Can return, publish, schedule and unpublish stories"),
            ("change_any_article", "Can edit any story, in any state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "scheduled", "published", "unpublished"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review"]) | Q(first_published_at__isnull=False),
                name="article_live_has_first_published_at",
            ),
            models.CheckConstraint(
                condition=Q(updated_at__isnull=True)
                | Q(first_published_at__isnull=False, updated_at__gte=F("first_published_at")),
                name="article_updated_after_first_published",
            ),
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True)
                | Q(first_published_at__isnull=True)
                | Q(expire_at__gt=F("first_published_at")),
                name="article_expires_after_first_published",
            ),
        ]
        indexes = [
            # Latest stories, site-wide and per section: the public listings.
            models.Index(fields=["-first_published_at"], name="article_by_time"),
            models.Index(fields=["section", "-first_published_at"], name="article_by_section_time"),
            models.Index(
                fields=["top_story_position"], name="article_top_stories", condition=Q(top_story_position__isnull=False)
            ),
            models.Index(fields=["expire_at"], name="article_expiring", condition=Q(expire_at__isnull=False)),
            models.Index(SITEMAP_MONTH, LAST_CHANGED.desc(), name="article_by_sitemap_month"),
            # On PostgreSQL, migration 0013 also builds ``article_visibility``:
            # the id with what published() and related stories read, so they
            # can judge hundreds of candidates without reading story rows.
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Only derived fields are filled here; state changes live in workflow.py.
        if not self.slug:
            self.slug = unique_slug(self, self.headline, fallback="story")
        self.body = sanitize_body(self.body)
        self.headline_key = headline_key(self.headline)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("articles:article_detail", self.slug)

    @property
    def tags_in_order(self):
        """The tags in the order they were given (uses the prefetch from ``with_tags()``, else queries)."""
        if "tagged_items" in getattr(self, "_prefetched_objects_cache", {}):
            items = self.tagged_items.all()
        else:
            items = self.tagged_items.select_related("tag").order_by("pk")
        return [item.tag for item in items]

    @property
    def reporters(self):
        """The byline in order (uses the prefetch from ``with_byline()``)."""
        return [entry.reporter for entry in self.bylines.all()]

    @property
    def is_updated(self):
        """True when the public "Updated" time differs from the first-published one."""
        return bool(self.updated_at and self.first_published_at and self.updated_at > self.first_published_at)

    def is_visible(self, at=None):
        return Article.objects.published(at=at).filter(pk=self.pk).exists()


class Byline(models.Model):
    """One name in a story's byline; ``position`` keeps "A and B" in order."""

    # No single-column indexes: the (story, reporter) constraint and the
    # (reporter, story) index below lead with each, and answer the same look-ups.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines", db_index=False)
    reporter = models.ForeignKey("authors.Reporter", on_delete=models.PROTECT, related_name="bylines", db_index=False)
    position = models.PositiveSmallIntegerField(default=0)
    # The story's first-published time, kept by the database (see PUBLISHED_AT_COPIES).
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reporter"], name="byline_reporter_once"),
        ]
        indexes = [
            models.Index(fields=["reporter", "article"], name="byline_by_reporter"),
            models.Index(fields=["reporter", "-published_at"], name="byline_by_reporter_time"),
        ]

    def __str__(self):
        return f"{self.reporter} on {self.article}"


class RelatedLinkQuerySet(models.QuerySet):
    READ_LINE_FIELDS = (
        "article",
        "target",
        "url",
        "title",
        "position",
        "after_paragraph",
        "target__slug",
        "target__headline",
    )

    def visible(self):
        """
        READ links readers may see: to a ``published()`` story, or to an
        outside address. A link to a story later unpublished, and a pending
        link (no story, no address yet), never shows.
        """
        target_visible = Article.objects.published_condition(through="target")
        return self.filter(target_visible | Q(target__isnull=True) & ~Q(url=""))

    def in_order(self):
        """In the editor's order, with what a READ line shows of its story: headline and address."""
        return self.select_related("target").only(*self.READ_LINE_FIELDS).order_by("position", "pk")


class RelatedLink(models.Model):
    """
    A "READ: <headline>" line in a story.

    It points at another story, or at an outside page with its own title. An
    imported link whose story does not exist yet keeps only ``title`` (the
    headline to look for) and is *pending* until it is matched.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="read_links")
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inbound_read_links",
        help_text="The story to link to.",
    )
    url = models.URLField(
        "outside address",
        max_length=500,
        blank=True,
        # Web addresses only: the address becomes a link on the story page,
        # so javascript:/data: (or ftp:) must never be stored (hardening).
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Instead of a story. Must start with http:// or https://.",
    )
    title = models.CharField(
        max_length=250, blank=True, help_text="Link text for an outside address. Stories use their own headline."
    )
    position = models.PositiveSmallIntegerField(default=0)
    after_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Place the link after this paragraph (1 is the first). Leave blank to place it automatically.",
    )

    objects = RelatedLinkQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "READ link"
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(url="") | ~Q(title=""),
                name="read_link_has_destination",
            ),
            models.CheckConstraint(condition=~Q(target=F("article")), name="read_link_not_to_itself"),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="read_link_url_is_web_address",
            ),
        ]

    def __str__(self):
        return f"READ: {self.link_text}"

    @property
    def link_text(self):
        return self.target.headline if self.target_id else self.title

    @property
    def is_pending(self):
        return self.target_id is None and not self.url


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


class TrashedArticle(Article):
    """Stories deleted into the trash, as the admin's Trash lists them (``Article.objects.in_trash()``)."""

    class Meta:
        proxy = True
        verbose_name = "story in the trash"
        verbose_name_plural = "trash"


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


# --- Public site: search vector and slug history (site branch) -------------

# The weighted full-text vector (headline A, standfirst B, body C, tags and
# byline D) that ``articles.search`` keeps current on every save. Added from
# this block rather than inside the class so the public-site additions stay in
# one place; on PostgreSQL it has a GIN index (migration 0006), on SQLite it
# stays empty and search falls back to substring matching.
Article.add_to_class("search_vector", SearchVectorField(null=True, editable=False))
# The lead image's responsive renditions, made once by ``articles.images``.
Article.add_to_class("lead_renditions", models.JSONField(default=dict, blank=True, editable=False))


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
