from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation, the search vector, image renditions.
        from . import cache, images, search  # noqa: F401

        images.connect_signals()
