"""``run_scheduler --once`` applies everything overdue, each action once, and nothing early."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from articles import workflow
from articles.models import ArticleTransition
from articles.revisions import article_snapshot

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 4, 30, tzinfo=UTC)


def test_once_applies_everything_overdue_and_nothing_else(editor, time_machine):
    time_machine.move_to(NOW, tick=False)
    due, later = ArticleFactory(in_review=True), ArticleFactory(in_review=True)
    workflow.article_schedule(article=due, by=editor, at=NOW + timedelta(minutes=5))
    workflow.article_schedule(article=later, by=editor, at=NOW + timedelta(hours=5))
    live = ArticleFactory(published=True)
    workflow.revision_schedule(
        article=live,
        content={**article_snapshot(live), "headline": "Rewritten"},
        go_live_at=NOW + timedelta(minutes=1),
        by=editor,
    )
    expiring = ArticleFactory(published=True)
    workflow.article_set_expiry(article=expiring, by=editor, at=NOW + timedelta(minutes=2))

    time_machine.move_to(NOW + timedelta(minutes=10), tick=False)
    call_command("run_scheduler", "--once", verbosity=0)
    call_command("run_scheduler", "--once", verbosity=0)  # a second run finds nothing left to do

    for story in (due, later, live, expiring):
        story.refresh_from_db()
    assert (due.status, later.status) == ("published", "scheduled")
    assert live.headline == "Rewritten"
    assert expiring.status == "unpublished"
    assert ArticleTransition.objects.filter(by=None).count() == 2  # go-live and expiry, once each


def test_once_logs_each_action(editor, time_machine, caplog):
    time_machine.move_to(NOW, tick=False)
    story = ArticleFactory(in_review=True, headline="Budget day")
    workflow.article_schedule(article=story, by=editor, at=NOW + timedelta(seconds=1))
    time_machine.move_to(NOW + timedelta(seconds=1), tick=False)
    with caplog.at_level("INFO", logger="articles.scheduler"):
        call_command("run_scheduler", "--once", verbosity=0)
    assert "published “Budget day”" in caplog.text


@pytest.mark.parametrize("interval", ["0", "5"])
def test_polling_interval_is_capped_so_actions_run_within_seconds(interval):
    with pytest.raises(CommandError, match="--interval"):
        call_command("run_scheduler", "--interval", interval)
