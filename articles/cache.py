"""
Whole-page caching of the public site.

Every public page is cached under its full URL and a site-wide *generation*
number kept in the cache itself. When readers' view changes
(``public_content_changed``) the generation is incremented, so every cached
page is stale at once, in every app process sharing the cache (Redis in
production). A page is never cached past the next scheduled first
publication or expiry, so a story due at 10:00 appears at 10:00 even if no
one touches the site. Responses carry an ETag and Last-Modified (conditional
GETs answer 304) and ``Cache-Control: public`` with a short ``max-age`` for
browsers and ``s-maxage`` for a CDN.
"""

import hashlib
import time
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .models import Article
from .signals import public_content_changed

GENERATION_KEY = "newsroom:pages:generation"
NEXT_CHANGE_SECONDS = 30
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")


def page_cache_seconds():
    return getattr(settings, "NEWSROOM_PAGE_CACHE_SECONDS", 300)


def page_generation():
    """The current generation; a fresh, never-used number if the key was lost."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Milliseconds since the epoch: larger than any number used before, so
        # a lost key can never bring back pages cached under an old number.
        cache.add(GENERATION_KEY, int(time.time() * 1000), None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def invalidate_pages():
    """Make every cached page stale, in every process sharing the cache."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        page_generation()


@receiver(public_content_changed, dispatch_uid="page_cache_invalidate")
def _public_content_changed(sender, **kwargs):
    invalidate_pages()


def next_change_at(now=None):
    """
    When readers' view next changes by itself: the next scheduled first
    publication or expiry (``None`` if neither). Two indexed look-ups, kept
    for a few seconds per generation.
    """
    now = now or timezone.now()
    key = f"newsroom:pages:next-change:{page_generation()}"
    cached = cache.get(key)
    if cached is not None and (cached == "none" or cached > now):
        return None if cached == "none" else cached
    live = Article.objects.filter(status__in=Article.LIVE_STATUSES)
    times = [
        live.filter(first_published_at__gt=now)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first(),
        live.filter(expire_at__gt=now).order_by("expire_at").values_list("expire_at", flat=True).first(),
    ]
    times = [t for t in times if t is not None]
    upcoming = min(times) if times else None
    keep = NEXT_CHANGE_SECONDS
    if upcoming is not None:
        keep = min(keep, max(1, int((upcoming - now).total_seconds())))
    cache.set(key, upcoming or "none", keep)
    return upcoming


def seconds_until_next_change(now, limit):
    upcoming = next_change_at(now)
    if upcoming is None:
        return limit
    return max(0, min(limit, int((upcoming - now).total_seconds())))


def _cacheable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in control
        and "private" not in control
    )


# The only query parameters a cached page depends on (listing cursors, sitemap
# pages). Anything else (utm_ tags, junk) shares the plain page's entry, so
# random query strings can neither fill the cache nor miss it on purpose.
PAGE_PARAMETERS = ("after", "before", "p", "page")


def _page_key(request, generation):
    kept = sorted((name, value) for name in PAGE_PARAMETERS for value in request.GET.getlist(name))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(kept)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"newsroom:page:{generation}:{digest}"


def _response_from_entry(request, entry, now, headers):
    response = HttpResponse(entry["content"])
    for name, value in headers.items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["rendered_at"])
    remaining = max(0, int(entry["expires_at"] - now.timestamp()))
    patch_cache_control(
        response,
        public=True,
        max_age=min(getattr(settings, "NEWSROOM_BROWSER_MAX_AGE", 60), remaining),
        s_maxage=min(getattr(settings, "NEWSROOM_CDN_MAX_AGE", 300), remaining),
    )
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["rendered_at"]), response=response
    )


def cache_public_page(view):
    """Serve the view from the page cache, filling it on a miss (GET and HEAD only)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        limit = page_cache_seconds()
        if request.method not in ("GET", "HEAD") or limit <= 0:
            return view(request, *args, **kwargs)
        now = timezone.now()
        key = _page_key(request, page_generation())
        entry = cache.get(key)
        stored = None
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not _cacheable(response):
                return response
            timeout = seconds_until_next_change(now, limit)
            entry = {
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
                "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
                "rendered_at": now.timestamp(),
                "expires_at": (now + timedelta(seconds=timeout)).timestamp(),
            }
            if timeout > 0:
                cache.set(key, entry, timeout)
                stored = (key, entry, timeout)
        elif "outer_headers" not in entry:
            # Cached by a request that took the full path (an editor's): let
            # the middleware complete it on this reader's way out.
            remaining = int(entry["expires_at"] - now.timestamp())
            stored = (key, entry, remaining) if remaining > 0 else None
        response = _response_from_entry(request, entry, now, entry["headers"])
        # PageCacheMiddleware adds the headers the rest of the stack sets, so
        # that later readers can be served before that stack runs.
        response.page_cache_entry = stored
        return response

    return cached_view


# Headers that belong to one request and response, never to a stored page.
_PER_RESPONSE_HEADERS = {"date", "content-length", "etag", "last-modified", "cache-control", "expires", "set-cookie"}


class PageCacheMiddleware:
    """
    Serves cached public pages before the rest of the middleware stack runs.

    Placed right after WhiteNoise: for a reader's GET or HEAD it looks the
    page up (the same key and generation as ``cache_public_page``) and, on a
    hit, answers at once with the stored page and the headers the whole stack
    gave it the first time (security policy, framing, Vary), so a cached page
    costs little more than a static file. Sessions, authentication, CSRF and
    the view never run for it. Requests carrying a session (editors) take the
    full path, and so do pages cached before this middleware saw them: the
    headers are added to the entry on its first way out. ``SecurityMiddleware``
    stays in front and still runs for every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        early = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and page_cache_seconds() > 0
        )
        if early:
            entry = cache.get(_page_key(request, page_generation()))
            if entry is not None and "outer_headers" in entry:
                return _response_from_entry(request, entry, timezone.now(), entry["outer_headers"])
        response = self.get_response(request)
        stored = getattr(response, "page_cache_entry", None)
        if early and stored and not response.cookies and response.status_code == 200:
            key, entry, timeout = stored
            entry["outer_headers"] = {
                name: value
                for name, value in response.items()
                if name.lower() not in _PER_RESPONSE_HEADERS and not name.lower().startswith("access-control-")
            }
            cache.set(key, entry, timeout)
        return response
