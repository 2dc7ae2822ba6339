"""WSGI entry point: ``gunicorn newsroom.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process. Frozen, it is left
# out of Python's full garbage collections, which otherwise walk all of it in
# the middle of a request (20 to 35 ms on the slowest pages; bench/README.md).
gc.freeze()
