"""READ-link and advertisement placement in a story body (``articles.readlinks``)."""

from types import SimpleNamespace

import pytest

from articles.readlinks import place_links, split_blocks, story_segments


def gaps_of(placement):
    return {key: gap for gap, keys in placement.links.items() for key in keys}


def test_split_blocks_cuts_at_top_level_elements_only():
    html = "<p>One <b>bold</b></p><blockquote><p>Quoted</p></blockquote><h2>Sub</h2><ul><li>a</li></ul><p>Two</p>"
    assert [tag for tag, _ in split_blocks(html)] == ["p", "blockquote", "h2", "ul", "p"]
    assert "".join(block for _, block in split_blocks(html)) == html


def test_split_blocks_keeps_loose_text_and_newlines():
    html = "<p>One</p>\nloose words\n<p>Two<br>lines</p>"
    blocks = split_blocks(html)
    assert blocks == [("p", "<p>One</p>"), ("", "loose words"), ("p", "<p>Two<br>lines</p>")]


def test_split_blocks_of_empty_body_is_empty():
    assert split_blocks("") == []
    assert split_blocks(None) == []


def test_editor_placement_is_kept():
    placement = place_links(10, [("a", 4), ("b", 9)])
    assert gaps_of(placement) == {"a": 4, "b": 9}


def test_editor_placement_beyond_the_body_is_clamped_to_the_last_paragraph():
    assert gaps_of(place_links(3, [("a", 12)])) == {"a": 3}
    assert gaps_of(place_links(3, [("a", 0)])) == {"a": 1}


def test_automatic_links_are_spread_evenly():
    placement = place_links(12, [("a", None), ("b", None), ("c", None)])
    assert gaps_of(placement) == {"a": 3, "b": 6, "c": 9}


def test_automatic_links_keep_the_editors_order():
    placement = place_links(10, [(key, None) for key in "abcd"])
    gaps = [gaps_of(placement)[key] for key in "abcd"]
    assert gaps == sorted(gaps)


@pytest.mark.parametrize("paragraphs", range(2, 25))
@pytest.mark.parametrize("link_count", range(0, 6))
def test_never_two_links_in_a_row_nor_next_to_an_ad(paragraphs, link_count):
    links = [(i, None) for i in range(link_count)]
    placement = place_links(paragraphs, links, ad_after=[3, 8])
    for gap, keys in placement.links.items():
        assert len(keys) == 1, f"two links after paragraph {gap}"
        assert gap not in placement.ads, f"link and ad together after paragraph {gap}"
        assert 1 <= gap < paragraphs, "automatic links sit between paragraphs"
    placed = sum(len(keys) for keys in placement.links.values())
    assert placed + len(placement.leftover) == link_count


def test_links_that_do_not_fit_are_left_over_in_order():
    placement = place_links(3, [("a", None), ("b", None), ("c", None), ("d", None)])
    assert gaps_of(placement) == {"a": 1, "b": 2}
    assert placement.leftover == ["c", "d"]


def test_ads_go_after_their_paragraph_counts_and_never_at_the_very_end():
    assert place_links(10, [], ad_after=[3, 8]).ads == [3, 8]
    assert place_links(5, [], ad_after=[3, 8]).ads == [3]


def test_an_ad_displaced_by_an_editors_link_moves_to_the_next_gap():
    placement = place_links(10, [("a", 3)], ad_after=[3, 8])
    assert gaps_of(placement) == {"a": 3}
    assert placement.ads == [4, 8]


def test_automatic_links_avoid_ad_gaps():
    placement = place_links(4, [("a", None)], ad_after=[2])
    assert gaps_of(placement)["a"] in {1, 3}


def test_no_paragraphs_means_every_link_is_left_over():
    placement = place_links(0, [("a", None), ("b", 2)], ad_after=[3])
    assert placement.leftover == ["a", "b"]
    assert placement.ads == []


def test_story_segments_interleave_links_and_ads_after_paragraphs():
    body = "".join(f"<p>P{i}</p>" for i in range(1, 7)) + "<h2>End</h2>"
    links = [SimpleNamespace(after_paragraph=None, name="auto"), SimpleNamespace(after_paragraph=1, name="fixed")]
    segments, leftover = story_segments(body, links, ad_after=[4])
    kinds = [s["kind"] if s["kind"] != "html" else s["html"] for s in segments]
    assert kinds[:2] == ["<p>P1</p>", "read"]
    assert segments[1]["link"].name == "fixed"
    assert "ad" in kinds and kinds.index("ad") == kinds.index("<p>P4</p>") + 1
    assert kinds.count("read") == 2 and leftover == []
    # Nothing of the body is lost.
    assert "".join(s["html"] for s in segments if s["kind"] == "html") == body
