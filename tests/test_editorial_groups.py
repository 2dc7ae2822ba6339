"""The Reporter and Editor groups exist on every install with the right permissions."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_reporters_can_write_but_not_publish():
    reporter = perms("Reporter")
    assert {"articles.add_article", "articles.change_article"} <= reporter
    assert "articles.publish_article" not in reporter
    assert "articles.change_any_article" not in reporter
    assert "articles.delete_article" not in reporter


def test_editors_run_the_desk():
    editor = perms("Editor")
    assert {
        "articles.publish_article",
        "articles.change_any_article",
        "articles.change_section",
        "authors.change_reporter",
        "taggit.change_tag",
    } <= editor
