"""
The editorial desk in the Django admin.

Permissions are enforced here on the server, not only by hiding buttons:
reporters only ever get their own stories from ``get_queryset``, may change
a story only when ``workflow.can_edit`` says so, and never get the
publishing fields. Every state change goes through ``articles.workflow``;
the extra pages (workflow buttons, revisions, preview, presence) are in
``articles.admin_views``.
"""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import admin_views, workflow
from .admin_import import PendingReadLinksFilter, pending_read_links
from .admin_pagination import BoundedCountPaginator
from .admin_schedule import schedule_edit_from_change_form
from .forms import ArticleAdminForm, ChangeKind
from .models import Article, ArticleTransition, ArticleUpdate, Byline, RelatedLink, Section, TaggedArticle
from .readlink_resolution import with_pending_link_counts
from .revisions import revision_create

admin.site.site_header = "Newsroom desk"
admin.site.site_title = "Newsroom desk"
# The story list needs the width more than a second navigation (breadcrumbs and the index remain).
admin.site.enable_nav_sidebar = False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


def is_editor(user):
    return user.has_perm("articles.change_any_article")


def stories_of(user):
    """
    The stories a reporter wrote or is in the byline of (no DISTINCT needed).

    One ``IN`` over both lists of ids: written as ``created_by=user OR pk IN
    (bylines)``, PostgreSQL read the whole story table to count a reporter's
    list (a second at a million stories).
    """
    written = Article.objects.filter(created_by=user).order_by().values("pk")
    in_byline = Byline.objects.filter(reporter__user=user).order_by().values("article_id")
    return Q(pk__in=written.union(in_byline))


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


class MyStoriesFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "My stories")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(stories_of(request.user))
        return queryset


class TagFilter(admin.SimpleListFilter):
    """
    The tags most used in the latest stories (any tag via ``?tag=<slug>``).

    What the desk is writing about now, and a bounded query: counting every
    tag's uses over the whole archive reads millions of rows on each load.
    """

    title = "tag"
    parameter_name = "tag"
    recent_stories = 1000
    most = 25

    def lookups(self, request, model_admin):
        recent = Article.objects.order_by("-pk").values("pk")[: self.recent_stories]
        # Counted from the (story, tag) index alone, before any tag is read:
        # joining first would read all 20,000 tags for the ~5,000 tag rows.
        uses = dict(
            TaggedArticle.objects.filter(content_object__in=recent)
            .values("tag_id")
            .annotate(uses=Count("*"))
            .order_by("-uses", "tag_id")
            .values_list("tag_id", "uses")[: self.most]
        )
        popular = sorted(Tag.objects.filter(pk__in=uses), key=lambda tag: (-uses[tag.pk], tag.name))
        return [(tag.slug, tag.name) for tag in popular]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


class ReporterFilter(admin.SimpleListFilter):
    """
    The reporters with the most bylines in the latest stories, listed by name
    (any reporter via ``?reporter=<id>``): the desk's current names, not a
    list of hundreds.
    """

    title = "reporter"
    parameter_name = "reporter"
    recent_stories = 1000
    most = 50

    def lookups(self, request, model_admin):
        from authors.models import Reporter

        recent = Article.objects.order_by("-pk").values("pk")[: self.recent_stories]
        busiest = (
            Reporter.objects.active()
            .filter(bylines__article__in=recent)
            .annotate(recent_bylines=Count("bylines"))
            .order_by("-recent_bylines", "name")[: self.most]
        )
        reporters = sorted(busiest.values_list("pk", "name"), key=lambda reporter: reporter[1])
        return [(str(pk), name) for pk, name in reporters]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(pk__in=Byline.objects.filter(reporter_id=self.value()).values("article_id"))
        return queryset


def short_time(at):
    """“27 Nov 08:49” this year, “27 Nov 2025” before (newsroom zone): the list stays narrow."""
    if not at:
        return "—"
    local = timezone.localtime(at)
    return f"{local:%d %b %H:%M}" if local.year == timezone.localtime().year else f"{local:%d %b %Y}"


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
class ArticleAdmin(admin.ModelAdmin):
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

    def action_checkbox(self, obj):
        # Django's renders a form widget through the template engine, once a
        # row: a third of the list's time. The same markup, formatted directly.
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    @admin.display(description="byline")
    def byline_names(self, article):
        return ", ".join(byline.reporter.name for byline in article.bylines.all())

    @admin.display(description="scheduled for", ordering="first_published_at")
    def scheduled_for(self, article):
        if article.status == Article.Status.SCHEDULED:
            return article.first_published_at
        return None

    # Compact times for the list (newsroom zone), so all columns fit beside the filters.

    @admin.display(description="first published", ordering="first_published_at")
    def published(self, article):
        if article.status == Article.Status.SCHEDULED:
            return "—"
        return short_time(article.first_published_at)

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, article):
        return short_time(article.updated_at) if article.is_updated else "—"

    @admin.display(description="scheduled for", ordering="first_published_at")
    def scheduled(self, article):
        return short_time(article.first_published_at) if article.status == Article.Status.SCHEDULED else "—"

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


from . import admin_trash  # noqa: E402, F401  (registers the Trash beside the stories)
