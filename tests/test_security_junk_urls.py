"""
Junk in public URLs gets a 4xx, never a 500 and never a file from outside the site.

Every page that exists (and feeds, search, sitemaps and the API where they
have been built: their URL names are looked up and skipped when absent) is
requested with bad and huge page numbers, long and binary query strings;
unknown slugs, path traversal, overlong paths and invalid UTF-8 are tried
against the whole site.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from .factories import ArticleFactory, ReporterFactory

pytestmark = pytest.mark.django_db

# URL names of pages built on other branches; each is tried if it exists.
OPTIONAL_PAGES = [
    "articles:latest",
    "articles:search",
    "articles:feed_rss",
    "articles:feed_atom",
    "sitemap_index",
    "news_sitemap",
    "robots_txt",
    "api:api-root",
    "api:openapi-json",
    "api:story_list",
    "api:section_list",
    "api:reporter_list",
    "api:tag_list",
]
# The same for pages addressed by a section, tag or reporter slug.
OPTIONAL_SLUG_PAGES = {
    "articles:section_feed_rss": "section",
    "articles:section_feed_atom": "section",
    "articles:tag_feed_rss": "tag",
    "articles:tag_feed_atom": "tag",
    "articles:reporter_feed_rss": "reporter",
    "articles:reporter_feed_atom": "reporter",
    "api:story_detail": "story",
}

BAD_CURSORS = [
    "before=abc",
    "after=abc",
    "before=-1",
    "after=-99999999999999999_1",
    "before=1_1999999999999999999",
    "before=%ff%fe",
    "before=" + "9" * 400,
    "before=1_1&after=1_1",
]


JUNK_QUERIES = [
    *BAD_CURSORS,
    "page=abc",
    "page=-1",
    "page=0",
    "page=1.5",
    "page=1e9",
    "page=99999999999999999999999999",
    "page=" + "9" * 400,
    "page=last",
    "page=%00",
    "page=%ff%fe",
    "page=1&page=2",
    "cursor=%ff%00garbage",
    "cursor=" + "A" * 5000,
    "q=" + "x" * 20000,
    "q=%00%01%02%ff%fe%c0%af",
    "q=%27%20OR%201%3D1--",
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "%ff%fe=%80%81",
    "=&&=&page",
    "before=9999-99-99",
    "format=../../etc/passwd",
]

JUNK_PATHS = [
    "/story/no-such-story/",
    "/section/no-such-section/",
    "/tag/no-such-tag/",
    "/reporters/no-such-reporter/",
    "/story/" + "a" * 5000 + "/",
    "/" + "x/" * 2000,
    "/story/%ff%fe/",
    "/section/%c0%ae%c0%ae/",
    "/tag/%ed%a0%80/",
    "/reporters/%00/",
    "/story/%2e%2e/%2e%2e/newsroom/settings.py",
    "/static/../newsroom/settings.py",
    "/static/..%2f..%2fnewsroom%2fsettings.py",
    "/static/%2e%2e/%2e%2e/newsroom/settings.py",
    "/static/%252e%252e/%252e%252e/newsroom/settings.py",
    "/static/..%5c..%5cnewsroom%5csettings.py",
    "/media/../../etc/passwd",
    "/media/..%2f..%2f..%2fetc%2fpasswd",
    "/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/media/....//....//etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%00/etc/passwd",
    "/story/x%00.html",
    "/admin/../../etc/passwd",
    "/preview/not-a-signed-token/",
    "/preview/%ff%fe%00/",
    "/sitemap-no-such-section.xml",
    "/sitemap-%ff.xml",
    "/feeds/section/no-such-section/rss/",
    "/feeds/tag/no-such-tag/atom/",
    "/feeds/reporter/no-such-reporter/rss/",
    "/api/stories/no-such-story",
    "/api/stories/%ff%fe",
    "/api/../../etc/passwd",
    "/api/" + "x" * 5000,
]

SECRETS_ON_DISK = ["root:x:0:0", "SECRET_KEY", "DATABASES"]


@pytest.fixture
def site_pages(settings):
    story = ArticleFactory(published=True, tag_names=["budget"])
    reporter = ReporterFactory(name="Asha Rao")
    story.bylines.create(reporter=reporter, position=0)
    pages = {
        "home": "/",
        "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag_detail", args=[story.tags.get().slug]),
        "reporter": reporter.get_absolute_url(),
        "story": story.get_absolute_url(),
        "admin login": reverse("admin:login"),
    }
    for name in OPTIONAL_PAGES:
        try:
            pages[name] = reverse(name)
        except NoReverseMatch:
            continue
    slugs = {
        "section": story.section.slug,
        "tag": story.tags.get().slug,
        "reporter": reporter.slug,
        "story": story.slug,
    }
    for name, kind in OPTIONAL_SLUG_PAGES.items():
        try:
            pages[name] = reverse(name, args=[slugs[kind]])
        except NoReverseMatch:
            continue
    return pages


def assert_refused_or_ignored(response, url):
    assert response.status_code < 500, f"{url} answered {response.status_code}"
    body = response.content.decode("utf-8", "replace")
    for secret in SECRETS_ON_DISK:
        assert secret not in body, f"{url} leaked {secret!r}"


@pytest.mark.parametrize("query", JUNK_QUERIES)
def test_junk_query_strings_never_cause_a_server_error(site_pages, client, query):
    for path in site_pages.values():
        url = f"{path}?{query}"
        assert_refused_or_ignored(client.get(url), url)


@pytest.mark.parametrize("query", BAD_CURSORS)
def test_bad_page_cursors_are_refused(site_pages, client, query):
    # Listings page by cursor (?before=/?after=); a cursor we did not make is a bad request.
    for name in ["articles:latest", "section", "tag", "reporter"]:
        url = f"{site_pages[name]}?{query}"
        assert client.get(url).status_code in (400, 404), url


@pytest.mark.parametrize("path", JUNK_PATHS)
def test_unknown_traversing_overlong_and_broken_paths_are_refused(site_pages, client, path):
    response = client.get(path)
    sent_to_login = response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert 400 <= response.status_code < 500 or sent_to_login, f"{path} answered {response.status_code}"
    assert_refused_or_ignored(response, path)


def test_post_junk_to_public_pages_is_refused_not_crashed(site_pages, client):
    for name, path in site_pages.items():
        response = client.post(path, data=b"\xff\xfe\x00garbage", content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, (name, response.status_code)
