"""
Nothing in the XSS corpus executes on any page that shows it.

Each payload goes into every plain-text and rich-text field a story touches
(headline, standfirst, body, image alt/caption/credit, source line, update
note, READ link title and address, reporter name/title/bio, section
name/description, tag name); then the public story, home, section, tag and
reporter pages, the search page (with the payload as the query) and the admin
change form, change list and preview are parsed like a browser would and checked by
``tests.xss.assert_no_xss``.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from PIL import Image

from articles.models import Article, ArticleUpdate, RelatedLink
from articles.sanitize import sanitize_body

from .factories import ArticleFactory, ReporterFactory, SectionFactory, UserFactory
from .xss import PAYLOADS, assert_no_xss, find_xss

pytestmark = pytest.mark.django_db


def test_the_corpus_has_at_least_a_hundred_payloads():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_checker_catches_what_it_should():
    # The check is only worth something if raw payloads trip it.
    for raw in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#100;ata:text/html,x">x</a>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<iframe srcdoc="x"></iframe>',
        '<div style="width: expression(alert(1))">x</div>',
    ]:
        assert find_xss(raw), raw
    assert not find_xss('<script type="application/ld+json">{"a": 1}</script><script src="/static/js/x.js"></script>')


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def fit(payload, field):
    return payload[: field.max_length] if field.max_length else payload


def story_full_of(payload):
    """A published story with ``payload`` in every field, and everything around it."""
    field = Article._meta.get_field
    section = SectionFactory(name=fit(payload, section_field("name")) or "x", description=payload)
    reporter = ReporterFactory(name=fit(payload, reporter_field("name")) or "x", job_title=payload[:120], bio=payload)
    story = ArticleFactory(
        published=True,
        section=section,
        headline=fit(payload, field("headline")),
        standfirst=fit(payload, field("standfirst")),
        body=f"<p>{payload}</p>{payload}",
        lead_image=SimpleUploadedFile("lead.png", PNG, content_type="image/png"),
        lead_image_alt=fit(payload, field("lead_image_alt")),
        lead_image_caption=fit(payload, field("lead_image_caption")),
        lead_image_credit=fit(payload, field("lead_image_credit")),
        source=fit(payload, field("source")),
        reporters=[reporter],
        tag_names=[payload[:100]],
    )
    ArticleUpdate.objects.create(article=story, note=payload)
    try:
        with transaction.atomic():
            RelatedLink.objects.create(article=story, title=payload[:250], url=payload[:500])
    except IntegrityError:
        # Only web addresses may be stored as READ links; anything else is refused.
        assert not payload.lower().startswith(("http://", "https://"))
        RelatedLink.objects.create(article=story, title=payload[:250])
    RelatedLink.objects.create(article=story, target=ArticleFactory(published=True, headline=payload[:250]))
    return story, section, reporter


def section_field(name):
    return SectionFactory._meta.model._meta.get_field(name)


def reporter_field(name):
    return ReporterFactory._meta.model._meta.get_field(name)


def public_pages(story, section, reporter):
    tag = story.tags.get()
    return {
        "story": story.get_absolute_url(),
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag_detail", args=[tag.slug]) if tag.slug else None,
        "reporter": reporter.get_absolute_url(),
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_does_not_execute_on_public_or_admin_pages(payload, client):
    story, section, reporter = story_full_of(payload)
    for name, url in public_pages(story, section, reporter).items():
        assert url, f"{name} page has no address for payload {payload!r}"
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        assert_no_xss(response.content.decode(), where=f"{name} page, payload {payload!r}")

    # Search echoes the reader's query back on the page.
    try:
        search = reverse("articles:search")
    except NoReverseMatch:
        search = None
    if search:
        response = client.get(search, {"q": payload})
        assert response.status_code < 500, "search"
        assert_no_xss(response.content.decode(), where=f"search page, payload {payload!r}")

    client.force_login(UserFactory(username="xss-admin", is_superuser=True))
    admin_pages = {
        "admin change form": reverse("admin:articles_article_change", args=[story.pk]),
        "admin change list": reverse("admin:articles_article_changelist"),
    }
    try:
        admin_pages["admin preview"] = reverse("admin:articles_article_preview", args=[story.pk])
    except NoReverseMatch:
        pass
    for name, url in admin_pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        assert_no_xss(response.content.decode(), where=f"{name}, payload {payload!r}")


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_sanitised_body_is_safe_on_its_own(payload):
    assert not find_xss(f"<div>{sanitize_body(payload)}</div>")
