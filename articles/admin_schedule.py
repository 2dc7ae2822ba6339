"""
The editors' Schedule page: everything upcoming in time order, with who
scheduled it, and forms to move or cancel each item.

Times are typed in the newsroom's zone (``settings.TIME_ZONE``) and stored
in UTC; ``NewsroomDateTimeField`` explains a time that falls in a daylight
saving gap or overlap instead of guessing. The forms only call functions in
``articles.workflow``.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from . import workflow
from .models import Article, ArticleRevision


class NewsroomDateTimeField(forms.DateTimeField):
    """
    A time typed in the newsroom's zone, returned as an aware datetime.

    Django would reject a time in a daylight saving gap or overlap with a
    generic message; editors get told which it is and what to do.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            for attempt in (value.strip(), value.strip().replace(" ", "T")):
                try:
                    naive = datetime.fromisoformat(attempt)
                except ValueError:
                    continue
                if naive.tzinfo is None:
                    check_wall_time(naive, timezone.get_current_timezone())
                break
        return super().to_python(value)


def check_wall_time(naive, zone):
    """Refuse a wall-clock time that does not exist, or exists twice, in ``zone``."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return
    shown = naive.strftime("%H:%M on %d %b %Y")
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            f"{shown} does not exist in {zone}: the clocks go forward then. Choose a time outside the skipped hour.",
            code="nonexistent_time",
        )
    raise ValidationError(
        f"{shown} happens twice in {zone}: the clocks go back then. Choose a time outside the repeated hour.",
        code="ambiguous_time",
    )


class ScheduleChangeForm(forms.Form):
    """Move or cancel one item on the Schedule page."""

    KINDS = ["publication", "update", "expiry"]

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    target = forms.IntegerField(min_value=1)
    operation = forms.ChoiceField(choices=[("move", "Change time"), ("cancel", "Cancel")])
    at = NewsroomDateTimeField(label="new time", required=False)

    def clean(self):
        data = super().clean()
        if data.get("operation") == "move" and not data.get("at"):
            self.add_error("at", "Give the new time.")
        return data


@dataclass
class ScheduleEntry:
    """One upcoming action, as the Schedule page lists it."""

    kind: str
    at: datetime
    article: Article
    scheduled_by: object
    target: int
    revision: ArticleRevision | None = None
    is_held: bool = False

    @property
    def label(self):
        return {"publication": "First publication", "update": "Update", "expiry": "Expiry"}[self.kind]


def upcoming_schedule(now=None):
    """Everything still to happen (and held updates), in time order, in three queries."""
    now = now or timezone.now()
    entries = [
        ScheduleEntry("publication", story.first_published_at, story, story.scheduled_by, story.pk)
        for story in Article.objects.outside_trash()
        .filter(status=Article.Status.SCHEDULED, first_published_at__gt=now)
        .select_related("section", "scheduled_by")
        .order_by()
    ]
    entries += [
        ScheduleEntry(
            "update",
            revision.go_live_at,
            revision.article,
            revision.created_by,
            revision.pk,
            revision=revision,
            is_held=workflow.revision_is_stale(revision),
        )
        for revision in ArticleRevision.objects.filter(
            go_live_at__isnull=False, applied_at__isnull=True, article__trashed_at__isnull=True
        )
        .select_related("article__section", "created_by")
        .order_by()
    ]
    entries += [
        ScheduleEntry("expiry", story.expire_at, story, story.expiry_set_by, story.pk)
        for story in Article.objects.outside_trash()
        .filter(status__in=Article.LIVE_STATUSES, expire_at__gt=now)
        .select_related("section", "expiry_set_by")
        .order_by()
    ]
    # Held updates first: they need an editor; then everything by time.
    return sorted(entries, key=lambda entry: (not entry.is_held, entry.at, entry.kind, entry.target))


def apply_schedule_change(*, data, by):
    """Carry out a valid ``ScheduleChangeForm`` through the workflow; return a message for the editor."""
    kind, operation, at = data["kind"], data["operation"], data.get("at")
    if kind == "update":
        revision = get_object_or_404(ArticleRevision.objects.select_related("article"), pk=data["target"])
        if operation == "move":
            workflow.revision_reschedule(revision=revision, by=by, go_live_at=at)
            return f"The update to “{revision.article}” now goes live at {workflow.local_time_label(at)}."
        workflow.revision_cancel(revision=revision, by=by)
        return f"The update to “{revision.article}” is cancelled; the edited version is kept as a revision."
    article = get_object_or_404(Article, pk=data["target"])
    if kind == "publication":
        if operation == "move":
            workflow.article_reschedule(article=article, by=by, at=at)
            return f"“{article}” will now be published at {workflow.local_time_label(at)}."
        workflow.article_cancel_schedule(article=article, by=by)
        return f"“{article}” is no longer scheduled; it is back in review."
    if operation == "move":
        workflow.article_set_expiry(article=article, by=by, at=at)
        return f"“{article}” now expires at {workflow.local_time_label(at)}."
    workflow.article_clear_expiry(article=article, by=by)
    return f"“{article}” no longer expires."


def schedule_view(request):
    if not workflow.can_publish(request.user):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ScheduleChangeForm(request.POST)
        if form.is_valid():
            try:
                message = apply_schedule_change(data=form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(reverse("admin_schedule"), status=303)
        status = 400
    else:
        form = None
    context = {
        **admin.site.each_context(request),
        "title": "Schedule",
        "entries": upcoming_schedule(),
        "form": form,
        "time_zone": timezone.get_current_timezone_name(),
    }
    return TemplateResponse(request, "admin/articles/schedule.html", context, status=status)


def schedule_edit_from_change_form(*, form, formsets, by, go_live_at, **options):
    """
    Hold the change form's edit as a pending update instead of saving it.

    ``form`` is the story's bound, valid ModelForm and ``formsets`` its
    valid inline formsets (byline, READ links). The edit is saved inside a
    savepoint, snapshotted and rolled back, so readers keep the live version
    until ``go_live_at``. ``options`` go to ``workflow.revision_schedule``
    (``is_real_update``, ``update_note``, ``update_kind``, ``base_version``,
    ``summary``). Raises ``ValidationError`` (with a code) if refused.
    Update notes typed into the inline are not part of a story's content
    and are not kept; use ``update_note``.
    """

    def save_edit():
        article = form.save(commit=False)
        article.save()
        form.save_m2m()
        for formset in formsets:
            formset.instance = article
            formset.save()

    return workflow.revision_schedule_edit(
        article=form.instance, apply_edit=save_edit, go_live_at=go_live_at, by=by, **options
    )
