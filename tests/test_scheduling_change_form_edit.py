"""
Scheduling a change-form edit as a pending update: the live story (text,
byline, tags) is untouched until the update goes live, then becomes exactly
the edit.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django import forms
from django.forms import inlineformset_factory

from articles import workflow
from articles.admin_schedule import schedule_edit_from_change_form
from articles.models import Article, Byline

from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


class StoryForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["headline", "slug", "standfirst", "body", "section", "tags"]


BylineFormSet = inlineformset_factory(Article, Byline, fields=["reporter", "position"], extra=1)


def test_the_edit_is_held_then_applied_exactly(editor, time_machine):
    time_machine.move_to(NOW, tick=False)
    first, second = ReporterFactory(name="A Writer"), ReporterFactory(name="B Writer")
    story = ArticleFactory(published=True, headline="Old", reporters=[first], tag_names=["old-tag"])
    version = story.version
    data = {
        "headline": "New",
        "slug": story.slug,
        "standfirst": "New standfirst.",
        "body": "<p>New body.</p><script>x</script>",
        "section": story.section_id,
        "tags": "new-tag",
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": story.bylines.get().pk,
        "bylines-0-reporter": first.pk,
        "bylines-0-position": "0",
        "bylines-1-reporter": second.pk,
        "bylines-1-position": "1",
    }
    form = StoryForm(data, instance=story)
    formset = BylineFormSet(data, instance=story, prefix="bylines")
    assert form.is_valid(), form.errors
    assert formset.is_valid(), formset.errors

    revision = schedule_edit_from_change_form(
        form=form,
        formsets=[formset],
        by=editor,
        go_live_at=NOW + timedelta(hours=1),
        is_real_update=True,
        update_note="Second reporter added.",
        base_version=version,
    )

    live = Article.objects.with_byline().get(pk=story.pk)
    assert (live.headline, live.version, live.reporters, live.tags.names()[0]) == ("Old", version, [first], "old-tag")
    assert revision.content["body"] == "<p>New body.</p>"  # sanitised as a save would

    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    workflow.apply_due()
    live = Article.objects.with_byline().get(pk=story.pk)
    assert (live.headline, live.standfirst, live.body) == ("New", "New standfirst.", "<p>New body.</p>")
    assert live.reporters == [first, second]
    assert list(live.tags.names()) == ["new-tag"]
    assert live.update_notes.get().note == "Second reporter added."
