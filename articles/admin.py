from django.contrib import admin

from .models import Article, ArticleTransition, ArticleUpdate, Byline, RelatedLink, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["reporter"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]


class ArticleUpdateInline(admin.TabularInline):
    model = ArticleUpdate
    extra = 0
    exclude = ["created_by"]


class ArticleTransitionInline(admin.TabularInline):
    model = ArticleTransition
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = "history"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "section", "first_published_at", "updated_at", "expire_at"]
    list_filter = ["status", "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "slug"]
    date_hierarchy = "first_published_at"
    readonly_fields = ["status", "first_published_at", "updated_at", "created_at", "modified_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "source",
                    "top_story_position",
                    "expire_at",
                    "first_published_at",
                    "updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
    ]
    inlines = [BylineInline, RelatedLinkInline, ArticleUpdateInline, ArticleTransitionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
