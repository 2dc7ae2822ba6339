"""Shared by the import tests: where the real sample lives, and small story files."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# ../shared/samples beside the checkout; NEWSROOM_SAMPLES_DIR points elsewhere (a clone in /tmp).
SAMPLES = Path(os.environ.get("NEWSROOM_SAMPLES_DIR") or Path(settings.BASE_DIR).parent / "shared" / "samples")
SAMPLE_NAME = "000_0cf364615f608e46.txt"


def sample_path():
    path = SAMPLES / SAMPLE_NAME
    if not path.exists():
        pytest.skip(
            f"The sample story {path} is not here (it lives in the project's shared/ folder; "
            "set NEWSROOM_SAMPLES_DIR to read it from elsewhere)."
        )
    return path


def story_text(
    *,
    headline="Monsoon reaches Kerala two days early",
    updated="Updated June 1st, 2024 at 09:15 IST",
    published="Published June 1st, 2024 at 08:30 IST",
    byline="Reported by: Asha Menon",
    body=("The monsoon arrived over Kerala on Saturday, the weather office said.", "Farmers welcomed the rain."),
):
    lines = [updated, "", headline, "", "Rain lashed the coast on Saturday morning.", "", byline, "| Image:PTI", ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines.append(published)
    return "\n".join(line for line in lines if line is not None)
