"""Parsing a plain-text story: every part of the publisher's form lands in its field, boilerplate is dropped."""

from datetime import UTC, datetime

import pytest

from articles.importer import BOILERPLATE, ImportFailure, decode_story, parse_story, split_names

from ._import_helpers import sample_path, story_text


@pytest.fixture
def sample():
    return parse_story(decode_story(sample_path().read_bytes()))


def test_sample_times_are_converted_from_ist_to_utc(sample):
    assert sample.published_at == datetime(2021, 2, 6, 11, 10, tzinfo=UTC)
    assert sample.updated_at == datetime(2021, 2, 6, 11, 10, tzinfo=UTC)


def test_sample_headline_standfirst_byline_and_credit(sample):
    assert sample.headline == "US maintains firm stance on Turkey's purchase of S-400 Russian missile system"
    assert sample.standfirst.startswith("US President Joe Biden’s administration is maintaining tough stance")
    assert sample.reporter_names == ["Bhavya Sukheja"]
    assert sample.lead_image_credit == "self"


def test_sample_body_has_paragraphs_a_subheading_and_quotes_but_no_advertisement(sample):
    assert "Advertisement" not in sample.body_html
    assert "<h2>US-Turkey rift</h2>" in sample.body_html
    assert sample.body_html.count("<p>") == 6
    assert "“Our position has not changed." in sample.body_html
    assert "READ" not in sample.body_html


def test_sample_read_lines_keep_their_place_among_paragraphs(sample):
    assert [(r.headline, r.after_paragraph) for r in sample.read_lines] == [
        ("Turkey Uighurs Fear Sellout To China In Exchange For Vaccine", 3),
        ("Turkey: 1,500-year-old House With Puppy Paw Prints And Wall Illusion Discovered", 4),
        ("Germany Welcomes Talks Between Greece & Turkey, Eyes Mediation Role", 6),
        ("Turkey's Aegean Province Of Izmir Hit By Flooding", 6),
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("A. Rao", ["A. Rao"]),
        ("Asha Menon and Ravi Kumar", ["Asha Menon", "Ravi Kumar"]),
        ("Asha Menon, Ravi Kumar and Anand Iyer", ["Asha Menon", "Ravi Kumar", "Anand Iyer"]),
        ("Asha Menon & Ravi Kumar, Asha Menon", ["Asha Menon", "Ravi Kumar"]),
    ],
)
def test_byline_names_are_split_in_order(names, expected):
    assert split_names(names) == expected


def test_written_and_edited_by_variants_join_the_byline_in_order():
    text = story_text(byline="Written By: Asha Menon, Ravi Kumar and Anand Iyer\nEdited By: Meera Shah")
    assert parse_story(text).reporter_names == ["Asha Menon", "Ravi Kumar", "Anand Iyer", "Meera Shah"]


def test_updated_time_later_than_published_is_kept():
    story = parse_story(story_text(updated="Updated June 2nd, 2024 at 7:05 PM IST"))
    assert story.updated_at == datetime(2024, 6, 2, 13, 35, tzinfo=UTC)
    assert story.published_at == datetime(2024, 6, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Published February 30th, 2021 at 10:00 IST", "impossible date"),
        ("Published February 6th, 2021 at 25:61 IST", "impossible date"),
        ("Published Febtober 6th, 2021 at 10:00 IST", "is not a month"),
        ("Published February 6th, 2021 at 10:00 EST", "unknown time zone “EST”"),
        ("Published February 6th, 2021 at ten o'clock", "cannot read the time"),
    ],
)
def test_impossible_or_unreadable_times_are_refused_naming_the_line(line, problem):
    text = story_text(published=line)
    with pytest.raises(ImportFailure) as failure:
        parse_story(text)
    assert problem in failure.value.message
    assert failure.value.line == len(text.splitlines())


def test_body_text_that_starts_with_published_is_not_a_time():
    story = parse_story(story_text(body=("Published reports say the rains will be heavy this year.",)))
    assert "Published reports say" in story.body_html


def test_updated_before_published_is_refused():
    with pytest.raises(ImportFailure, match="before the “Published” time"):
        parse_story(story_text(updated="Updated May 30th, 2024 at 09:15 IST"))


def test_a_file_of_only_boilerplate_has_no_headline():
    with pytest.raises(ImportFailure) as failure:
        parse_story("Updated June 1st, 2024 at 09:15 IST\n\nAdvertisement\n\nReported by: Asha Menon\n")
    assert failure.value.code == "no_headline"


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "ADVERTISEMENT", "Story continues below this ad", "Follow us on Google News for updates"],
)
def test_boilerplate_lines_are_recognised(line):
    assert BOILERPLATE.fullmatch(line)


def test_every_kind_of_line_ending_reads_the_same():
    lf = story_text()
    expected = parse_story(lf)
    for ending in ("\r\n", "\r", "\u2028"):
        assert parse_story(lf.replace("\n", ending)) == expected


def test_html_in_the_text_is_escaped_not_interpreted():
    story = parse_story(story_text(body=("A <script>alert(1)</script> & more text in the paragraph here.",)))
    assert "&lt;script&gt;" in story.body_html


@pytest.mark.parametrize(
    ("replacements", "problem"),
    [
        ({"byline": "Reported by: " + "N" * 121}, "byline name is longer than 120"),
        ({"byline": "Reported by: Asha Menon\n| Image:" + "C" * 121}, "image credit is longer than 120"),
        ({"byline": "Reported by: Asha\nTags: " + "t" * 101}, "tag is longer than 100"),
        ({"headline": "H" * 251}, "headline is longer than 250"),
    ],
)
def test_values_too_long_for_their_field_are_refused_naming_the_line(replacements, problem):
    with pytest.raises(ImportFailure, match=problem) as failure:
        parse_story(story_text(**replacements))
    assert failure.value.line


def test_a_file_with_only_an_updated_time_was_published_by_then():
    story = parse_story(story_text(published=None))
    assert story.published_at == story.updated_at == datetime(2024, 6, 1, 3, 45, tzinfo=UTC)


def test_a_file_without_times_has_none():
    story = parse_story(story_text(published=None, updated=None))
    assert story.published_at is None and story.updated_at is None
