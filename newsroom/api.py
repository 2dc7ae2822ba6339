"""
The read-only JSON API at ``/api/`` (django-ninja), schema at ``/api/openapi.json``.

Only what readers may see: every story query starts from
``Article.objects.published()``. Lists are keyset-paginated with an opaque
``cursor``; every answer carries an ETag and a matching ``If-None-Match``
gets a 304; every bad parameter gets a 4xx JSON error (``{"detail": …}``),
never a 500. CORS for browsers on other origins is django-cors-headers,
limited to ``/api/`` and the origins in ``API_CORS_ALLOWED_ORIGINS``.
"""

import base64
import binascii
import json
from functools import wraps

from django.http import Http404, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Slugs and tag slugs: letters (any script, as taggit makes them), digits, "-" and "_".
SLUG_PATTERN = r"^[-\w]{1,100}$"


class BadCursor(Exception):
    pass


def cursor_encode(values):
    """An opaque page marker for the position after ``values`` (the last item's sort key)."""
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def cursor_decode(cursor, *, length):
    """The sort key a cursor stands for; BadCursor for anything this API did not hand out."""
    try:
        if len(cursor) > 500:
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor from None
    if not isinstance(values, list) or len(values) != length:
        raise BadCursor
    return values


def page_of(items, *, limit, key, request):
    """``{"items", "next", "next_cursor"}`` from ``limit + 1`` fetched rows."""
    items = list(items)
    more = len(items) > limit
    items = items[:limit]
    next_cursor = cursor_encode(key(items[-1])) if more else None
    next_url = None
    if next_cursor:
        params = request.GET.copy()
        params["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"items": items, "next": next_url, "next_cursor": next_cursor}


def conditional_get(view):
    """ETag from the response body; If-None-Match with it answers 304 Not Modified."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            set_response_etag(response)
            patch_vary_headers(response, ["Origin"])
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    return wrapper


api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=(
        "Published stories, sections, reporters and tags. Story objects use IPTC ninjs 2.x field names "
        "where they fit. Read-only; no authentication."
    ),
    urls_namespace="api",
    # The interactive docs page loads scripts from a CDN with inline code; the schema is enough.
    docs_url=None,
)
api.add_decorator(conditional_get, mode="view")


@api.exception_handler(BadCursor)
def _bad_cursor(request, exc):
    return api.create_response(
        request, {"detail": "Invalid cursor: use the next_cursor of a previous page."}, status=400
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def not_found(request, path=""):
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": "Not found."}, status=404)


def json_errors(view):
    """
    Around every API view: HEAD answered as GET without the body, and the
    API's own 404 (its root) and 405 (a write) answers as JSON like every
    other error.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # HEAD is answered as GET without the body, so the schema lists each operation once.
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = not_found(request)
        finally:
            if is_head:
                request.method = "HEAD"
        if is_head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/html"):
            allowed = response["Allow"]
            response = JsonResponse({"detail": f"Method not allowed; this API is read-only ({allowed})."}, status=405)
            response["Allow"] = allowed
        return response

    return wrapper


def api_urls():
    """``api.urls`` with every view wrapped by ``json_errors``, for ``newsroom/urls.py``."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = json_errors(pattern.callback)
    return patterns, app_name, namespace


api.add_router("/", "articles.api.router")
api.add_router("/", "authors.api.router")
