"""
The project's one slug rule, shared by stories, sections and reporters.

Slugs are lowercase ASCII (letters, digits, hyphens), so URLs stay readable
and copy-pasteable in any browser, mail client or SMS. Text in other scripts
is transliterated first, so a Hindi headline gets a usable slug rather than an
empty one. Uniqueness is enforced by a unique index on each slug column; the
helper here only picks a free candidate so the index rarely has to refuse one.
"""

from anyascii import anyascii
from django.utils.text import slugify

FALLBACK_SLUG = "item"


def ascii_slug(text, *, max_length=80, fallback=FALLBACK_SLUG):
    slug = slugify(anyascii(text or ""))
    if len(slug) > max_length:
        # Cut at a word boundary so a slug never ends in half a word.
        cut = slug[: max_length + 1].rsplit("-", 1)[0]
        slug = cut if cut else slug[:max_length]
    return slug.strip("-") or fallback


def unique_slug(instance, text, *, field_name="slug", max_length=80, fallback=FALLBACK_SLUG):
    """A slug for ``instance`` built from ``text`` that no other row uses."""
    model = type(instance)
    base = ascii_slug(text, max_length=max_length, fallback=fallback)
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    candidate, n = base, 1
    while others.filter(**{field_name: candidate}).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
