from django.urls import path

from articles.cache import cache_public_page

from . import views

app_name = "authors"

urlpatterns = [
    path("<slug:slug>/", cache_public_page(views.ReporterView.as_view()), name="reporter_detail"),
]
