from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.views import PublishedArticleMixin

from .models import Reporter


class ReporterView(PublishedArticleMixin, ListView):
    template_name = "authors/reporter_detail.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter, slug=self.kwargs["slug"])
        return super().get_queryset().filter(bylines__reporter=self.reporter)

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)
