from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section_detail"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag_detail"),
    path("story/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
]
