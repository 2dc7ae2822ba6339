"""
Validation of uploaded lead images.

An upload must be a real, complete JPEG, PNG or WebP image within bounded
bytes, width, height and pixel count (the pixel cap is checked from the
header before anything is decoded, so a small file that decompresses into a
huge bitmap is refused cheaply). Accepted images are re-saved, which drops
EXIF and other metadata (a phone photo's GPS position must not be published).
"""

import io
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}


def _limits():
    return (
        getattr(settings, "LEAD_IMAGE_MAX_BYTES", 10 * 1024 * 1024),
        getattr(settings, "LEAD_IMAGE_MAX_SIDE", 8000),
        getattr(settings, "LEAD_IMAGE_MAX_PIXELS", 40_000_000),
    )


def _refuse(message, code):
    raise ValidationError(message, code=code)


def validate_lead_image(upload):
    """Return a cleaned copy of ``upload`` (metadata stripped), or raise ``ValidationError``."""
    max_bytes, max_side, max_pixels = _limits()
    if upload.size > max_bytes:
        _refuse(
            f"The image is {upload.size / 1_048_576:.1f} MB; the largest accepted is {max_bytes / 1_048_576:.0f} MB.",
            "image_too_large",
        )
    upload.seek(0)
    head = upload.read(1024).lstrip().lower()
    upload.seek(0)
    if head.startswith(b"<?xml") or b"<svg" in head:
        _refuse("SVG images are not accepted (they can carry scripts); upload a JPEG, PNG or WebP.", "svg_refused")

    with warnings.catch_warnings():
        # Pillow warns (and past twice its limit, raises) on decompression bombs.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            width, height = image.size
            if image.format not in FORMATS:
                _refuse(
                    f"{image.format or 'This'} files are not accepted; upload a JPEG, PNG or WebP image.",
                    "image_format",
                )
            if width > max_side or height > max_side or width * height > max_pixels:
                _refuse(
                    f"The image is {width}×{height} pixels; the largest accepted is {max_side}×{max_side} "
                    f"and {max_pixels:,} pixels in all.",
                    "image_dimensions",
                )
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse("The image has far too many pixels to be processed safely.", "image_dimensions")
        except UnidentifiedImageError:
            _refuse("The file is not an image; upload a JPEG, PNG or WebP image.", "not_an_image")
        except (OSError, SyntaxError, ValueError):
            _refuse("The image is damaged or incomplete; save it again and re-upload it.", "image_damaged")
    return _without_metadata(image, name=getattr(upload, "name", "") or "image")


def _without_metadata(image, *, name):
    """Re-save the pixels alone (after applying any EXIF rotation) in the same format."""
    image_format = image.format
    extension, content_type = FORMATS[image_format]
    clean = ImageOps.exif_transpose(image)
    clean.info = {}
    if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 90, "optimize": True} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    clean.save(buffer, image_format, **options)
    stem = Path(name).stem[:80] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", buffer.getvalue(), content_type=content_type)
