"""
The editorial desk in the Django admin.

Permissions are enforced here on the server, not only by hiding buttons:
reporters only ever get their own stories from ``get_queryset``, may change
a story only when ``workflow.can_edit`` says so, and never get the
publishing fields. Every state change goes through ``articles.workflow``;
the extra pages (workflow buttons, revisions, preview, presence) are in
``articles.admin_views``. One module per part, importable from here.
"""

from django.contrib import admin

from .. import admin_trash  # noqa: F401  (registers the Trash beside the stories)
from .access import is_editor, stories_of
from .filters import MyStoriesFilter, ReporterFilter, TagFilter
from .sections import SectionAdmin
from .stories import ArticleAdmin

admin.site.site_header = "Newsroom desk"
admin.site.site_title = "Newsroom desk"
# The story list needs the width more than a second navigation (breadcrumbs and the index remain).
admin.site.enable_nav_sidebar = False

__all__ = ["ArticleAdmin", "MyStoriesFilter", "ReporterFilter", "SectionAdmin", "TagFilter", "is_editor", "stories_of"]
