"""The admin import page: several files at once, a result per file, editors publish, reporters submit."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article

from ._import_helpers import sample_path, story_text
from .factories import UserFactory

URL = "/" + settings.ADMIN_URL + "import/"


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_the_page_needs_a_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_without_story_permissions_are_refused(client, db):
    client.force_login(UserFactory(username="intern"))
    assert client.get(URL).status_code == 403


def test_editors_upload_several_files_and_see_each_result(client, editor):
    client.force_login(editor)
    response = client.post(
        URL,
        {
            "files": [
                upload("sample.txt", sample_path().read_bytes()),
                upload("broken.txt", b"Published February 30th, 2021 at 10:00 IST\nHeadline\n"),
                upload("blank.txt", b"\n\n"),
            ],
            "publish": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "sample.txt: created" in page
    assert "broken.txt, line 1: impossible date or time" in page
    assert "blank.txt: the file is empty." in page
    assert "2 of 3 files failed" in page
    story = Article.objects.get()
    assert story.status == Article.Status.PUBLISHED


def test_reporters_import_into_review_and_are_not_offered_publishing(client, reporter_user):
    client.force_login(reporter_user)
    assert 'name="publish"' not in client.get(URL).content.decode()
    response = client.post(URL, {"files": [upload("story.txt", story_text().encode())], "publish": "on"})
    assert "story.txt: created" in response.content.decode()
    story = Article.objects.get()
    assert story.status == Article.Status.IN_REVIEW and story.created_by == reporter_user


def test_a_file_over_the_size_limit_is_refused_without_reading_it(client, editor, settings):
    settings.IMPORT_MAX_BYTES = 50
    client.force_login(editor)
    response = client.post(URL, {"files": [upload("big.txt", story_text().encode())]})
    assert "big.txt: the file is too large" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("data", [{}, {"files": ""}])
def test_posting_without_files_shows_the_form_error(client, editor, data):
    client.force_login(editor)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_admin_home_links_to_the_import_page_for_those_who_may_import(client, reporter_user):
    client.force_login(reporter_user)
    assert f'href="{URL}"' in client.get("/" + settings.ADMIN_URL).content.decode()
    client.force_login(UserFactory(username="intern"))
    assert f'href="{URL}"' not in client.get("/" + settings.ADMIN_URL).content.decode()
