"""
Tags get slugs by the project's one slug rule (lowercase ASCII, transliterated).

django-taggit's own slugs keep non-ASCII letters ("चुनाव", "scrıpt"), which
the ``slug`` URL converter does not match: the tag page had no address and
every story carrying such a tag failed to render. This receiver rewrites the
slug taggit proposes before the row is saved, keeping taggit's ``_<n>``
suffix for clashes.
"""

import re

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from newsroom.slugs import ascii_slug

URL_SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
CLASH_SUFFIX = re.compile(r"_\d+$")


@receiver(pre_save, sender=Tag)
def ascii_tag_slug(sender, instance, **kwargs):
    if instance.slug and URL_SAFE_SLUG.fullmatch(instance.slug):
        return
    suffix = CLASH_SUFFIX.search(instance.slug or "")
    instance.slug = ascii_slug(instance.name, max_length=90, fallback="tag") + (suffix.group() if suffix else "")
