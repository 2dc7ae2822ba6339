from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation and the search vector.
        # Pending READ links resolve when their story is saved (syndication).
        from . import (  # noqa: F401
            cache,
            readlink_resolution,  # noqa: F401
            search,
        )
