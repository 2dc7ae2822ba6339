"""
Create the Reporter and Editor groups with their permissions on every install.

Permissions are normally created after migrations run, so this migration
creates them itself first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.view_section",
    "articles.add_relatedlink",
    "articles.change_relatedlink",
    "articles.delete_relatedlink",
    "articles.view_relatedlink",
    "articles.view_articleupdate",
    "articles.view_articletransition",
    "authors.view_reporter",
    "taggit.view_tag",
]

EDITOR_APPS = ["articles", "authors", "taggit"]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    reporter, _ = Group.objects.get_or_create(name="Reporter")
    reporter.permissions.add(*permissions(REPORTER_PERMISSIONS))

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
