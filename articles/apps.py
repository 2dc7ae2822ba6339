from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation and CDN purge, the search vector, lead
        # image renditions, pending READ links resolving when their story is
        # saved, and tag slugs that follow the project's ASCII slug rule.
        from . import cache, cdn, images, readlink_resolution, search, tag_slugs  # noqa: F401

        images.connect_signals()
