from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Signal receivers: page-cache invalidation and the search vector;
        # tag slugs that follow the project's ASCII slug rule (hardening).
        from . import cache, search, tag_slugs  # noqa: F401
