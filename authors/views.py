from django.shortcuts import get_object_or_404

from articles.models import Byline
from articles.views import StoryListView, feed_links

from .models import Reporter


class ReporterView(StoryListView):
    """A reporter's photo, bio and stories, newest first."""

    template_name = "authors/reporter_detail.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        bylined = Byline.objects.filter(reporter=self.reporter).values("article_id")
        return super().get_queryset().filter(pk__in=bylined)

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)

    def get_feeds(self):
        slug = {"slug": self.reporter.slug}
        return feed_links(
            (f"Stories by {self.reporter.name}", "articles:reporter_feed_rss", "articles:reporter_feed_atom", slug)
        )
