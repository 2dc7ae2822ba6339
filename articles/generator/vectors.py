"""
The search vector ``articles.search.update_search_vectors`` would store for a
generated story, built without asking PostgreSQL to parse the story.

Parsing each story's body is about a millisecond of server time: a quarter of
an hour for a million stories. Generated stories are made of a few thousand
reusable fragments (pooled paragraphs, headline words, tag and reporter
names), so PostgreSQL parses each fragment once and the story's vector is put
together here the way ``to_tsvector`` and ``||`` put it together:

- within one ``to_tsvector`` call, a fragment's positions follow on from the
  word count of the fragments before it (stop words take a position too);
- ``a || b`` moves ``b``'s positions up by the highest position in ``a``;
- positions stop at 16,383, PostgreSQL's limit.

``tests/test_generate_newsroom.py`` checks the result is identical to what
``update_search_vectors`` stores.
"""

import re
from collections import defaultdict

from django.db import connection

from articles.search import search_config

_TAG = re.compile(r"<[^>]+>")  # the same pattern as the SQL
MAX_POSITION = 16383  # PostgreSQL's MAXENTRYPOS - 1
# A token that is its own lexeme and never a stop word: where it lands after a
# fragment tells how many positions the fragment takes up.
_SENTINEL = "9876543210"

_FRAGMENT_SQL = """
SELECT f.i, u.lexeme, u.positions,
       (SELECT s.positions[1] - 1 FROM unnest(to_tsvector(%(config)s, f.text || ' ' || %(sentinel)s)) s
        WHERE s.lexeme = %(sentinel)s)
FROM unnest(%(texts)s::text[]) WITH ORDINALITY AS f(text, i)
LEFT JOIN LATERAL unnest(to_tsvector(%(config)s, f.text)) u ON true
"""


def strip_tags(html):
    """What ``update_search_vectors`` does to the body before parsing: tags become spaces."""
    return _TAG.sub(" ", html)


class VectorComposer:
    def __init__(self):
        self.config = search_config()
        # fragment text -> (((quoted lexeme, (position, ...)), ...), positions taken up, highest position)
        self.fragments = {}
        # "12A", "12B", … looked up rather than formatted: a story has hundreds of positions.
        self.labels = {
            weight: [f"{p}{'' if weight == 'D' else weight}" for p in range(MAX_POSITION + 1)] for weight in "ABCD"
        }

    def learn(self, texts):
        """Have PostgreSQL parse the fragments not seen before (one query)."""
        new = list({t for t in texts if t not in self.fragments})
        if not new:
            return
        lexemes = defaultdict(list)
        widths = {}
        with connection.cursor() as cursor:
            cursor.execute(_FRAGMENT_SQL, {"config": self.config, "texts": new, "sentinel": _SENTINEL})
            for index, lexeme, positions, width in cursor.fetchall():
                widths[index] = width or 0
                if lexeme is not None:
                    quoted = "'{}'".format(lexeme.replace("\\", "\\\\").replace("'", "''"))
                    lexemes[index].append((quoted, tuple(positions)))
        for index, text in enumerate(new, start=1):
            top = max((max(positions) for _, positions in lexemes[index]), default=0)
            self.fragments[text] = (tuple(lexemes[index]), widths[index], top)

    def compose(self, parts):
        """
        The vector's text form for ``setweight(part 1, w1) || setweight(part 2, w2) || …``.

        ``parts`` is ``[(weight, [fragment, …]), …]``, each part being one
        ``to_tsvector`` of its fragments joined by spaces; every fragment must
        have been through ``learn`` first. Lexemes and positions come out
        unsorted: PostgreSQL sorts them when it reads the vector.
        """
        merged = {}
        shift = 0  # the highest position so far: where ``||`` starts the next part
        for weight, fragments in parts:
            labels = self.labels[weight]
            offset = shift
            highest = shift
            for text in fragments:
                lexemes, width, top = self.fragments[text]
                if lexemes:
                    if offset + top <= MAX_POSITION:
                        for quoted, positions in lexemes:
                            merged.setdefault(quoted, []).extend([labels[p + offset] for p in positions])
                    else:
                        for quoted, positions in lexemes:
                            merged.setdefault(quoted, []).extend(
                                [labels[min(p + offset, MAX_POSITION)] for p in positions]
                            )
                    highest = max(highest, min(top + offset, MAX_POSITION))
                offset += width
            shift = highest
        return " ".join(f"{quoted}:{','.join(positions)}" for quoted, positions in merged.items())
