from django.shortcuts import get_object_or_404, render
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


def render_story(request, article, *, preview=False):
    """
    The story page for ``article``, exactly as readers see it.

    The public story view and previews (admin and signed share links) both
    render through here, so a preview can never drift from the real page.
    ``preview`` marks the page not-for-indexing and keeps it out of caches.
    """
    response = render(request, "articles/article_detail.html", {"article": article, "preview": preview})
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


class ArticleDetailView(PublishedArticleMixin, DetailView):
    def get_queryset(self):
        return super().get_queryset().prefetch_related("update_notes")

    def render_to_response(self, context, **response_kwargs):
        return render_story(self.request, self.object)
