from django.shortcuts import get_object_or_404

from articles.views import StoryListView, feed_links

from .models import Reporter


class ReporterView(StoryListView):
    """A reporter's photo, bio and stories, newest first."""

    template_name = "authors/reporter_detail.html"
    time = "listed_at"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        return super().get_queryset().by_reporter(self.reporter)

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)

    def get_feeds(self):
        slug = {"slug": self.reporter.slug}
        return feed_links(
            (f"Stories by {self.reporter.name}", "articles:reporter_feed_rss", "articles:reporter_feed_atom", slug)
        )
