"""The "READ: <headline>" lines placed between a story's paragraphs."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q

from .stories import Article


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
