from django.urls import path

from . import views

app_name = "authors"

urlpatterns = [
    path("<slug:slug>/", views.ReporterView.as_view(), name="reporter_detail"),
]
