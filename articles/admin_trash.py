"""
The Trash: stories deleted in the admin, kept until an editor restores them
or deletes them for good.

Deleting a story (ArticleAdmin.delete_model) only moves it here through
``workflow.article_trash``; nothing is lost by a mistaken click.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import ValidationError

from . import workflow
from .models import TrashedArticle


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "section", "trashed_at", "trashed_by"]
    list_select_related = ["section", "trashed_by"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "slug"]
    date_hierarchy = "trashed_at"
    ordering = ["-trashed_at"]
    show_full_result_count = False
    actions = ["restore_selected", "delete_for_good"]
    fields = ["headline", "slug", "standfirst", "section", "status", "first_published_at", "trashed_at", "trashed_by"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).in_trash()

    # The Trash uses the stories' own permissions, not the proxy model's.
    def has_view_permission(self, request, obj=None):
        return workflow.can_trash(request.user)

    def has_module_permission(self, request):
        return workflow.can_trash(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return workflow.can_trash(request.user)

    @admin.action(description="Restore selected stories")
    def restore_selected(self, request, queryset):
        restored = 0
        for article in queryset:
            try:
                workflow.article_restore_from_trash(article=article, by=request.user)
                restored += 1
            except ValidationError as error:
                self.message_user(request, f"“{article}”: {' '.join(error.messages)}", messages.ERROR)
        if restored:
            self.message_user(request, f"Restored {restored} stor{'y' if restored == 1 else 'ies'}.", messages.SUCCESS)

    @admin.action(description="Delete selected stories for good", permissions=["delete"])
    def delete_for_good(self, request, queryset):
        return delete_selected(self, request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the site-wide label would say "trash", not "for good"
        return actions
