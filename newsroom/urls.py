from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.admin_schedule import schedule_view
from articles.preview import shared_preview

urlpatterns = [
    # Scheduling: the editors' Schedule page, inside the admin (before its catch-all).
    path(settings.ADMIN_URL + "schedule/", admin.site.admin_view(schedule_view), name="admin_schedule"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("preview/<str:token>/", shared_preview, name="shared_preview"),  # signed share links (workflow)
    path("reporters/", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
