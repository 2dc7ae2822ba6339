"""
Every public page type is well-formed HTML5 with the structure assistive
technology relies on: landmarks, a skip link, one h1, no skipped heading
levels, and a text alternative on every image.
"""

import re

import html5lib
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from articles.demo.images import demo_image

from .factories import ArticleFactory, ArticleUpdateFactory, RelatedLinkFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db
NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def site():
    india = SectionFactory(name="India")
    reporter = ReporterFactory(name="Asha Menon", bio="Asha covers civic affairs.")
    story = ArticleFactory(
        published=True,
        section=india,
        reporters=[reporter],
        tag_names=["transport"],
        top_story_position=1,
        body="".join(f"<p>Paragraph {i}.</p>" for i in range(10)) + "<h2>Sub</h2><blockquote><p>Quote</p></blockquote>",
        lead_image_alt="A crowded bus stop",
        lead_image_credit="PTI",
    )
    story.lead_image.save("bus.jpg", ContentFile(demo_image("india", "Bus")), save=True)
    RelatedLinkFactory(article=story, target__section=india)
    ArticleUpdateFactory(article=story, kind="correction")
    return story


PAGES = [
    "/",
    "/latest/",
    "/section/india/",
    "/tag/transport/",
    "/reporters/asha-menon/",
    "/search/?q=paragraph",
    "/search/",
    "/story/no-such-story/",
]


def parse_strictly(html):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(html)


def check_structure(document, url):
    for landmark in ("header", "nav", "main", "footer"):
        assert document.findall(f".//h:{landmark}", NS), f"{url} has no <{landmark}>"
    skip = [a for a in document.findall(".//h:a", NS) if a.get("href") == "#main"]
    assert skip and skip[0].text == "Skip to content", url
    names = [element.tag.rpartition("}")[2] for element in document.iter()]
    levels = [int(name[1]) for name in names if re.fullmatch(r"h[1-6]", name)]
    assert levels.count(1) == 1, f"{url} should have exactly one h1, has {levels}"
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"{url} skips from h{previous} to h{current}"
    for image in document.findall(".//h:img", NS):
        assert image.get("alt") is not None, f"{url} has an image without alt"
    assert document.get("lang") == settings.LANGUAGE_CODE == "en-gb"


@pytest.mark.parametrize("url", PAGES)
def test_page_is_well_formed_and_structured(client, site, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    check_structure(parse_strictly(response.content.decode()), url)


def test_story_page_is_well_formed_and_structured(client, site):
    html = client.get(site.get_absolute_url()).content.decode()
    document = parse_strictly(html)
    check_structure(document, site.get_absolute_url())
    lead = document.find(".//h:figure/h:img", NS)
    assert lead.get("alt") == "A crowded bus stop"
    ad = document.find(".//h:aside[@class='ad-slot']", NS)
    assert ad.get("aria-label") == "Advertisement"


def test_error_pages_render_in_site_style_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html and "/static/css/site.css" in html
    parse_strictly(html)
