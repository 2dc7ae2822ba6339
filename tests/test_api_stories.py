"""/api/stories and /api/stories/{slug}: only what readers may see, with ninjs-named fields and working filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, RelatedLink

from .factories import ArticleFactory, ArticleUpdateFactory, RelatedLinkFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


@pytest.fixture
def hidden_stories():
    """One story in every state readers must not see."""
    now = timezone.now()
    return [
        ArticleFactory(headline="Draft story"),
        ArticleFactory(headline="Story in review", in_review=True),
        ArticleFactory(headline="Embargoed story", scheduled=True),
        ArticleFactory(headline="Unpublished story", unpublished=True),
        ArticleFactory(headline="Expired story", published=True, expire_at=now - timedelta(minutes=1)),
    ]


def test_only_published_stories_are_listed_and_embargoed_drafts_and_expired_never(client, hidden_stories):
    visible = ArticleFactory(published=True)
    assert slugs(client.get("/api/stories")) == [visible.slug]


def test_hidden_stories_have_no_detail(client, hidden_stories):
    for story in hidden_stories:
        response = client.get(f"/api/stories/{story.slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_an_embargoed_story_appears_exactly_at_its_time(client, time_machine):
    story = ArticleFactory(scheduled=True)
    time_machine.move_to(story.first_published_at - timedelta(seconds=1), tick=False)
    assert slugs(client.get("/api/stories")) == []
    assert client.get(f"/api/stories/{story.slug}").status_code == 404
    time_machine.move_to(story.first_published_at, tick=False)
    assert slugs(client.get("/api/stories")) == [story.slug]
    assert client.get(f"/api/stories/{story.slug}").status_code == 200


def test_stories_are_newest_first(client):
    now = timezone.now()
    old = ArticleFactory(published=True, first_published_at=now - timedelta(days=2), updated_at=now - timedelta(days=2))
    new = ArticleFactory(published=True)
    assert slugs(client.get("/api/stories")) == [new.slug, old.slug]


def test_detail_uses_ninjs_names_for_every_part_of_the_story(client):
    asha, ravi = ReporterFactory(name="Asha Menon"), ReporterFactory(name="Ravi Kumar")
    story = ArticleFactory(
        published=True,
        headline="Monsoon reaches Kerala",
        standfirst="Two days early.",
        body="<p>Rain.</p><h2>Farmers</h2><p>Relief.</p>",
        reporters=[asha, ravi],
        tag_names=["monsoon"],
    )
    ArticleUpdateFactory(article=story, note="Adds the weather office's forecast.")
    data = client.get(f"/api/stories/{story.slug}").json()
    assert data["uri"].endswith(f"/story/{story.slug}/")
    assert data["type"] == "text" and data["representationtype"] == "full"
    assert data["headline"] == "Monsoon reaches Kerala"
    assert data["descriptions"] == [{"role": "summary", "contenttype": "text/plain", "value": "Two days early."}]
    assert data["by"] == "Asha Menon and Ravi Kumar"
    assert [b["byline"] for b in data["bylines"]] == ["Asha Menon", "Ravi Kumar"]
    assert data["body_html"] == "<p>Rain.</p><h2>Farmers</h2><p>Relief.</p>"
    assert [s["name"] for s in data["subject"]] == ["monsoon"]
    assert data["firstcreated"] and data["versioncreated"]
    assert data["update_notes"][0]["note"] == "Adds the weather office's forecast."
    assert data["section"]["slug"] == story.section.slug


def test_read_links_show_only_visible_stories_and_outside_pages_never_pending_ones(client):
    story = ArticleFactory(published=True)
    visible = RelatedLinkFactory(article=story, after_paragraph=1, position=0)
    RelatedLinkFactory(article=story, target=ArticleFactory(scheduled=True), position=1)
    RelatedLinkFactory(article=story, target=ArticleFactory(), position=2)
    RelatedLink.objects.create(article=story, title="Not written yet", position=3)
    RelatedLink.objects.create(article=story, url="https://example.org/report", title="The report", position=4)
    links = client.get(f"/api/stories/{story.slug}").json()["read_links"]
    assert links == [
        {"headline": visible.target.headline, "uri": links[0]["uri"], "after_paragraph": 1},
        {"headline": "The report", "uri": "https://example.org/report", "after_paragraph": None},
    ]
    assert links[0]["uri"].endswith(visible.target.get_absolute_url())


def test_lead_image_is_an_association_with_its_credit_and_a_rendition(client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    path = tmp_path / "lead.png"
    Image.new("RGB", (64, 48), "navy").save(path)
    story = ArticleFactory(published=True, lead_image_credit="PTI", lead_image_alt="A navy square")
    story.lead_image.save("lead.png", SimpleUploadedFile("lead.png", path.read_bytes()), save=True)
    (image,) = client.get(f"/api/stories/{story.slug}").json()["associations"]
    assert image["name"] == "featureimage" and image["type"] == "picture" and image["by"] == "PTI"
    assert image["renditions"][-1]["width"] <= 64
    assert all(r["href"].startswith("http") for r in image["renditions"])


@pytest.mark.parametrize("kind", ["section", "tag", "reporter"])
def test_filters_by_section_tag_and_reporter(client, kind):
    reporter = ReporterFactory(name="Meera Shah")
    match = ArticleFactory(
        published=True, section=SectionFactory(name="Sport"), tag_names=["cricket"], reporters=[reporter]
    )
    ArticleFactory(published=True, tag_names=["politics"], reporters=[ReporterFactory()])
    value = {"section": "sport", "tag": "cricket", "reporter": reporter.slug}[kind]
    assert slugs(client.get("/api/stories", {kind: value})) == [match.slug]
    assert slugs(client.get("/api/stories", {kind: "no-such-thing"})) == []


def test_updated_since_finds_stories_published_or_updated_after_the_time(client):
    now = timezone.now()
    week_ago = now - timedelta(days=7)
    ArticleFactory(published=True, first_published_at=week_ago, updated_at=week_ago)
    updated = ArticleFactory(published=True, first_published_at=week_ago, updated_at=now - timedelta(hours=1))
    fresh = ArticleFactory(published=True)
    since = (now - timedelta(days=1)).isoformat()
    assert slugs(client.get("/api/stories", {"updated_since": since})) == [fresh.slug, updated.slug]


def test_updated_since_without_a_zone_is_newsroom_time(client, settings):
    story = ArticleFactory(published=True)
    local = timezone.localtime(story.first_published_at).replace(tzinfo=None)
    assert slugs(client.get("/api/stories", {"updated_since": local.isoformat()})) == [story.slug]
    later = (local + timedelta(seconds=1)).isoformat()
    assert slugs(client.get("/api/stories", {"updated_since": later})) == []


def test_a_story_with_several_matching_tags_is_listed_once(client):
    story = ArticleFactory(published=True, tag_names=["a", "b"], reporters=[ReporterFactory(), ReporterFactory()])
    assert Article.objects.count() == 1
    assert slugs(client.get("/api/stories")) == [story.slug]
