from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        # Pending READ links resolve when their story is saved (syndication).
        from . import readlink_resolution  # noqa: F401
