"""The story list's columns, kept narrow so they fit beside the filters."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..models import Article


def short_time(at):
    """“27 Nov 08:49” this year, “27 Nov 2025” before (newsroom zone): the list stays narrow."""
    if not at:
        return "—"
    local = timezone.localtime(at)
    return f"{local:%d %b %H:%M}" if local.year == timezone.localtime().year else f"{local:%d %b %Y}"


class StoryListColumns:
    """The story list's columns, for ``ArticleAdmin``."""

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
