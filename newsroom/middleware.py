"""
Request plumbing for production: the outage page, replica routing and the
client address.

``DatabaseUnavailableMiddleware`` turns "cannot reach the database" into a
styled 503 with Retry-After instead of a 500 and a stack trace. Nothing is
cached about the outage: the next request tries the database again, so the
site comes back by itself when the database does.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from newsroom import routers

logger = logging.getLogger(__name__)


class ReplicaRoutingMiddleware:
    """Lets public reads go to the read replica (see ``newsroom.routers``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with routers.reading_from_replica(routers.may_read_from_replica(request)):
            return self.get_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception)
        return outage_response()


def outage_response():
    # Rendered without the request so that no context processor (and so no
    # query) runs.
    html = render_to_string("503.html", {"site_name": settings.NEWSROOM_SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def client_ip(request):
    """
    The reader's address, for login throttling.

    Behind ``TRUSTED_PROXY_COUNT`` proxies the socket address is the nearest
    proxy; each proxy appends the address it saw to X-Forwarded-For, so the
    client is that many entries from the right. Entries further left were
    written by the client and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
