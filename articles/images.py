"""
Responsive renditions of lead images.

Each lead image is resized once per width, to WebP, by sorl-thumbnail, when
the story is saved (or, for stories written by bulk imports, on first view).
The list of renditions is stored on the story's own row
(``Article.lead_renditions``), so showing it costs no query, no cache round
trip and no image work on any later request. The API reuses
``lead_image_renditions``.
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_WIDTHS = (360, 720, 1080, 1440)


def rendition_widths():
    return list(getattr(settings, "NEWSROOM_IMAGE_WIDTHS", DEFAULT_WIDTHS))


def lead_image_renditions(article):
    """
    ``[{"url", "width", "height", "mime"}, ...]`` for the story's lead image,
    narrowest first; empty when there is no image (or it cannot be read).
    Never wider than the original.
    """
    image = article.lead_image
    if not image or not image.name:
        return []
    stored = article.lead_renditions or {}
    if stored.get("name") == image.name and stored.get("widths") == rendition_widths():
        return stored["renditions"]
    renditions = _make_renditions(article)
    if renditions:
        article.lead_renditions = {"name": image.name, "widths": rendition_widths(), "renditions": renditions}
        if article.pk is not None:
            # A plain UPDATE: no save signals, no version bump; this is derived data.
            type(article).objects.filter(pk=article.pk).update(lead_renditions=article.lead_renditions)
    return renditions


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


def _make_renditions_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Make renditions when the image is saved, so no reader's request pays for them.
    if raw or (update_fields is not None and "lead_image" not in update_fields):
        return
    lead_image_renditions(instance)


def connect_signals():
    from django.db.models.signals import post_save

    from .models import Article

    post_save.connect(_make_renditions_on_save, sender=Article, dispatch_uid="lead_image_renditions_on_save")
