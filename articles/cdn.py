"""
Purge a CDN in front of the site when readers' view of a story changes.

With ``CDN_PURGE_URL`` set, every ``public_content_changed`` (publish,
update, unpublish, expiry, trash, a pending update going live) POSTs the
absolute addresses that may show the story, as JSON ``{"urls": [...]}``,
to that endpoint, with ``Authorization: Bearer <CDN_PURGE_TOKEN>`` when a
token is set. That is the shape of a purge-by-URL API (Cloudflare's
``purge_cache`` takes ``{"files": [...]}``: a small relay or the
``CDN_PURGE_FIELD`` setting adapts it). A purge that fails is logged and
never fails the editor's request: pages also expire after ``CDN_MAX_AGE``.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from .signals import public_content_changed

logger = logging.getLogger(__name__)


def purge_urls(article):
    """Every public address whose page can show ``article``, absolute."""
    paths = [
        article.get_absolute_url(),
        reverse("articles:home"),
        reverse("articles:latest"),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("sitemap_index"),
        reverse("news_sitemap"),
    ]
    if article.first_published_at:
        month = timezone.localtime(article.first_published_at)
        paths.append(reverse("sitemap_stories", kwargs={"year": f"{month.year:04d}", "month": f"{month.month:02d}"}))
    if article.section_id:
        slug = article.section.slug
        paths += [
            reverse("articles:section_detail", args=[slug]),
            reverse("articles:section_feed_rss", args=[slug]),
            reverse("articles:section_feed_atom", args=[slug]),
        ]
    for tag in article.tags.all():
        paths += [reverse("articles:tag_detail", args=[tag.slug]), reverse("articles:tag_feed_rss", args=[tag.slug])]
    for byline in article.bylines.select_related("reporter"):
        paths += [
            byline.reporter.get_absolute_url(),
            reverse("articles:reporter_feed_rss", args=[byline.reporter.slug]),
        ]
    base = settings.NEWSROOM_SITE_URL.rstrip("/")
    return list(dict.fromkeys(base + path for path in paths))


def purge(article):
    endpoint = settings.CDN_PURGE_URL
    body = json.dumps({settings.CDN_PURGE_FIELD: purge_urls(article)}).encode()
    headers = {"Content-Type": "application/json"}
    if settings.CDN_PURGE_TOKEN:
        headers["Authorization"] = f"Bearer {settings.CDN_PURGE_TOKEN}"
    request = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.CDN_PURGE_TIMEOUT) as response:  # noqa: S310 # nosec B310
            response.read()
    except OSError as error:  # URLError, HTTPError and timeouts are all OSErrors
        logger.warning("CDN purge for story %s failed: %s", article.pk, error)


@receiver(public_content_changed, dispatch_uid="cdn_purge")
def _public_content_changed(sender, article=None, **kwargs):
    if settings.CDN_PURGE_URL and article is not None:
        purge(article)
