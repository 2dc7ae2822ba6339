"""A story's byline, READ links, notes and history, edited on its page."""

from django.contrib import admin
from django.db import models

from .. import workflow
from ..models import Article, ArticleTransition, ArticleUpdate, Byline, RelatedLink


class ArticleInlinePermissions:
    """An inline is editable only while the story itself is (``workflow.can_edit``)."""

    def _story_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class BylineInline(ArticleInlinePermissions, admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["position", "reporter"]
    autocomplete_fields = ["reporter"]
    verbose_name_plural = "byline (in order: lowest position first)"


class RelatedLinkInline(ArticleInlinePermissions, admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    fields = ["position", "target", "url", "title", "after_paragraph", "link_state"]
    readonly_fields = ["link_state"]
    autocomplete_fields = ["target"]
    verbose_name_plural = "READ links"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="state")
    def link_state(self, link):
        if link.pk is None:
            return ""
        if link.is_pending:
            return f"PENDING: no story titled “{link.title}” yet; not shown to readers until a story is chosen."
        if link.target_id and link.target.status not in Article.LIVE_STATUSES:
            return "Target story is not public; the link is hidden until it is."
        return "Linked"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("target")


class ArticleUpdateInline(ArticleInlinePermissions, admin.TabularInline):
    model = ArticleUpdate
    extra = 0
    fields = ["kind", "note", "noted_at", "created_by"]
    readonly_fields = ["created_by"]
    verbose_name_plural = "update and correction notes (shown to readers)"


class ArticleTransitionInline(admin.TabularInline):
    model = ArticleTransition
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = "workflow history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")
