from django.urls import path

from . import feeds, views
from .cache import cache_public_page

app_name = "articles"

urlpatterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path(
        "latest/", cache_public_page(views.StoryListView.as_view(template_name="articles/latest.html")), name="latest"
    ),
    path("section/<slug:slug>/", cache_public_page(views.SectionView.as_view()), name="section_detail"),
    path("tag/<slug:slug>/", cache_public_page(views.TagView.as_view()), name="tag_detail"),
    path("story/<slug:slug>/", cache_public_page(views.ArticleDetailView.as_view()), name="article_detail"),
    path("search/", views.search, name="search"),
    # Feeds: RSS and Atom, site-wide and per section, tag and reporter.
    path("feeds/rss/", cache_public_page(feeds.LatestStoriesFeed()), name="feed_rss"),
    path("feeds/atom/", cache_public_page(feeds.LatestStoriesAtomFeed()), name="feed_atom"),
    path("feeds/section/<slug:slug>/rss/", cache_public_page(feeds.SectionFeed()), name="section_feed_rss"),
    path("feeds/section/<slug:slug>/atom/", cache_public_page(feeds.SectionAtomFeed()), name="section_feed_atom"),
    path("feeds/tag/<slug:slug>/rss/", cache_public_page(feeds.TagFeed()), name="tag_feed_rss"),
    path("feeds/tag/<slug:slug>/atom/", cache_public_page(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("feeds/reporter/<slug:slug>/rss/", cache_public_page(feeds.ReporterFeed()), name="reporter_feed_rss"),
    path("feeds/reporter/<slug:slug>/atom/", cache_public_page(feeds.ReporterAtomFeed()), name="reporter_feed_atom"),
]
