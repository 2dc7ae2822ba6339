from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Article, Section


class PublishedArticleMixin:
    """Every public view starts from the one visibility rule."""

    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().with_byline()


class HomeView(PublishedArticleMixin, ListView):
    template_name = "articles/home.html"


class SectionView(PublishedArticleMixin, ListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(PublishedArticleMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(PublishedArticleMixin, DetailView):
    def get_queryset(self):
        return super().get_queryset().prefetch_related("update_notes")
