from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation and the search vector.
        from . import cache, search  # noqa: F401
