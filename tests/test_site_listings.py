"""Home, section, tag, reporter and "all stories" pages, with cursor pagination."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.listing import make_cursor

from .factories import ArticleFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story_at(hours_ago, **kwargs):
    when = timezone.now() - timedelta(hours=hours_ago)
    return ArticleFactory(published=True, first_published_at=when, updated_at=when, **kwargs)


def test_home_shows_pinned_top_stories_first_in_their_order(client):
    india = SectionFactory(name="India")
    latest = story_at(1, section=india, headline="Latest India story")
    second = story_at(5, section=india, headline="Second top story", top_story_position=2)
    lead = story_at(9, section=india, headline="Lead top story", top_story_position=1)
    html = client.get("/").content.decode()
    top = html.split('id="top-stories-heading"')[1].split("</section>")[0]
    assert top.index(lead.headline) < top.index(second.headline)
    assert latest.headline not in top
    assert latest.headline in html


def test_home_groups_the_latest_by_section(client, settings):
    settings.NEWSROOM_HOME_STORIES_PER_SECTION = 2
    india, world = SectionFactory(name="India", position=1), SectionFactory(name="World", position=2)
    india_stories = [story_at(h, section=india) for h in (1, 2, 3)]
    world_story = story_at(4, section=world)
    html = client.get("/").content.decode()
    assert html.index('id="section-india"') < html.index('id="section-world"')
    assert india_stories[0].headline in html and india_stories[1].headline in html
    assert india_stories[2].headline not in html
    assert world_story.headline in html


def test_home_never_shows_invisible_stories(client):
    ArticleFactory(headline="A draft")
    ArticleFactory(scheduled=True, headline="A scheduled story")
    ArticleFactory(unpublished=True, headline="An unpublished story")
    html = client.get("/").content.decode()
    assert "A draft" not in html and "A scheduled story" not in html and "An unpublished story" not in html


def test_section_page_lists_its_stories_newest_first(client):
    india = SectionFactory(name="India")
    older, newer = story_at(5, section=india), story_at(1, section=india)
    other = story_at(2)
    html = client.get(india.get_absolute_url()).content.decode()
    assert html.index(newer.headline) < html.index(older.headline)
    assert other.headline not in html


def test_tag_page_lists_tagged_stories(client):
    tagged = story_at(1, tag_names=["monsoon"])
    untagged = story_at(1)
    response = client.get("/tag/monsoon/")
    assert response.status_code == 200
    assert tagged.headline in response.content.decode()
    assert untagged.headline not in response.content.decode()


def test_reporter_page_shows_bio_and_their_stories(client):
    reporter = ReporterFactory(name="Asha Menon", bio="Asha covers civic affairs.", job_title="Senior Correspondent")
    theirs = story_at(1, reporters=[reporter])
    shared = story_at(2, reporters=[ReporterFactory(), reporter])
    not_theirs = story_at(3)
    html = client.get(reporter.get_absolute_url()).content.decode()
    assert "<h1>Asha Menon</h1>" in html and "Asha covers civic affairs." in html
    assert "Senior Correspondent" in html
    assert theirs.headline in html and shared.headline in html
    assert not_theirs.headline not in html


def test_unknown_section_tag_and_reporter_are_404(client):
    assert client.get("/section/nope/").status_code == 404
    assert client.get("/tag/nope/").status_code == 404
    assert client.get("/reporters/nope/").status_code == 404


def test_pages_follow_by_cursor_and_stay_stable_while_stories_arrive(client, settings):
    india = SectionFactory(name="India")
    stories = [story_at(hours, section=india) for hours in range(1, 46)]  # newest first
    first = client.get(india.get_absolute_url())
    page = first.context["cursor_page"]
    assert [s.pk for s in page.object_list] == [s.pk for s in stories[:20]]
    assert page.newer_cursor is None
    story_at(0, section=india, headline="Breaking while reading")
    second = client.get(india.get_absolute_url(), {"before": page.older_cursor})
    assert [s.pk for s in second.context["cursor_page"].object_list] == [s.pk for s in stories[20:40]]
    third = client.get(india.get_absolute_url(), {"before": second.context["cursor_page"].older_cursor})
    last_page = third.context["cursor_page"]
    assert [s.pk for s in last_page.object_list] == [s.pk for s in stories[40:]]
    assert last_page.older_cursor is None
    back = client.get(india.get_absolute_url(), {"after": last_page.newer_cursor})
    assert [s.pk for s in back.context["cursor_page"].object_list] == [s.pk for s in stories[20:40]]


def test_stories_published_at_the_same_instant_are_neither_lost_nor_repeated(client):
    india = SectionFactory(name="India")
    when = timezone.now() - timedelta(hours=1)
    same = [ArticleFactory(published=True, section=india, first_published_at=when, updated_at=when) for _ in range(25)]
    seen, cursor = [], None
    while True:
        response = client.get(india.get_absolute_url(), {"before": cursor} if cursor else {})
        page = response.context["cursor_page"]
        seen += [s.pk for s in page.object_list]
        cursor = page.older_cursor
        if not cursor:
            break
    assert sorted(seen) == sorted(s.pk for s in same)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    "query",
    [
        "before=junk",
        "before=1_",
        "before=_1",
        "after=12.5_3",
        "before=-99999999999999999_1",
        "before=1_9999999999999999999",
        "before=1_2&after=1_2",
    ],
)
def test_invalid_cursor_is_a_400_not_a_500(client, query):
    story_at(1)
    response = client.get(f"/latest/?{query}")
    assert response.status_code == 400


def test_cursor_encodes_time_and_id():
    story = story_at(1)
    micros, pk = make_cursor(story).split("_")
    assert int(pk) == story.pk
    assert int(micros) == int(story.first_published_at.timestamp() * 1_000_000)


def test_changed_slug_answers_301_to_the_new_address(client):
    story = story_at(1, headline="Old headline")
    old_url = story.get_absolute_url()
    story.slug = "new-headline"
    story.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/story/new-headline/"
    assert client.get("/story/new-headline/").status_code == 200


def test_slug_changed_twice_redirects_both_old_addresses_and_can_change_back(client):
    story = story_at(1, slug="first")
    story.slug = "second"
    story.save()
    story.slug = "third"
    story.save()
    assert client.get("/story/first/")["Location"] == "/story/third/"
    assert client.get("/story/second/")["Location"] == "/story/third/"
    story.slug = "first"
    story.save()
    assert client.get("/story/first/").status_code == 200
    assert client.get("/story/third/")["Location"] == "/story/first/"


def test_old_slug_of_an_unpublished_story_is_404(client, editor):
    story = story_at(1, slug="old-one")
    story.slug = "new-one"
    story.save()
    story.status = "unpublished"
    story.save()
    assert client.get("/story/old-one/").status_code == 404


def test_404_page_is_in_site_style(client):
    response = client.get("/story/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'class="skip-link"' in html


@pytest.mark.parametrize("url", ["/", "/latest/", "/section/india/"])
def test_page_numbers_are_refused_on_cursor_listings(client, url):
    SectionFactory(name="India")
    assert client.get(url, {"page": "2"}).status_code == 400
    assert client.get(url, {"page": "1"}).status_code == 200
