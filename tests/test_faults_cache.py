"""With Redis unreachable or hanging, the cache degrades to misses and pages keep coming from the database."""

import socket
import time

import pytest
from django.core.cache import cache

from .appserver import TcpProxy, free_port
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def redis_cache(location, **options):
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        }
    }


def test_with_redis_up_the_cache_works(settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/15")
    cache.set("hardening-probe", "value", 30)
    assert cache.get("hardening-probe") == "value"
    cache.delete("hardening-probe")


def test_closed_redis_port_degrades_to_misses(settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", "value") is False
    assert cache.delete("key") is False


def test_pages_are_served_with_redis_down(settings, client):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    story = ArticleFactory(published=True, headline="Monsoon arrives early")
    for url in ["/", story.get_absolute_url(), story.section.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Monsoon arrives early" in client.get(story.get_absolute_url()).text


def test_a_hanging_redis_costs_one_short_timeout_not_a_hang(settings):
    # A server that accepts connections and never answers: the worst case.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0", retry_seconds=60)
        started = time.monotonic()
        assert cache.get("key") is None
        # Later calls skip Redis while it is marked down.
        for _ in range(20):
            assert cache.get("key") is None
        assert time.monotonic() - started < 5
    finally:
        silent.close()


def test_the_cache_comes_back_by_itself_when_redis_returns(settings):
    proxy = TcpProxy(("127.0.0.1", 6379))
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{proxy.port}/15", retry_seconds=0)
    assert cache.get("hardening-recovery", "miss") == "miss"  # nothing listening yet
    proxy.start()
    try:
        cache.set("hardening-recovery", "back", 30)
        assert cache.get("hardening-recovery") == "back"
        cache.delete("hardening-recovery")
    finally:
        proxy.stop()
