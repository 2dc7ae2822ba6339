import pytest

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    # Tests do not run collectstatic, so use unhashed static names; uploaded
    # media goes to a throwaway folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db):
    return UserFactory(username="desk-editor", group="Editor")


@pytest.fixture
def reporter_user(db):
    return UserFactory(username="field-reporter", group="Reporter")
