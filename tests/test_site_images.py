"""Lead images get responsive WebP renditions, made once and then served from the cache."""

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.demo.images import demo_image
from articles.images import lead_image_renditions

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(settings):
    story = ArticleFactory(published=True, lead_image_alt="Cyclists on a new lane")
    story.lead_image.save("lane.jpg", ContentFile(demo_image("india", "Lane", size=(1600, 900))), save=True)
    return story


def test_renditions_are_webp_in_several_widths_never_wider_than_the_original(story, settings):
    renditions = lead_image_renditions(story)
    widths = [r["width"] for r in renditions]
    assert len(widths) >= 3 and widths == sorted(widths) and max(widths) <= 1600
    for rendition in renditions:
        assert rendition["mime"] == "image/webp"
        path = settings.MEDIA_ROOT / rendition["url"].removeprefix(settings.MEDIA_URL)
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition["width"], rendition["height"])


def test_renditions_are_made_once(story, django_assert_max_num_queries, settings):
    lead_image_renditions(story)
    files = sorted(p.name for p in (settings.MEDIA_ROOT / "cache").rglob("*.webp"))
    with django_assert_max_num_queries(0):
        again = lead_image_renditions(story)
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "cache").rglob("*.webp")) == files
    assert again == lead_image_renditions(story)


def test_story_without_image_has_no_renditions():
    assert lead_image_renditions(ArticleFactory(published=True)) == []


def test_missing_image_file_gives_no_renditions_rather_than_an_error():
    story = ArticleFactory.build(lead_image_width=800, lead_image_height=450)
    story.lead_image.name = "leads/gone.jpg"
    assert lead_image_renditions(story) == []


def test_story_page_uses_the_renditions(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'alt="Cyclists on a new lane"' in html
    assert ".webp 720w" in html or ".webp 719w" in html
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in html


def test_renditions_are_made_when_the_image_is_saved_and_kept_on_the_row(story):
    from articles.models import Article

    stored = Article.objects.get(pk=story.pk).lead_renditions
    assert stored["name"] == story.lead_image.name
    assert [r["width"] for r in stored["renditions"]] == [r["width"] for r in lead_image_renditions(story)]


def test_stories_from_bulk_imports_get_renditions_on_first_view_only(story, django_assert_max_num_queries):
    from articles.models import Article

    Article.objects.filter(pk=story.pk).update(lead_renditions={})
    fresh = Article.objects.get(pk=story.pk)
    assert lead_image_renditions(fresh)
    again = Article.objects.get(pk=story.pk)
    with django_assert_max_num_queries(0):
        assert lead_image_renditions(again) == lead_image_renditions(fresh)


def test_listing_pictures_below_the_fold_load_lazily(client, story):
    import re

    second = ArticleFactory(published=True, top_story_position=2)
    second.lead_image.save("second.jpg", ContentFile(demo_image("india", "Two")), save=True)
    story.top_story_position = 1
    story.save()
    html = client.get("/").content.decode()
    images = re.findall(r'<a class="story-card__image"[^>]*><img [^>]+></a>', html)
    assert len(images) == 2
    assert 'loading="lazy"' not in images[0]
    assert 'loading="lazy"' in images[1]
    assert all('width="' in image and 'height="' in image and "srcset=" in image for image in images)


def test_listing_with_pictures_runs_no_extra_queries(client, story, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/latest/")
    for n in range(5):
        extra = ArticleFactory(published=True)
        extra.lead_image.save(f"extra{n}.jpg", ContentFile(demo_image("india", str(n))), save=True)
    from articles.cache import invalidate_pages

    invalidate_pages()
    with django_assert_max_num_queries(len(one)):
        client.get("/latest/")
