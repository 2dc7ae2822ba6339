from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.admin_import import story_import
from newsroom.api import api_urls, not_found

urlpatterns = [
    # --- Syndication: story import (before the admin include, which would swallow it) ---
    path(settings.ADMIN_URL + "import/", story_import, name="story_import"),
    path("api/", api_urls()),
    re_path(r"^api/(?P<path>.*)$", not_found),
    # --- end syndication ---
    path(settings.ADMIN_URL, admin.site.urls),
    path("reporters/", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
