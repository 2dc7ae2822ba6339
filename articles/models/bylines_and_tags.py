"""Who reported a story (its byline) and what it is about (its tags)."""

from django.db import models
from taggit.models import Tag, TaggedItemBase

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


class Byline(models.Model):
    """One name in a story's byline; ``position`` keeps "A and B" in order."""

    # No single-column indexes: the (story, reporter) constraint and the
    # (reporter, story) index below lead with each, and answer the same look-ups.
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="bylines", db_index=False)
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
