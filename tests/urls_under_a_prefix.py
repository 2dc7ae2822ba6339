"""The site's public pages under /edition/, for tests that change ROOT_URLCONF."""

from django.urls import include, path

urlpatterns = [
    path("edition/reporters/", include("authors.urls")),
    path("edition/", include("articles.urls")),
]
