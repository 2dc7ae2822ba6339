"""
Headlines compared the way an editor would compare them.

"READ: Turkey's Aegean Province Of Izmir Hit By Flooding" must find the
story headlined "Turkey’s Aegean province of Izmir hit by flooding": case,
punctuation (straight or curly), spacing and Unicode compatibility forms do
not count. The key keeps letters and digits of every script, so Hindi
headlines match too.
"""

import unicodedata

MAX_LENGTH = 250


def headline_key(text):
    """The comparison key of a headline: casefolded letters and digits only."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if ch.isalnum())[:MAX_LENGTH]
