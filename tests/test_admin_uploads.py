"""
Lead image uploads through the story form.

Only a real, complete JPEG, PNG or WebP within the size, side and pixel
limits is accepted, each refusal with a message saying what is wrong; an
accepted photo is stored without its EXIF metadata (no GPS position).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from .admin_pages import change_url, form_fields
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def image_bytes(fmt="JPEG", size=(64, 48), exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    Image.new("RGB", size, "teal").save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(client, story, name, content):
    data = form_fields(client.get(change_url(story)))
    data["lead_image"] = SimpleUploadedFile(name, content)
    return client.post(change_url(story), data)


def lead_image_errors(response):
    return " ".join(response.context["adminform"].form.errors.get("lead_image", [])) if response.context else ""


@pytest.fixture
def story_and_client(client, editor):
    client.force_login(editor)
    return ArticleFactory(), client


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_real_image_is_accepted_with_its_dimensions(story_and_client, fmt):
    story, client = story_and_client

    response = upload(client, story, f"photo.{fmt.lower()}", image_bytes(fmt))

    assert response.status_code == 302, lead_image_errors(response)
    story.refresh_from_db()
    assert (story.lead_image_width, story.lead_image_height) == (64, 48)


def test_exif_and_gps_are_stripped(story_and_client):
    story, client = story_and_client
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (28.0, 36.0, 0.0)}
    original = image_bytes(exif=exif)
    assert Image.open(io.BytesIO(original)).getexif().get(GPS_IFD)

    upload(client, story, "phone.jpg", original)

    story.refresh_from_db()
    with story.lead_image.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"this is plain text, not a picture" * 10, "not an image"),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG images are not accepted",
        ),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG images are not accepted"),
        ("cut.jpg", image_bytes(size=(400, 300))[:600], "damaged or incomplete"),
        ("anim.gif", image_bytes("GIF"), "GIF files are not accepted"),
        ("wide.png", image_bytes("PNG", size=(8001, 10)), "8001×10 pixels"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(story_and_client, name, content, message):
    story, client = story_and_client

    response = upload(client, story, name, content)

    assert response.status_code == 200
    assert message in lead_image_errors(response)
    story.refresh_from_db()
    assert not story.lead_image


def test_too_many_bytes_is_refused(story_and_client, settings):
    story, client = story_and_client
    settings.LEAD_IMAGE_MAX_BYTES = 1000

    response = upload(client, story, "big.png", image_bytes("PNG", size=(300, 300)) + b"\0" * 2000)

    assert "the largest accepted is" in lead_image_errors(response)


def test_decompression_bomb_is_refused_before_decoding(story_and_client, settings):
    story, client = story_and_client
    # A small file whose header promises a huge bitmap: refused from the header alone.
    settings.LEAD_IMAGE_MAX_SIDE = 100_000
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000

    response = upload(client, story, "bomb.png", buffer.getvalue())

    assert "pixels" in lead_image_errors(response)
    story.refresh_from_db()
    assert not story.lead_image


def test_pillows_own_bomb_guard_is_reported_as_too_many_pixels(story_and_client, settings, monkeypatch):
    story, client = story_and_client
    settings.LEAD_IMAGE_MAX_SIDE = 100_000
    settings.LEAD_IMAGE_MAX_PIXELS = 10**9
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    response = upload(client, story, "bomb.png", image_bytes("PNG", size=(100, 100)))

    assert "far too many pixels" in lead_image_errors(response)
