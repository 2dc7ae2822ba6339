from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Tag slugs follow the project's ASCII slug rule (hardening).
        from . import tag_slugs  # noqa: F401
