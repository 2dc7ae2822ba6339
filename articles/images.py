"""
Responsive renditions of lead images.

Each lead image is resized once per width, to WebP, by sorl-thumbnail (which
stores the files and remembers them in its key-value store); the list of
renditions is then kept in the cache, so a page view never touches the image
or sorl's store after the first. The API reuses ``lead_image_renditions``.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

DEFAULT_WIDTHS = (360, 720, 1080, 1440)
CACHE_SECONDS = 60 * 60 * 24 * 30


def rendition_widths():
    return tuple(getattr(settings, "NEWSROOM_IMAGE_WIDTHS", DEFAULT_WIDTHS))


def _cache_key(name):
    digest = hashlib.sha256(f"{name}|{rendition_widths()}".encode()).hexdigest()[:32]
    return f"newsroom:renditions:{digest}"


def lead_image_renditions(article):
    """
    ``[{"url", "width", "height", "mime"}, ...]`` for the story's lead image,
    narrowest first; empty when there is no image (or it cannot be read).
    Never wider than the original.
    """
    image = article.lead_image
    if not image or not image.name:
        return []
    key = _cache_key(image.name)
    renditions = cache.get(key)
    if renditions is None:
        renditions = _make_renditions(article)
        cache.set(key, renditions, CACHE_SECONDS)
    return renditions


def lead_image_renditions_many(articles):
    """``{article.pk: renditions}`` for a listing, with one cache round trip when they exist."""
    with_image = [a for a in articles if a.lead_image and a.lead_image.name]
    keys = {_cache_key(a.lead_image.name): a for a in with_image}
    found = cache.get_many(list(keys))
    result = {}
    for key, article in keys.items():
        result[article.pk] = found[key] if key in found else lead_image_renditions(article)
    return result


def _make_renditions(article):
    from sorl.thumbnail import get_thumbnail

    original_width = article.lead_image_width or 0
    widths = [w for w in rendition_widths() if not original_width or w <= original_width]
    if original_width and (not widths or widths[-1] < original_width) and original_width < max(rendition_widths()):
        widths.append(original_width)
    renditions = []
    for width in widths or [original_width]:
        try:
            thumb = get_thumbnail(article.lead_image, str(width), format="WEBP", quality=80, upscale=False)
        except (OSError, ValueError):
            thumb = None
        if thumb is None or not thumb.size:
            # sorl hands back an empty placeholder when the original cannot be read.
            logger.warning("Cannot make renditions of %s", article.lead_image.name)
            return []
        renditions.append({"url": thumb.url, "width": thumb.width, "height": thumb.height, "mime": "image/webp"})
    return renditions


def srcset(renditions):
    return ", ".join(f"{r['url']} {r['width']}w" for r in renditions)


def _make_renditions_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Make renditions when the image is saved, so no reader's request pays for them.
    if raw or (update_fields is not None and "lead_image" not in update_fields):
        return
    if instance.lead_image and instance.lead_image.name:
        lead_image_renditions(instance)


def connect_signals():
    from django.db.models.signals import post_save

    from .models import Article

    post_save.connect(_make_renditions_on_save, sender=Article, dispatch_uid="lead_image_renditions_on_save")
