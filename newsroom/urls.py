from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles import sitemaps
from articles.admin_import import story_import
from articles.admin_schedule import schedule_view
from articles.cache import cache_public_page
from articles.preview import shared_preview
from articles.sitemaps import SITEMAPS
from articles.views import robots_txt
from newsroom.api import api_urls, not_found

# Public site: sitemaps and robots.txt.
public_routes = [
    path("sitemap.xml", cache_public_page(sitemaps.sitemap_index), name="sitemap_index"),
    re_path(
        r"^sitemap-stories-(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.xml$",
        cache_public_page(sitemaps.story_sitemap),
        name="sitemap_stories",
    ),
    path("sitemap-tags.xml", cache_public_page(sitemaps.tag_sitemap), name="sitemap_tags"),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "news-sitemap.xml",
        cache_public_page(sitemaps.news_sitemap),
        name="news_sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]
# ---------------------------------------------------------------------------

urlpatterns = [
    # Scheduling: the editors' Schedule page, inside the admin (before its catch-all).
    path(settings.ADMIN_URL + "schedule/", admin.site.admin_view(schedule_view), name="admin_schedule"),
    # --- Syndication: story import (before the admin include, which would swallow it) ---
    path(settings.ADMIN_URL + "import/", story_import, name="story_import"),
    path("api/", api_urls()),
    re_path(r"^api/(?P<path>.*)$", not_found),
    # --- end syndication ---
    path(settings.ADMIN_URL, admin.site.urls),
    path("preview/<str:token>/", shared_preview, name="shared_preview"),  # signed share links (workflow)
    *public_routes,
    path("reporters/", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
