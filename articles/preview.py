"""
Previews: a story (or one of its revisions) rendered exactly as readers
will see it, through ``articles.views.render_story`` with ``preview=True``
(noindex, private, no-store).

Logged-in staff preview from the admin; anyone else needs a share link,
signed with ``TimestampSigner`` and valid for ``PREVIEW_LINK_MAX_AGE``
seconds. A token names the story and optionally a revision, nothing else.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import Article, ArticleRevision
from .revisions import article_restore_snapshot
from .views import render_story

SALT = "articles.preview"


def preview_token(*, article, revision=None):
    return signing.TimestampSigner(salt=SALT).sign_object({"a": article.pk, "r": revision.pk if revision else None})


def preview_share_url(*, article, revision=None):
    return reverse("shared_preview", kwargs={"token": preview_token(article=article, revision=revision)})


def render_preview(request, article, revision=None):
    """
    The reader's page for ``article`` or, with ``revision``, for the story as
    that revision would make it.

    A revision is applied inside a transaction that is rolled back once the
    page is rendered, so byline, tags and READ links come out exactly as they
    would, and nothing is saved.
    """
    if revision is None:
        return render_story(request, article, preview=True)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        article_restore_snapshot(article, revision.content)
        response = render_story(request, article, preview=True)
        transaction.set_rollback(True)
    return response


def _refusal(message, status):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, token):
    """The page behind a share link; no login needed, the signature is the permission."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return _refusal("This preview link has expired. Ask the desk for a new one.", 410)
    except signing.BadSignature:
        return _refusal("This preview link is not valid.", 404)
    article = get_object_or_404(Article.objects.outside_trash().with_byline(), pk=data.get("a"))
    revision = None
    if data.get("r"):
        revision = get_object_or_404(ArticleRevision, pk=data["r"], article=article)
    return render_preview(request, article, revision)
