"""
Who has a story open in the admin right now.

Each open change form sends a heartbeat every few seconds
(``static/newsroom-admin/presence.js``); the cache keeps, per story, when
each user was last seen. Entries older than ``PRESENCE_TIMEOUT`` seconds
count as gone. With a shared cache (Redis) this works across app processes;
a lost update between two simultaneous heartbeats only delays a name by one beat.
"""

import time

from django.core.cache import cache

PRESENCE_TIMEOUT = 45


def _key(article_id):
    return f"article-presence:{article_id}"


def presence_beat(*, article_id, user):
    """Record that ``user`` has the story open; return the names of the others who do."""
    now = time.time()
    seen = {
        user_id: entry
        for user_id, entry in (cache.get(_key(article_id)) or {}).items()
        if now - entry[1] < PRESENCE_TIMEOUT
    }
    seen[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(_key(article_id), seen, PRESENCE_TIMEOUT * 2)
    return sorted(name for user_id, (name, _) in seen.items() if user_id != user.pk)


def presence_leave(*, article_id, user):
    """Forget ``user`` on the story (the change form was closed)."""
    seen = cache.get(_key(article_id)) or {}
    if seen.pop(user.pk, None) is not None:
        cache.set(_key(article_id), seen, PRESENCE_TIMEOUT * 2)
