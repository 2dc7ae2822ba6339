"""
A reader in Chromium walks home → section → story → READ link → reporter →
tag, on a 1280 px desktop and a 375 px phone, with nothing wider than the
screen; screenshots of every step go to test-results/screenshots.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.demo.images import demo_image

from .factories import ArticleFactory, RelatedLinkFactory, ReporterFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = [
    "The city council voted on Tuesday to build forty kilometres of protected cycle lanes on six arterial roads, "
    "separating cyclists from buses, cars and two-wheelers for the first time.",
    "Mayor Lata Deshpande said the first stretch, along Station Road, would open before the monsoon.",
    "Residents' groups had campaigned for the lanes for six years, collecting more than 40,000 signatures.",
    "Shopkeepers on Market Street worry that losing parking will cost them customers.",
    "Engineers say each lane will be separated by a kerb, not paint, and lit at night.",
    "The work is expected to cost ₹180 crore, most of it from a national urban transport fund.",
    "Traffic police will run a three-month awareness drive once the first stretch opens.",
    "A review of accident data will decide where the next phase goes.",
    "Cycling groups said they would watch closely whether the lanes are kept clear of parked vehicles.",
]


@pytest.fixture
def newsroom():
    india = SectionFactory(name="India", position=1)
    SectionFactory(name="World", position=2)
    asha = ReporterFactory(name="Asha Menon", job_title="Senior Correspondent", bio="Asha covers civic affairs.")
    when = timezone.now() - timedelta(hours=3)
    related = ArticleFactory(
        published=True,
        section=india,
        headline="Council's transport budget doubles as metro line opens",
        reporters=[asha],
        tag_names=["transport"],
        first_published_at=when,
        updated_at=when,
    )
    story = ArticleFactory(
        published=True,
        section=india,
        headline="Kaveri Nagar council approves 40 km of protected cycle lanes",
        standfirst="The plan separates cyclists from traffic on six arterial roads and is due within two years.",
        body="".join(f"<p>{text}</p>" for text in PARAGRAPHS[:4])
        + "<h2>What changes for commuters</h2>"
        + "<blockquote><p>Every lane we build is a road made safer for children going to school.</p></blockquote>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[4:]),
        reporters=[asha, ReporterFactory(name="Rohan Kulkarni")],
        tag_names=["transport", "cycling"],
        lead_image_alt="Cyclists on a painted lane beside traffic",
        lead_image_caption="Cyclists on Station Road.",
        lead_image_credit="Vikram Bose",
        top_story_position=1,
    )
    story.lead_image.save("lanes.jpg", ContentFile(demo_image("india", "Cycle lanes")), save=True)
    RelatedLinkFactory(article=story, target=related)
    return story, related


def assert_fits(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


@pytest.mark.parametrize(("label", "width", "height"), [("desktop", 1280, 900), ("phone", 375, 740)])
def test_reader_walks_the_site(browser, live_server, newsroom, screenshot_dir, label, width, height):
    story, related = newsroom
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)

    def step(name):
        assert_fits(page)
        page.screenshot(path=screenshot_dir / f"reader-{label}-{name}.png", full_page=True)

    try:
        page.goto("/")
        step("1-home")
        page.get_by_role("navigation", name="Sections").get_by_role("link", name="India").click()
        page.wait_for_url("**/section/india/")
        assert page.get_by_role("heading", level=1).inner_text() == "India"
        step("2-section")

        page.get_by_role("link", name=story.headline).click()
        page.wait_for_url(f"**{story.get_absolute_url()}")
        assert page.get_by_role("heading", level=1).inner_text() == story.headline
        assert page.locator(".story__byline").inner_text() == "Reported by: Asha Menon and Rohan Kulkarni"
        assert "Image: Vikram Bose" in page.locator("figcaption").inner_text()
        # The bar between caption and credit is for the eye; screen readers get a space.
        assert page.locator("figcaption").aria_snapshot() == '- text: "Cyclists on Station Road. Image: Vikram Bose"'
        assert page.locator(".ad-slot").first.bounding_box()["height"] >= 250
        image = page.locator(".story__image img")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        step("3-story")

        read_link = page.locator(".read-link a")
        assert read_link.inner_text() == related.headline
        assert page.locator(".read-link").inner_text().startswith("READ: ")
        read_link.click()
        page.wait_for_url(f"**{related.get_absolute_url()}")
        step("4-read-link")

        page.locator(".story__byline").get_by_role("link", name="Asha Menon").click()
        page.wait_for_url("**/reporters/asha-menon/")
        assert page.get_by_role("heading", level=1).inner_text() == "Asha Menon"
        assert page.get_by_role("link", name=story.headline).is_visible()
        step("5-reporter")

        page.get_by_role("link", name=related.headline).click()
        page.get_by_role("link", name="transport").click()
        page.wait_for_url("**/tag/transport/")
        assert "transport" in page.get_by_role("heading", level=1).inner_text()
        step("6-tag")

        # Keyboard users get a skip link that moves focus into the page.
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        assert skip.evaluate("el => el === document.activeElement")
    finally:
        context.close()
