"""The story page shows every part of a published story, in the sample's order."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles import workflow

from .factories import ArticleFactory, ArticleUpdateFactory, RelatedLinkFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
BODY = (
    "<p>US President Joe Biden’s administration is maintaining tough stance.</p>"
    "<p>Pentagon spokesperson, John Kirby, said, “Our position has not changed.”</p>"
    "<blockquote><p>Turkey is a long-standing and valued NATO ally.</p></blockquote>"
    "<h2>US-Turkey rift</h2>"
    "<p>According to AP, the purchase had strained ties.</p>"
    "<p>Turkey then also angered the US in October 2020.</p>"
    "<p>The sanctions deepened a rift between Washington and Ankara.</p>"
)


@pytest.fixture
def sample_story():
    world = SectionFactory(name="World")
    reporter = ReporterFactory(name="Bhavya Sukheja")
    story = ArticleFactory(
        published=True,
        headline="US maintains firm stance on Turkey's purchase of S-400 Russian missile system",
        standfirst="US President Joe Biden’s administration is maintaining tough stance against Turkey.",
        body=BODY,
        section=world,
        reporters=[reporter],
        tag_names=["Turkey", "S-400"],
        lead_image_credit="self",
        lead_image_caption="The S-400 system on parade.",
        first_published_at=datetime(2021, 2, 6, 16, 40, tzinfo=IST),
        updated_at=datetime(2021, 2, 6, 16, 40, tzinfo=IST),
    )
    RelatedLinkFactory(article=story, target__headline="Turkey Uighurs Fear Sellout To China", after_paragraph=2)
    return story


def positions(html, *needles):
    return [html.index(needle) for needle in needles]


def test_story_page_shows_parts_in_sample_order(client, sample_story):
    html = client.get(sample_story.get_absolute_url()).content.decode()
    found = positions(
        html,
        '<p class="story__section"><a href="/section/world/">World</a>',
        "<h1>US maintains firm stance on Turkey&#x27;s purchase",
        "maintaining tough stance against Turkey.</p>",
        'Reported by: <a href="/reporters/bhavya-sukheja/"',
        "Published <time",
        "<h2>US-Turkey rift</h2>",
        'rel="tag">Turkey</a>',
    )
    assert found == sorted(found)


def test_published_time_reads_like_the_sample_and_is_machine_readable(client, sample_story):
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert 'Published <time datetime="2021-02-06T16:40:00+05:30">February 6th, 2021 at 16:40 IST</time>' in html
    assert "Updated" not in html.split("story__times")[1].split("</p>")[0]


def test_updated_time_shown_when_it_differs(client, sample_story, editor):
    workflow.article_record_update(
        article=sample_story, by=editor, at=datetime(2021, 2, 7, 9, 5, tzinfo=IST), note="Adds Kirby's remarks."
    )
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert 'Updated <time datetime="2021-02-07T09:05:00+05:30">February 7th, 2021 at 09:05 IST</time>' in html
    assert "Adds Kirby&#x27;s remarks." in html


def test_byline_links_every_reporter_in_order(client):
    story = ArticleFactory(
        published=True, reporters=[ReporterFactory(name="Asha Menon"), ReporterFactory(name="Rohan Kulkarni")]
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert re.search(r"Reported by: <a [^>]*>Asha Menon</a> and <a [^>]*>Rohan Kulkarni</a>", html)


def test_tags_keep_the_order_they_were_given_on_the_page_in_feeds_and_the_api(client):
    # The tags exist already, made in another order, so neither their ids
    # nor their names give the story's order.
    ArticleFactory(tag_names=["mango season"]).tags.add("apple harvest", "zebra crossing")
    story = ArticleFactory(published=True)
    for name in ["zebra crossing", "apple harvest", "mango season"]:  # one at a time: taggit adds a set
        story.tags.add(name)
    page = client.get(story.get_absolute_url()).content.decode()
    assert re.findall(r'rel="tag">([^<]+)<', page) == ["zebra crossing", "apple harvest", "mango season"]
    feed = client.get("/feeds/rss/").content.decode()
    assert re.findall(r"<category>([^<]+)</category>", feed) == ["zebra crossing", "apple harvest", "mango season"]
    api = client.get(f"/api/stories/{story.slug}").json()
    assert [subject["name"] for subject in api["subject"]] == ["zebra crossing", "apple harvest", "mango season"]


def test_read_link_is_its_own_line_with_the_target_headline(client, sample_story):
    html = client.get(sample_story.get_absolute_url()).content.decode()
    line = r'<p class="read-link">READ: <a href="/story/[^"]+/">Turkey Uighurs Fear Sellout To China</a></p>'
    assert re.search(line, html)
    # Editor placed it after the second paragraph: before the quote.
    assert html.index("READ: ") < html.index("<blockquote>")


def test_link_to_a_story_later_unpublished_disappears(client, sample_story, editor, django_capture_on_commit_callbacks):
    target = sample_story.read_links.get().target
    assert "Turkey Uighurs Fear Sellout" in client.get(sample_story.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_unpublish(article=target, by=editor)
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert "Turkey Uighurs Fear Sellout" not in html
    assert "READ:" not in html


def test_outside_link_uses_its_title_and_pending_link_never_renders(client, sample_story):
    RelatedLinkFactory(article=sample_story, target=None, url="https://example.org/report", title="The full report")
    RelatedLinkFactory(article=sample_story, target=None, url="", title="A story not imported yet")
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert 'READ: <a href="https://example.org/report">The full report</a>' in html
    assert "A story not imported yet" not in html


def test_advertisement_slots_follow_configured_paragraphs(client, settings, sample_story):
    settings.NEWSROOM_AD_SLOTS_AFTER = [3]
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert html.count('class="ad-slot"') == 1
    assert html.index("the purchase had strained ties") < html.index("Advertisement") < html.index("angered the US")


def test_update_and_correction_notes_are_shown(client, sample_story):
    ArticleUpdateFactory(article=sample_story, kind="correction", note="An earlier version misnamed the system.")
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert "<strong>Correction</strong>" in html
    assert "An earlier version misnamed the system." in html


def give_lead_image(story):
    from django.core.files.base import ContentFile

    from articles.demo.images import demo_image

    story.lead_image.save("s400.jpg", ContentFile(demo_image("world", "S-400", size=(1600, 900))), save=True)


def test_lead_image_has_caption_and_credit(client, sample_story):
    give_lead_image(sample_story)
    html = client.get(sample_story.get_absolute_url()).content.decode()
    # As in the sample: "caption | Image: credit". The bar is kept from
    # screen readers; the space after it is not, so they don't run together.
    assert (
        'The S-400 system on parade.<span class="credit-separator" aria-hidden="true"> |</span> '
        '<span class="credit">Image: self</span>'
    ) in html
    assert re.search(r'srcset="[^"]+\.webp \d+w, [^"]+\.webp \d+w', html)
    assert re.search(r'<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" width="\d+" height="\d+"', html)


def test_a_credit_without_a_caption_has_no_separator(client, sample_story):
    sample_story.lead_image_caption = ""
    give_lead_image(sample_story)
    html = client.get(sample_story.get_absolute_url()).content.decode()
    assert '<figcaption><span class="credit">Image: self</span></figcaption>' in html
    assert "credit-separator" not in html


def test_unpublished_and_draft_stories_are_not_found(client):
    assert client.get(ArticleFactory().get_absolute_url()).status_code == 404
    assert client.get(ArticleFactory(unpublished=True).get_absolute_url()).status_code == 404
    assert client.get(ArticleFactory(scheduled=True).get_absolute_url()).status_code == 404


def test_render_story_works_for_an_unsaved_preview(rf):
    from articles.views import render_story

    section = SectionFactory(name="India")
    story = ArticleFactory.build(headline="Draft headline", section=section, body="<p>One.</p><p>Two.</p>")
    response = render_story(rf.get("/preview/"), story, preview=True)
    html = response.content.decode()
    assert "<h1>Draft headline</h1>" in html
    assert response["Cache-Control"] == "private, no-store"
    assert 'name="robots" content="noindex, nofollow"' in html
