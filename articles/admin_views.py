"""
The story admin's extra pages: workflow buttons, revisions, preview and
presence. Each takes the ``ArticleAdmin`` so it finds stories through
``get_queryset`` (a reporter cannot reach someone else's story by URL) and
changes them only through ``articles.workflow`` and ``articles.revisions``.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from . import workflow
from .forms import WorkflowActionForm
from .models import Article, ArticleUpdate
from .presence import presence_beat, presence_leave
from .preview import preview_share_url, render_preview
from .revisions import article_snapshot, snapshot_diff_html
from .revisions import revision_restore as restore_revision

Status = Article.Status


def _story(model_admin, request, object_id):
    article = model_admin.get_object(request, object_id)
    if article is None:
        raise Http404("No such story, or not one of yours.")
    return article


def _local(at):
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M %Z}"


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# Workflow buttons: name -> (label, who may see it and when, how to call the workflow function).
def _available(user, article):
    """The buttons to offer; the workflow functions still decide (a stale page can offer a refused one)."""
    editor = workflow.can_publish(user)
    status = article.status
    offered = []
    if status == Status.DRAFT and workflow.can_edit(user, article):
        offered.append("submit")
    if editor:
        if status == Status.IN_REVIEW:
            offered.append("return")
        if Status.PUBLISHED in workflow.TRANSITIONS.get(status, ()):
            offered.append("publish")
        if status in (Status.DRAFT, Status.IN_REVIEW) and article.first_published_at is None:
            offered.append("schedule")
        if Status.UNPUBLISHED in workflow.TRANSITIONS.get(status, ()):
            offered.append("unpublish")
        if status == Status.PUBLISHED:
            offered.append("record_update")
    return offered


ACTIONS = {
    "submit": ("Submit for review", lambda a, by, d: workflow.article_submit(article=a, by=by, note=d["note"])),
    "return": ("Return to reporter", lambda a, by, d: workflow.article_return(article=a, by=by, note=d["note"])),
    "publish": ("Publish now", lambda a, by, d: workflow.article_publish(article=a, by=by, note=d["note"])),
    "schedule": ("Schedule", lambda a, by, d: _schedule(a, by, d)),
    "unpublish": ("Unpublish", lambda a, by, d: workflow.article_unpublish(article=a, by=by, note=d["note"])),
    "record_update": (
        "Mark as updated",
        lambda a, by, d: workflow.article_record_update(
            article=a, by=by, note=d["note"], kind=d["kind"] or ArticleUpdate.Kind.UPDATE
        ),
    ),
}

DONE = {
    "submit": "Submitted for review.",
    "return": "Returned to the reporter.",
    "publish": "Published.",
    "schedule": "Scheduled.",
    "unpublish": "Unpublished: readers can no longer see it.",
    "record_update": "Marked as updated.",
}


def _schedule(article, by, data):
    if data["at"] is None:
        raise ValidationError("Enter the date and time to publish at.", code="time_required")
    return workflow.article_schedule(article=article, by=by, at=data["at"], note=data["note"])


def workflow_action(model_admin, request, object_id, action):
    """POST from a workflow button: run the workflow function, report its refusal as a message."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in ACTIONS:
        raise Http404("No such workflow action.")
    article = _story(model_admin, request, object_id)
    form = WorkflowActionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label or field}: {' '.join(errors)}")
        return redirect(_change_url(article))
    try:
        ACTIONS[action][1](article, request.user, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, f"{ACTIONS[action][0]} refused: {' '.join(error.messages)}")
    else:
        messages.success(request, DONE[action])
    return redirect(_change_url(article))


def change_form_context(model_admin, request, article):
    pending = article.revisions.filter(go_live_at__isnull=False, applied_at__isnull=True).first()
    return {
        # For the scheduling partial (admin/articles/_pending_schedule.html).
        "pending_update_preview_url": (
            reverse("admin:articles_article_preview", args=[article.pk]) + f"?revision={pending.pk}"
            if pending
            else None
        ),
        "workflow_actions": [(name, ACTIONS[name][0]) for name in _available(request.user, article)],
        "workflow_form": WorkflowActionForm(),
        "also_editing": presence_beat(article_id=article.pk, user=request.user),
        "newsroom_time_zone": settings.TIME_ZONE,
    }


def presence(model_admin, request, object_id):
    """Heartbeat from an open change form; answers with the others who have the story open."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(model_admin, request, object_id)
    if request.POST.get("leave"):
        presence_leave(article_id=article.pk, user=request.user)
        return JsonResponse({"others": []})
    response = JsonResponse({"others": presence_beat(article_id=article.pk, user=request.user)})
    response["Cache-Control"] = "private, no-store"
    return response


def revision_list(model_admin, request, object_id):
    """A story's revisions, newest first, and the diff between the two chosen (default: the latest two)."""
    article = _story(model_admin, request, object_id)
    revisions = list(article.revisions.select_related("created_by")[:100])
    by_pk = {str(revision.pk): revision for revision in revisions}
    newer = by_pk.get(request.GET.get("b")) or (revisions[0] if revisions else None)
    older = by_pk.get(request.GET.get("a")) or (revisions[1] if len(revisions) > 1 else None)
    diff = None
    if older and newer:
        diff = snapshot_diff_html(
            older.content,
            newer.content,
            old_label=f"{_local(older.created_at)}, {older.created_by or 'unknown'}",
            new_label=f"{_local(newer.created_at)}, {newer.created_by or 'unknown'}",
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"Revisions of “{article}”",
        "revisions": revisions,
        "older": older,
        "newer": newer,
        "diff": diff,
        "unsaved_differs": bool(revisions) and revisions[0].content != article_snapshot(article),
        "can_restore": workflow.can_publish(request.user) and model_admin.has_change_permission(request, article),
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def revision_restore(model_admin, request, object_id, revision_id):
    """POST: an editor makes an earlier revision the story's content again, as a new revision."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(model_admin, request, object_id)
    if not (workflow.can_publish(request.user) and model_admin.has_change_permission(request, article)):
        raise PermissionDenied("Only editors can restore revisions.")
    revision = get_object_or_404(article.revisions, pk=revision_id)
    restore_revision(revision=revision, by=request.user)
    messages.success(request, f"Restored the version of {_local(revision.created_at)} as a new revision.")
    return redirect(_change_url(article))


def preview(model_admin, request, object_id):
    """The story (or ``?revision=<id>``) as readers would see it."""
    article = _story(model_admin, request, object_id)
    revision = None
    if request.GET.get("revision"):
        revision = get_object_or_404(article.revisions, pk=request.GET["revision"])
    return render_preview(request, article, revision)


def preview_share(model_admin, request, object_id):
    """POST: make a signed, expiring link to the preview for someone without a login."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(model_admin, request, object_id)
    revision = None
    if request.POST.get("revision"):
        revision = get_object_or_404(article.revisions, pk=request.POST["revision"])
    url = request.build_absolute_uri(preview_share_url(article=article, revision=revision))
    messages.success(request, f"Share this preview link (it expires; anyone with it can read the story): {url}")
    return redirect(_change_url(article))


def tag_suggestions(model_admin, request):
    """Existing tags starting with ``?q=``, most used first, for the tag field's suggestions."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    term = request.GET.get("q", "").strip()[:100]
    tags = []
    if term:
        tags = list(
            Tag.objects.filter(name__istartswith=term)
            .annotate(uses=Count("articles_taggedarticle_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:10]
        )
    response = JsonResponse({"tags": tags})
    response["Cache-Control"] = "private, no-store"
    return response
