"""
Where READ links and advertisement slots go in a story body.

A body is sanitised HTML (``articles.sanitize``): a run of top-level blocks
(paragraphs, subheadings, quotes, lists). Links and ad slots sit in the
*gaps* after paragraphs: gap ``n`` is right after the n-th paragraph. The
placement itself is a pure function of counts and numbers, so the rules are
easy to test and to read:

- an editor's ``after_paragraph`` is kept (clamped to the body's paragraphs);
- every other link is spread evenly over the free gaps *between* paragraphs;
- an automatic link never shares a gap with another link (never two in a
  row) or with an advertisement (never right before or after one);
- an advertisement displaced by an editor's link moves to the next free gap;
- links that find no free gap are returned as ``leftover`` for the caller to
  show elsewhere (the page lists them with the related stories).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "table", "div", "pre", "hr"}
VOID_TAGS = {"br", "hr", "img"}


class _BlockSplitter(HTMLParser):
    """Records where each top-level element starts and ends in the source."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.boundaries = []  # (start offset, end offset, tag) of top-level blocks
        self._start = None
        self._tag = None

    def _offset(self):
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCK_TAGS:
            self._start, self._tag = self._offset(), tag
            if tag in VOID_TAGS:
                end = self._offset() + len(self.get_starttag_text())
                self.boundaries.append((self._start, end, tag))
                return
            self.depth = 1
        elif self.depth and tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self._offset() + len(f"</{tag}>")
            self.boundaries.append((self._start, end, self._tag))


def split_blocks(body_html):
    """
    The body's top-level blocks as ``(tag, html)`` pairs, in order.

    Text or inline markup between blocks (which the sanitiser may leave) is
    kept as a block of its own with tag ``""``, so nothing is ever lost.
    """
    source = body_html or ""
    splitter = _BlockSplitter()
    lines = source.splitlines(keepends=True) or [""]
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line)
    splitter.line_offsets = offsets
    splitter.feed(source)
    splitter.close()
    blocks, cursor = [], 0
    for start, end, tag in splitter.boundaries:
        loose = source[cursor:start]
        if loose.strip():
            blocks.append(("", loose.strip()))
        blocks.append((tag, source[start:end]))
        cursor = end
    rest = source[cursor:]
    if rest.strip():
        blocks.append(("", rest.strip()))
    return blocks


def count_paragraphs(blocks):
    return sum(1 for tag, _ in blocks if tag == "p")


@dataclass
class Placement:
    """Which link keys and ads go in which gap (after paragraph n)."""

    links: dict = field(default_factory=dict)  # gap -> [link key, ...]
    ads: list = field(default_factory=list)  # gaps holding an advertisement, ascending
    leftover: list = field(default_factory=list)  # link keys with no place in the body


def place_links(paragraph_count, links, ad_after=()):
    """
    Decide where links and ads go in a body with ``paragraph_count`` paragraphs.

    ``links`` is a sequence of ``(key, after_paragraph or None)`` in the
    editor's order; ``ad_after`` the paragraph counts after which ads go.
    """
    placement = Placement()
    if paragraph_count <= 0:
        placement.leftover = [key for key, _ in links]
        return placement

    for key, after in links:
        if after is not None:
            gap = min(max(int(after), 1), paragraph_count)
            placement.links.setdefault(gap, []).append(key)

    # Ads sit between paragraphs, never in a gap an editor already filled.
    between = range(1, paragraph_count)
    for wanted in sorted(set(ad_after)):
        gap = next(
            (g for g in between if g >= wanted and g not in placement.links and g not in placement.ads),
            None,
        )
        if gap is not None:
            placement.ads.append(gap)

    automatic = [key for key, after in links if after is None]
    free = [g for g in between if g not in placement.links and g not in placement.ads]
    if len(automatic) > len(free):
        placement.leftover = automatic[len(free) :]
        automatic = automatic[: len(free)]
    previous = 0
    for i, key in enumerate(automatic):
        # The ideal spot for the i-th of k links spread evenly; take the nearest
        # free gap after the previous link (keeping the editor's order) that
        # still leaves a gap for each link to come.
        ideal = paragraph_count * (i + 1) / (len(automatic) + 1)
        still_to_place = len(automatic) - i - 1
        candidates = [g for g in free if g > previous]
        candidates = candidates[: len(candidates) - still_to_place]
        gap = min(candidates, key=lambda g: (abs(g - ideal), g))
        placement.links.setdefault(gap, []).append(key)
        previous = gap
    placement.ads.sort()
    return placement


def story_segments(body_html, links, ad_after=()):
    """
    The body cut into what the story template renders, in order: dicts with
    ``kind`` "html" (``html``), "read" (``link``) or "ad" (``number``), plus
    the links that found no place. ``links`` are objects with an
    ``after_paragraph`` attribute.
    """
    blocks = split_blocks(body_html)
    paragraphs = count_paragraphs(blocks)
    placement = place_links(paragraphs, [(i, link.after_paragraph) for i, link in enumerate(links)], ad_after)
    segments, seen, ads_shown = [], 0, 0
    for tag, block_html in blocks:
        segments.append({"kind": "html", "html": block_html})
        if tag != "p":
            continue
        seen += 1
        for key in placement.links.get(seen, []):
            segments.append({"kind": "read", "link": links[key]})
        if seen in placement.ads:
            ads_shown += 1
            segments.append({"kind": "ad", "number": ads_shown})
    return segments, [links[key] for key in placement.leftover]
