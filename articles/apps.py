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

        # SQLite's triggers for the bylines' and tags' copies of the story's
        # time stand aside during migrations (articles/time_copies.py).
        from django.db.models.signals import post_migrate, pre_migrate

        from . import time_copies

        pre_migrate.connect(time_copies.remove_triggers, sender=self, dispatch_uid="time_copies_remove")
        post_migrate.connect(time_copies.install_triggers, sender=self, dispatch_uid="time_copies_install")
