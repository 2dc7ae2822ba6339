"""
The story, and the one rule for which stories readers may see
(``ArticleQuerySet.published()``).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from taggit.managers import TaggableManager

from newsroom.addresses import slug_address
from newsroom.slugs import unique_slug

from ..headline_keys import headline_key
from ..sanitize import sanitize_body
from .bylines_and_tags import Byline, TaggedArticle
from .sections import Section

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
    # The weighted full-text vector (headline A, standfirst B, body C, tags and
    # byline D) that ``articles.search`` keeps current on every save. On
    # PostgreSQL it has a GIN index (migration 0006); on SQLite it stays empty
    # and search falls back to substring matching.
    search_vector = SearchVectorField(null=True, editable=False)
    # The lead image's responsive renditions, made once by ``articles.images``.
    lead_renditions = models.JSONField(default=dict, blank=True, editable=False)

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


class TrashedArticle(Article):
    """Stories deleted into the trash, as the admin's Trash lists them (``Article.objects.in_trash()``)."""

    class Meta:
        proxy = True
        verbose_name = "story in the trash"
        verbose_name_plural = "trash"
