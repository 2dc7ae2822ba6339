"""
Story import in the admin: upload one or more plain-text files.

The same import as ``manage.py import_story`` (``articles.importer``): each
file in its own transaction, a result or a problem (file, line, what) per
file. Anyone who may add stories may import; the workflow decides the rest:
reporters' imports land in review as their own stories, and only editors
may tick "publish" (or re-import a story that has left their drafts).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .importer import ImportFailure, import_file, max_import_bytes
from .models import Article, Section
from .readlink_resolution import articles_with_pending_links
from .workflow import can_publish


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for an ``<input type=file multiple>``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and not data:
            return [single(None, initial)]  # "This field is required."
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Story files", help_text="Plain-text stories (.txt), in the form news sites publish them."
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(),
        required=False,
        help_text="Leave blank for the default section (new stories) or to keep the story's section.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish at the files’ “Published” times",
        help_text="Otherwise new stories go to review.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish(user):
            del self.fields["publish"]


def story_import_view(request):
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    results = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            results = [
                _import_upload(upload, user=request.user, **form.cleaned_data) for upload in form.cleaned_data["files"]
            ]
            form = ImportForm(user=request.user)
    else:
        form = ImportForm(user=request.user)
    context = {
        **admin.site.each_context(request),
        "title": "Import stories",
        "opts": Article._meta,
        "form": form,
        "results": results,
        "failed": sum(not ok for ok, _, _ in results),
        "max_bytes": max_import_bytes(),
    }
    return TemplateResponse(request, "admin/articles/import.html", context)


def _import_upload(upload, *, user, section=None, publish=False, **_):
    """(ok, message, article or None) for one uploaded file."""
    try:
        if upload.size > max_import_bytes():
            raise ImportFailure(
                f"the file is too large ({upload.size:,} bytes; the limit is {max_import_bytes():,}).",
                code="too_large",
            )
        result = import_file(upload.name, upload.read(), by=user, section=section, publish=bool(publish))
    except ImportFailure as failure:
        return False, failure.describe(upload.name), None
    return True, result.describe(upload.name), result.article


story_import = admin.site.admin_view(story_import_view)


# --- For ArticleAdmin: pending READ links (imported lines whose story does not exist yet) ---


class PendingReadLinksFilter(admin.SimpleListFilter):
    """``list_filter`` entry: stories with READ links still waiting for their story."""

    title = "READ links"
    parameter_name = "read_links"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting for a story")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(pk__in=articles_with_pending_links().values("pk"))
        return queryset


@admin.display(description="pending READ links", ordering="pending_read_links")
def pending_read_links(article):
    """``list_display`` column; needs ``with_pending_link_counts`` in ``get_queryset``."""
    return article.pending_read_links or ""
