"""The story admin: its list, its form, saving, the trash and the extra pages."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone

from .. import admin_views, workflow
from ..admin_import import PendingReadLinksFilter, pending_read_links
from ..admin_pagination import BoundedCountPaginator
from ..admin_schedule import schedule_edit_from_change_form
from ..forms import ArticleAdminForm, ChangeKind
from ..models import Article, ArticleUpdate, Byline
from ..readlink_resolution import with_pending_link_counts
from ..revisions import revision_create
from .access import is_editor, stories_of
from .columns import StoryListColumns
from .filters import MyStoriesFilter, ReporterFilter, TagFilter
from .inlines import ArticleTransitionInline, ArticleUpdateInline, BylineInline, RelatedLinkInline

PUBLISHING_FIELDS = ["top_story_position", "expire_at"]
ALWAYS_READONLY = [
    "status",
    "scheduled_for",
    "first_published_at",
    "updated_at",
    "version",
    "created_at",
    "modified_at",
]


class StoryChangeList(ChangeList):
    """The story list, without the columns it never shows: bodies and search vectors are most of a row."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer("body", "search_vector")


@admin.register(Article)
class ArticleAdmin(StoryListColumns, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline",
        "status",
        "section",
        "byline_names",
        "published",
        "updated",
        "scheduled",
        pending_read_links,
    ]
    list_filter = [
        MyStoriesFilter,
        "status",
        "section",
        ReporterFilter,
        TagFilter,
        PendingReadLinksFilter,
        # Not date_hierarchy: its year list is a DISTINCT over every story on each load.
        ("first_published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "slug"]
    show_full_result_count = False
    paginator = BoundedCountPaginator
    # Facet counts are a COUNT per filter choice over the whole archive.
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    # The columns' own dash for "nothing here" (see ``columns``), not Django's hyphen.
    empty_value_display = "—"
    inlines = [BylineInline, RelatedLinkInline, ArticleUpdateInline, ArticleTransitionInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    class Media:
        css = {"all": ["newsroom-admin/desk.css"]}
        js = ["newsroom-admin/presence.js", "newsroom-admin/tags.js"]

    # Lists and permissions

    def get_changelist(self, request, **kwargs):
        return StoryChangeList

    def get_queryset(self, request):
        queryset = (
            with_pending_link_counts(super().get_queryset(request))
            .outside_trash()
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("reporter").order_by("position", "pk"))
            )
        )
        if is_editor(request.user):
            return queryset
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # READ-link targets: a reporter may link to any public story, or their own.
            return queryset.filter(Article.objects.published_condition() | stories_of(request.user))
        return queryset.filter(stories_of(request.user))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        if is_editor(request.user):
            return ALWAYS_READONLY
        return ALWAYS_READONLY + PUBLISHING_FIELDS

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "scheduled_for", "top_story_position", "expire_at", "first_published_at", "updated_at"]
        fieldsets = [
            (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags", "source"]}),
            ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
            ("Publishing", {"fields": publishing}),
        ]
        if obj is not None:
            fieldsets.append(("Record", {"classes": ["collapse"], "fields": ["version", "created_at", "modified_at"]}))
            if self.has_change_permission(request, obj):
                fieldsets[0][1]["fields"].append("base_version")
                if obj.status == Article.Status.PUBLISHED:
                    fieldsets.insert(
                        0,
                        (
                            "This story is live",
                            {
                                "description": "Say what kind of change you are saving.",
                                "fields": ["change_kind", "update_kind", "update_note", "go_live_at"],
                            },
                        ),
                    )
        return fieldsets

    # Saving

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("change_kind") == ChangeKind.SCHEDULED_UPDATE:
            return  # Saved only as a pending revision, in save_related.
        if change:
            # The form has checked, under a row lock, that this is the version it was based on.
            obj.version += 1
        else:
            obj.created_by = request.user
        if "expire_at" in form.changed_data:
            # Saved through workflow.article_set_expiry in save_related (who, when, caches).
            request.newsroom_new_expiry = obj.expire_at
            obj.expire_at = form.initial.get("expire_at") if change else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, ArticleUpdate) and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        if form.cleaned_data.get("change_kind") == ChangeKind.SCHEDULED_UPDATE:
            return self._schedule_edit(request, form, formsets)
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change and not article.bylines.exists():
            own = getattr(request.user, "reporter", None)
            if own is not None:
                Byline.objects.create(article=article, reporter=own, position=0)
        summary = "Created" if not change else "Edited"
        if form.cleaned_data.get("change_kind") == ChangeKind.REAL_UPDATE:
            workflow.article_record_update(
                article=article,
                by=request.user,
                note=form.cleaned_data.get("update_note", ""),
                kind=form.cleaned_data.get("update_kind") or ArticleUpdate.Kind.UPDATE,
            )
            summary = "Real update"
        elif form.cleaned_data.get("change_kind") == ChangeKind.SILENT_FIX:
            summary = "Silent fix"
        revision_create(article=article, by=request.user, summary=summary)
        if hasattr(request, "newsroom_new_expiry"):
            self._save_expiry(request, article, request.newsroom_new_expiry)
        # Even a silent fix changes what readers see: cached pages must go.
        workflow.article_edit_saved(article=article)

    def _save_expiry(self, request, article, expire_at):
        try:
            if expire_at is None:
                workflow.article_clear_expiry(article=article, by=request.user)
            else:
                workflow.article_set_expiry(article=article, by=request.user, at=expire_at)
        except ValidationError as error:
            self.message_user(request, f"Expiry not changed: {' '.join(error.messages)}", messages.ERROR)

    def _schedule_edit(self, request, form, formsets):
        """Keep the edit as a pending update (the scheduling helper's function); the live story is untouched."""
        data = form.cleaned_data
        try:
            revision = schedule_edit_from_change_form(
                form=form,
                formsets=formsets,
                by=request.user,
                go_live_at=data["go_live_at"],
                is_real_update=True,
                update_note=data.get("update_note", ""),
                update_kind=data.get("update_kind") or ArticleUpdate.Kind.UPDATE,
                base_version=data.get("base_version"),
                summary="Scheduled update",
            )
        except ValidationError as error:
            request.newsroom_scheduled_edit = ("refused", " ".join(error.messages))
        else:
            request.newsroom_scheduled_edit = ("scheduled", revision)

    # Deleting moves stories to the trash (articles/admin_trash.py lists and restores them).
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/article/trash_selected_confirmation.html"

    def has_delete_permission(self, request, obj=None):
        return workflow.can_trash(request.user)

    def delete_model(self, request, obj):
        workflow.article_trash(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.article_trash(article=article, by=request.user)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            f"“{obj_display}” is in the trash: off the site now, and an editor can restore it.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_changelist"))

    def response_change(self, request, obj):
        outcome = getattr(request, "newsroom_scheduled_edit", None)
        if outcome is None:
            return super().response_change(request, obj)
        verdict, detail = outcome
        if verdict == "scheduled":
            when = timezone.localtime(detail.go_live_at)
            self.message_user(
                request,
                f"Scheduled this edit for {when:%Y-%m-%d %H:%M %Z}; readers keep the current version until then.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, f"The edit was not scheduled: {detail}", messages.ERROR)
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    # Bulk actions: the same workflow functions, one story at a time, refusals reported per story.

    def _bulk(self, request, queryset, verb, move):
        done, refused = 0, []
        for article in queryset:
            try:
                move(article=article, by=request.user)
                done += 1
            except ValidationError as error:
                refused.append(f"“{article}”: {' '.join(error.messages)}")
        if done:
            self.message_user(request, f"{verb} {done} stor{'y' if done == 1 else 'ies'}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not {verb.lower()} {line}", messages.ERROR)

    @admin.action(description="Submit selected stories for review")
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "Submitted", workflow.article_submit)

    @admin.action(description="Publish selected stories now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "Published", workflow.article_publish)

    @admin.action(description="Unpublish selected stories", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "Unpublished", workflow.article_unpublish)

    # Extra pages

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                view(partial(admin_views.workflow_action, self)),
                name="articles_article_workflow",
            ),
            path(
                "<path:object_id>/revisions/",
                view(partial(admin_views.revision_list, self)),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(partial(admin_views.revision_restore, self)),
                name="articles_article_revision_restore",
            ),
            path(
                "<path:object_id>/preview/",
                view(partial(admin_views.preview, self)),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/preview/share/",
                view(partial(admin_views.preview_share, self)),
                name="articles_article_preview_share",
            ),
            path(
                "tag-suggestions/",
                view(partial(admin_views.tag_suggestions, self)),
                name="articles_article_tag_suggestions",
            ),
            path(
                "<path:object_id>/presence/",
                view(partial(admin_views.presence, self)),
                name="articles_article_presence",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            extra_context.update(admin_views.change_form_context(self, request, article))
        return super().change_view(request, object_id, form_url, extra_context)
