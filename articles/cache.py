"""
Whole-page caching of the public site.

Every public page is cached under its full URL, stamped with the site-wide
*generation* number kept in the cache itself. When readers' view changes
(``public_content_changed``) the generation is incremented, so every cached
page is stale at once, in every app process sharing the cache (Redis in
production). A page is never cached past the next scheduled first
publication or expiry, so a story due at 10:00 appears at 10:00 even if no
one touches the site. Responses carry an ETag and Last-Modified (conditional
GETs answer 304) and ``Cache-Control: public`` with a short ``max-age`` for
browsers and ``s-maxage`` for a CDN.
"""

import hashlib
import threading
import time
from collections import OrderedDict
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
    # After the increment, so the next look-up here reads the new number.
    forget_recent_generation()


class _GenerationSeen:
    # Shared by the process's threads: a race between two of them can only
    # make one read the shared cache again.
    value = None
    until = 0.0


_generation_seen = _GenerationSeen()


def forget_recent_generation():
    """Read the generation from the shared cache, and look for the next change again, on the next look-up."""
    global _next_change_seen
    _generation_seen.until = 0.0
    _next_change_seen = None


def recent_generation():
    """
    The generation as this process read it at most
    ``NEWSROOM_PAGE_CACHE_GENERATION_SECONDS`` ago (default 1).

    Only the early path of ``PageCacheMiddleware`` uses it, to answer a page
    it holds itself without a round trip to the shared cache (over half of a
    cached page's cost). A change reaches every process's readers within that
    time; in the process that made it, normally at once (a request that read
    the old number while the change was made may keep it for that second).
    """
    now = time.monotonic()
    if _generation_seen.value is None or now >= _generation_seen.until:
        _generation_seen.value = page_generation()
        _generation_seen.until = now + getattr(settings, "NEWSROOM_PAGE_CACHE_GENERATION_SECONDS", 1.0)
    return _generation_seen.value


@receiver(public_content_changed, dispatch_uid="page_cache_invalidate")
def _public_content_changed(sender, **kwargs):
    invalidate_pages()


# (generation, looked up at, good until, the next change): what this process
# last found. One tuple, replaced whole, so threads never see half of one.
_next_change_seen = None


def next_change_at(now=None, *, generation=None):
    """
    When readers' view next changes by itself: the next scheduled first
    publication or expiry (``None`` if neither).

    Two indexed look-ups, remembered by this process for the current
    generation, for at most ``NEXT_CHANGE_SECONDS`` and never past the change
    itself. Kept in the process rather than the shared cache: every page
    rendered on a miss needs it, which was a round trip to Redis each time
    (and, with no cache at all, ``dummycache://``, the two look-ups each
    time). A change made anywhere moves the generation, so a process never
    answers from before it.
    """
    global _next_change_seen
    now = now or timezone.now()
    if generation is None:
        generation = page_generation()
    seen = _next_change_seen
    if seen is not None:
        seen_generation, looked_up_at, good_until, upcoming = seen
        if seen_generation == generation and looked_up_at <= now < good_until:
            return upcoming
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
    good_until = now + timedelta(seconds=NEXT_CHANGE_SECONDS)
    if upcoming is not None:
        good_until = min(good_until, upcoming)
    _next_change_seen = (generation, now, good_until, upcoming)
    return upcoming


def seconds_until_next_change(now, limit, *, generation=None):
    upcoming = next_change_at(now, generation=generation)
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


def _page_key(request):
    kept = sorted((name, value) for name in PAGE_PARAMETERS for value in request.GET.getlist(name))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(kept)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"newsroom:page:{digest}"


def _cached_entry(key):
    """
    The current generation, and the page stored under ``key`` if it was
    rendered in that generation (else ``None``).

    The entry records its generation rather than the key holding it, so the
    two are read in one round trip to the cache (a third of a cached page's
    cost was the second trip). A stale entry is overwritten by the next miss.
    """
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return page_generation(), None
    entry = found.get(key)
    if entry is None or entry.get("generation") != generation:
        return generation, None
    return generation, entry


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
        key = _page_key(request)
        generation, entry = _cached_entry(key)
        stored = None
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not _cacheable(response):
                return response
            timeout = seconds_until_next_change(now, limit, generation=generation)
            entry = {
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
                "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
                "rendered_at": now.timestamp(),
                "expires_at": (now + timedelta(seconds=timeout)).timestamp(),
                "generation": generation,
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
        self.recent = RecentPages(getattr(settings, "NEWSROOM_PAGE_CACHE_LOCAL_PAGES", 200))

    def __call__(self, request):
        early = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and page_cache_seconds() > 0
        )
        if early:
            entry = self.lookup(_page_key(request))
            if entry is not None:
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

    def lookup(self, key):
        """
        A complete entry for ``key`` in the current generation, or ``None``.

        The page comes from this process's own copy when that copy is of the
        generation seen in the last second (``recent_generation``) and not
        past its expiry; otherwise from the shared cache, checked against
        the generation there.
        """
        entry = self.recent.get(key)
        if entry is None or entry["generation"] != recent_generation():
            generation, entry = _cached_entry(key)
            if entry is None or "outer_headers" not in entry:
                return None
            self.recent.put(key, entry)
        if entry["expires_at"] <= time.time():
            return None
        return entry


class RecentPages:
    """The last ``size`` complete page entries this process served, least recently used dropped first."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
