from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.preview import shared_preview

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("preview/<str:token>/", shared_preview, name="shared_preview"),  # signed share links (workflow)
    path("reporters/", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
