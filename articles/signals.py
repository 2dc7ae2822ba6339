"""
Signals other parts of the project listen to.

``public_content_changed`` is sent after a transaction that changed what
readers may see has committed: a story published, updated, unpublished,
expired or gone live. Page caches, CDN purges and search indexes listen to
it; nothing that changes state listens to it.
"""

from django.dispatch import Signal

# Sent with ``article`` (the story that changed).
public_content_changed = Signal()
