"""
Let reporters name themselves and colleagues in a byline, and give editors
the permissions of models added since the groups were created (revisions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER_PERMISSIONS = [
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_byline"),
    ("articles", "view_articlerevision"),
]

EDITOR_APPS = ["articles", "authors", "taggit"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    for app_label, codename in REPORTER_PERMISSIONS:
        reporter.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reporter = Group.objects.filter(name="Reporter").first()
    if reporter:
        for app_label, codename in REPORTER_PERMISSIONS:
            reporter.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_article_revisions")]

    operations = [migrations.RunPython(grant, revoke)]
