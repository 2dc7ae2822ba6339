"""Lead images for the demo stories, drawn with Pillow so nothing is downloaded."""

import io

from PIL import Image, ImageDraw, ImageFont

SECTION_COLOURS = {
    "india": ((230, 126, 34), (142, 68, 173)),
    "world": ((41, 128, 185), (22, 160, 133)),
    "business": ((39, 174, 96), (44, 62, 80)),
    "science": ((52, 73, 94), (155, 89, 182)),
    "sport": ((192, 57, 43), (241, 196, 15)),
    "culture": ((211, 84, 0), (52, 152, 219)),
}


def demo_image(section_slug, label, *, size=(1200, 675)):
    """A JPEG: a diagonal gradient in the section's colours with a label."""
    start, end = SECTION_COLOURS.get(section_slug, ((90, 90, 90), (30, 30, 30)))
    width, height = size
    gradient = Image.linear_gradient("L").rotate(45, expand=True).resize(size)
    image = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), gradient)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=72)
    draw.text((60, height - 160), label, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
