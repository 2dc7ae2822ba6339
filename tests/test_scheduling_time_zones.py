"""
Schedule times are typed in the newsroom's zone and stored in UTC, in IST
and in a zone with daylight saving, where a time in the spring-forward gap
or the autumn overlap is refused with a message that says which.
"""

from datetime import UTC, datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from articles import workflow
from articles.admin_schedule import NewsroomDateTimeField

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "/admin/schedule/"


def clean(value):
    return NewsroomDateTimeField().clean(value)


def test_ist_is_the_default_and_times_are_stored_in_utc():
    assert clean("2026-03-02T15:30") == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def london():
    with override_settings(TIME_ZONE="Europe/London"), timezone.override("Europe/London"):
        yield


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize(
    "typed, stored",
    [
        ("2026-01-15T12:00", datetime(2026, 1, 15, 12, 0, tzinfo=UTC)),  # GMT
        ("2026-07-01T12:00", datetime(2026, 7, 1, 11, 0, tzinfo=UTC)),  # BST
        ("2026-03-29T02:00", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),  # just after the gap
    ],
)
def test_a_daylight_saving_zone_stores_the_right_utc_time(typed, stored):
    assert clean(typed) == stored


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize(
    "typed, code, message",
    [
        ("2026-03-29T01:30", "nonexistent_time", "01:30 on 29 Mar 2026 does not exist in Europe/London"),
        ("2026-10-25T01:30", "ambiguous_time", "01:30 on 25 Oct 2026 happens twice in Europe/London"),
    ],
)
def test_a_time_in_the_gap_or_overlap_is_refused_clearly(typed, code, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        clean(typed)
    assert caught.value.code == code
    assert message in caught.value.messages[0]


@pytest.mark.usefixtures("london")
def test_the_schedule_page_refuses_a_gap_time_and_shows_times_in_the_zone(client, editor, time_machine):
    time_machine.move_to(datetime(2026, 3, 20, 9, 0, tzinfo=UTC), tick=False)
    story = ArticleFactory(in_review=True)
    workflow.article_schedule(article=story, by=editor, at=datetime(2026, 4, 1, 8, 0, tzinfo=UTC))
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "Wed 1 Apr 2026, 09:00 BST" in page
    assert 'value="2026-04-01T09:00"' in page

    response = client.post(
        URL, {"kind": "publication", "target": story.pk, "operation": "move", "at": "2026-03-29T01:15"}
    )
    assert response.status_code == 400
    assert "does not exist in Europe/London: the clocks go forward" in response.content.decode()
    story.refresh_from_db()
    assert story.first_published_at == datetime(2026, 4, 1, 8, 0, tzinfo=UTC)

    response = client.post(
        URL, {"kind": "publication", "target": story.pk, "operation": "move", "at": "2026-03-29T02:15"}
    )
    assert response.status_code == 303
    story.refresh_from_db()
    assert story.first_published_at == datetime(2026, 3, 29, 1, 15, tzinfo=UTC)
