from django import template
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleRevision

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_schedule(context, article):
    """
    What is scheduled for ``article``: its first publication, pending update
    and expiry (each None when there is none), for the change form's
    ``admin/articles/_pending_schedule.html``. The pending version's preview
    is the admin preview of that revision, unless the template context has a
    ``pending_update_preview_url``.
    """
    if article is None or article.pk is None:
        return {}
    now = timezone.now()
    update = (
        ArticleRevision.objects.filter(article=article, go_live_at__isnull=False, applied_at__isnull=True)
        .select_related("created_by")
        .first()
    )
    return {
        "publication": {"at": article.first_published_at, "by": article.scheduled_by}
        if article.status == Article.Status.SCHEDULED and article.first_published_at > now
        else None,
        "update": update,
        "update_is_held": bool(update and workflow.revision_is_stale(update, article)),
        "update_preview_url": context.get("pending_update_preview_url")
        or (update and pending_update_preview_url(update)),
        "expiry": {"at": article.expire_at, "by": article.expiry_set_by}
        if article.expire_at and article.expire_at > now and article.status in Article.LIVE_STATUSES
        else None,
    }


def pending_update_preview_url(revision):
    """The admin preview of the story as the pending ``revision`` would make it."""
    url = reverse("admin:articles_article_preview", args=[revision.article_id])
    return f"{url}?revision={revision.pk}"


@register.simple_tag
def pending_update_preview(revision):
    return pending_update_preview_url(revision)
