from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation, the search vector, and
        # pending READ links resolving when their story is saved (syndication).
        from . import cache, readlink_resolution, search  # noqa: F401
