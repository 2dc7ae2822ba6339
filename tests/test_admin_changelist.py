"""
The story list in the admin: the desk's columns, filters and search, a
"My stories" view, and a fixed number of queries however many stories.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory, ReporterFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def listed(response):
    return {article.headline for article in response.context["cl"].result_list}


def test_list_shows_the_desk_columns(client, editor):
    reporter = ReporterFactory(name="Asha Rao")
    ArticleFactory(
        scheduled=True, headline="Budget at noon", reporters=[reporter], section=SectionFactory(name="Money")
    )
    client.force_login(editor)

    page = client.get(CHANGELIST).content.decode()

    for text in ["Budget at noon", "Scheduled", "Money", "Asha Rao", "Scheduled for", "First published", "Updated"]:
        assert text.lower() in page.lower()


def test_empty_cells_show_one_kind_of_dash(client, editor):
    ArticleFactory(published=True, headline="Budget at noon")
    client.force_login(editor)

    page = client.get(CHANGELIST).content.decode()

    assert '<td class="field-pending_read_links">—</td>' in page
    assert '<td class="field-updated">—</td>' in page
    assert ">-</td>" not in page


def test_list_query_count_does_not_grow_with_stories(client, editor, django_assert_max_num_queries):
    reporters = ReporterFactory.create_batch(3)
    for number in range(30):
        ArticleFactory(
            published=number % 2 == 0,
            reporters=reporters[: 1 + number % 3],
            tag_names=["politics", f"tag{number}"],
        )
    client.force_login(editor)

    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 30


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "published"}, {"Live story"}),
        ({"section__id__exact": "SECTION"}, {"Sports story"}),
        ({"reporter": "REPORTER"}, {"Live story"}),
        ({"tag": "elections"}, {"Draft story"}),
        ({"q": "Sports"}, {"Sports story"}),
    ],
)
def test_filters_and_search(client, editor, query, expected):
    sports = SectionFactory(name="Sports")
    reporter = ReporterFactory()
    ArticleFactory(published=True, headline="Live story", reporters=[reporter])
    ArticleFactory(headline="Draft story", tag_names=["Elections"])
    ArticleFactory(headline="Sports story", section=sports)
    query = {key: {"SECTION": str(sports.pk), "REPORTER": str(reporter.pk)}.get(v, v) for key, v in query.items()}
    client.force_login(editor)

    assert listed(client.get(CHANGELIST, query)) == expected


def test_filter_by_first_published_date(client, editor):
    ArticleFactory(published=True, headline="Old news", first_published_at=timezone.now() - timedelta(days=400))
    ArticleFactory(published=True, headline="New news")
    client.force_login(editor)
    year = timezone.localtime(timezone.now()).year

    response = client.get(CHANGELIST)
    past_week = next(c for c in _filter_choices(response, "first published") if c["display"] == "Past 7 days")
    assert listed(client.get(CHANGELIST + past_week["query_string"])) == {"New news"}
    assert listed(client.get(CHANGELIST, {"first_published_at__year": year})) == {"New news"}


def test_tag_filter_offers_the_tags_of_the_latest_stories(client, editor, monkeypatch):
    from articles.admin import TagFilter

    monkeypatch.setattr(TagFilter, "recent_stories", 3)
    ArticleFactory(headline="An older story", tag_names=["yesterday's news"])
    for _ in range(3):
        ArticleFactory(tag_names=["monsoon"])
    client.force_login(editor)

    choices = [choice["display"] for choice in _filter_choices(client.get(CHANGELIST), "tag")]
    assert "monsoon" in choices
    assert "yesterday's news" not in choices
    # Any tag can still be asked for by its address.
    assert listed(client.get(CHANGELIST, {"tag": "yesterdays-news"})) == {"An older story"}


def test_tag_filter_lists_the_most_used_tags_first_and_equals_by_name(client, editor, monkeypatch):
    from articles.admin import TagFilter

    monkeypatch.setattr(TagFilter, "most", 3)
    for tags in (["budget", "rain", "zinc"], ["budget", "alpha"], ["budget", "rain", "alpha"]):
        ArticleFactory(tag_names=tags)
    client.force_login(editor)

    choices = [choice["display"] for choice in _filter_choices(client.get(CHANGELIST), "tag")]
    assert choices == ["All", "budget", "alpha", "rain"]


def test_rows_carry_the_action_checkbox_django_renders_and_no_story_body(client, editor):
    from django.contrib import admin

    story = ArticleFactory(headline='Rain & "hail" <warning>')
    story_admin = admin.site._registry[Article]
    client.force_login(editor)

    response = client.get(CHANGELIST)

    djangos = admin.ModelAdmin.action_checkbox(story_admin, story)
    assert story_admin.action_checkbox(story) == djangos
    assert djangos in response.content.decode()
    # The list never shows a body, the largest part of a story's row.
    assert {"body", "search_vector"} <= response.context["cl"].result_list[0].get_deferred_fields()


def test_reporter_filter_offers_the_reporters_of_the_latest_stories(client, editor, monkeypatch):
    from articles.admin import ReporterFilter
    from authors.models import Reporter

    monkeypatch.setattr(ReporterFilter, "recent_stories", 3)
    quiet = ReporterFactory(name="Quiet Reporter")
    ArticleFactory(headline="An older story", reporters=[quiet])
    for name in ["Zoya Khan", "Arjun Rao", "Meera Iyer"]:
        ArticleFactory(reporters=[ReporterFactory(name=name)])
    client.force_login(editor)

    choices = [choice["display"] for choice in _filter_choices(client.get(CHANGELIST), "reporter")]
    assert choices == ["All", "Arjun Rao", "Meera Iyer", "Zoya Khan"]
    # Past the limit, the busiest are kept, whatever their names.
    monkeypatch.setattr(ReporterFilter, "most", 1)
    monkeypatch.setattr(ReporterFilter, "recent_stories", 4)
    ArticleFactory(reporters=[Reporter.objects.get(name="Zoya Khan")])  # her second of the latest four
    choices = [choice["display"] for choice in _filter_choices(client.get(CHANGELIST), "reporter")]
    assert choices == ["All", "Zoya Khan"]
    # Any reporter can still be asked for by their id.
    assert listed(client.get(CHANGELIST, {"reporter": str(quiet.pk)})) == {"An older story"}


def _filter_choices(response, title):
    spec = next(spec for spec in response.context["cl"].filter_specs if spec.title.startswith(title))
    return list(spec.choices(response.context["cl"]))


def test_long_lists_are_counted_only_up_to_a_bound(client, editor, monkeypatch):
    from articles import admin_pagination

    monkeypatch.setattr(admin_pagination, "EXACT_UP_TO", 5)
    for _ in range(12):
        ArticleFactory()
    client.force_login(editor)

    # Beyond the bound the total may be an estimate, but never fewer than the bound.
    assert client.get(CHANGELIST).context["cl"].result_count > 5
    monkeypatch.setattr(admin_pagination, "EXACT_UP_TO", 100)
    assert client.get(CHANGELIST).context["cl"].result_count == 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate comes from PostgreSQL's planner")
def test_long_lists_never_count_every_row(client, editor, monkeypatch):
    from articles import admin_pagination

    monkeypatch.setattr(admin_pagination, "EXACT_UP_TO", 5)
    for _ in range(12):
        ArticleFactory()
    client.force_login(editor)

    counts = [query["sql"] for query in _captured(client, CHANGELIST) if query["sql"].startswith("SELECT COUNT(")]
    assert counts and all("LIMIT 6" in sql for sql in counts)


def _captured(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries


def test_reporter_sees_only_their_own_stories(client, reporter_user):
    own = ReporterFactory(user=reporter_user)
    ArticleFactory(headline="Mine by creation", created_by=reporter_user)
    ArticleFactory(headline="Mine by byline", reporters=[own])
    ArticleFactory(headline="A colleague's", created_by=UserFactory(group="Reporter"))
    client.force_login(reporter_user)

    assert listed(client.get(CHANGELIST)) == {"Mine by creation", "Mine by byline"}


def test_my_stories_filter_for_editors(client, editor):
    ArticleFactory(headline="Editor's own", created_by=editor)
    ArticleFactory(headline="Someone else's")
    client.force_login(editor)

    assert listed(client.get(CHANGELIST)) == {"Editor's own", "Someone else's"}
    assert listed(client.get(CHANGELIST, {"mine": "1"})) == {"Editor's own"}


def test_no_full_table_count(client, editor):
    ArticleFactory()
    client.force_login(editor)

    response = client.get(CHANGELIST, {"status__exact": "draft"})

    assert response.context["cl"].show_full_result_count is False
    assert Article.objects.count() == 1


def test_no_facet_counts_over_the_archive(client, editor):
    ArticleFactory()
    client.force_login(editor)

    response = client.get(CHANGELIST, {"_facets": "True"})

    assert response.status_code == 200
    assert response.context["cl"].add_facets is False
    assert "Show counts" not in response.content.decode()
