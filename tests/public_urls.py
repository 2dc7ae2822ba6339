"""
Every kind of public URL that could show a story, in one place.

The embargo and expiry tests request all of these. URLs that answer 404
even when the story is public are features not built yet and are skipped,
so the tests cover each new public surface (feeds, sitemaps, search, the
API) as soon as it lands. Add new public URL types here.
"""

import re

from django.urls import NoReverseMatch, reverse


def public_urls(story, *, neighbour=None):
    """
    ``(url, shows_story)`` pairs for ``story``: ``shows_story`` is whether
    the story (its headline or address) should be on that URL once public.
    ``neighbour`` is another live story whose page may link to ``story``
    (READ links, related stories).
    """
    section = story.section.slug
    tag = story.tags.all()[0].slug if story.tags.exists() else None
    reporter = story.bylines.select_related("reporter").first()
    reporter = reporter.reporter.slug if reporter else None
    word = story.headline.split()[0]
    urls = [
        ("/", True),
        (f"/section/{section}/", True),
        (story.get_absolute_url(), True),
        ("/feeds/rss/", True),
        ("/feeds/atom/", True),
        (f"/feeds/section/{section}/rss/", True),
        (f"/feeds/section/{section}/atom/", True),
        ("/sitemap.xml", False),  # an index; the sitemaps it lists are followed
        ("/news-sitemap.xml", True),
        (f"/search/?q={word}", True),
        ("/api/stories", True),
        (f"/api/stories/{story.slug}", True),
        (f"/api/stories?section={section}", True),
    ]
    if tag:
        urls += [(f"/tag/{tag}/", True), (f"/feeds/tag/{tag}/rss/", True), (f"/feeds/tag/{tag}/atom/", True)]
    if reporter:
        urls += [
            (f"/reporters/{reporter}/", True),
            (f"/feeds/reporter/{reporter}/rss/", True),
            (f"/feeds/reporter/{reporter}/atom/", True),
        ]
    # Previews: without a valid signed link, nothing (any status but the story).
    urls += [("/preview/not-a-signed-token/", False), (admin_preview_url(story), False)]
    if neighbour is not None:
        urls.append((neighbour.get_absolute_url(), False))  # READ link / related: may or may not be chosen
    return urls


def sitemap_locations(content):
    """Local paths listed in a sitemap index, to follow them too."""
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", content)]


def admin_preview_url(story):
    try:
        return reverse("admin:articles_article_preview", args=[story.pk])
    except NoReverseMatch:
        return f"/admin/articles/article/{story.pk}/preview/"
