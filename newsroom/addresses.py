"""
The addresses of stories, sections and reporters, remembered per process.

Home shows 85 story cards and every page links the 20 sections: at about
20 µs a ``reverse()``, that was a tenth of home's time. An address depends
only on the URLconf, the script prefix and the slug, so it is remembered by
those; a changed slug is a different key.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# A few MiB at most: enough for the pages a process serves in a while.
REMEMBERED = 10_000


def slug_address(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``, remembered."""
    return _slug_address(viewname, slug, get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=REMEMBERED)
def _slug_address(viewname, slug, urlconf, script_prefix):
    # ``reverse()`` reads the same thread's script prefix that is in the key.
    return reverse(viewname, urlconf=urlconf, kwargs={"slug": slug})


@receiver(setting_changed, dispatch_uid="slug_addresses_forgotten")
def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _slug_address.cache_clear()
