"""
Story times read “February 6th, 2021 at 16:40 IST”: the ``newsroom_datetime``
filter gives exactly what Django's ``date`` formatting would, in every zone
and language, only faster.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as django_format

from articles.templatetags.newsroom import newsroom_datetime

DJANGO_PATTERN = r"F jS, Y \a\t H:i T"


def moments():
    start = datetime(2024, 1, 1, 0, 7, tzinfo=UTC)
    # Every day of two years (leap day, month ends, 11th–13th) at a drifting hour.
    return [start + timedelta(days=n, hours=n % 24, minutes=n % 60) for n in range(2 * 366)]


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "Europe/London", "America/New_York", "UTC"])
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_it_reads_as_djangos_own_formatting(zone, language):
    with timezone.override(zone), translation.override(language):
        for moment in moments():
            assert newsroom_datetime(moment) == django_format(timezone.localtime(moment), DJANGO_PATTERN), moment


def test_the_newsrooms_zone_is_named():
    assert newsroom_datetime(datetime(2021, 2, 6, 11, 10, tzinfo=UTC)) == "February 6th, 2021 at 16:40 IST"


def test_no_time_reads_as_nothing():
    assert newsroom_datetime(None) == ""
