"""
Reporter photos pass the same checks as lead images: only a real picture is
accepted, a disguised file is refused with a message, and EXIF (GPS) is stripped.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from .admin_pages import form_fields
from .factories import ReporterFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def photo_with_gps():
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (28.0, 36.0, 50.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (80, 80), "navy").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def post_photo(client, reporter, name, content):
    url = reverse("admin:authors_reporter_change", args=[reporter.pk])
    data = form_fields(client.get(url), form_id="reporter_form")
    data["photo"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


def test_a_real_photo_is_kept_without_its_gps_position(client, editor):
    reporter = ReporterFactory(name="Asha Rao")
    client.force_login(editor)
    response = post_photo(client, reporter, "face.jpg", photo_with_gps())
    assert response.status_code == 302, response.context["adminform"].form.errors
    reporter.refresh_from_db()
    with Image.open(reporter.photo) as stored:
        assert GPS_IFD not in stored.getexif()


def test_a_file_that_is_not_a_picture_is_refused_with_a_message(client, editor):
    reporter = ReporterFactory(name="Asha Rao")
    client.force_login(editor)
    response = post_photo(client, reporter, "face.jpg", b"<svg onload=alert(1)></svg>")
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("photo", []))
    assert errors
    reporter.refresh_from_db()
    assert not reporter.photo
