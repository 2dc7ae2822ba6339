"""
Bytes to text, or a refusal naming the line.

UTF-8 (with or without a byte-order mark) first; then Windows-1252, only
when it gives clean text. Binary data, undecodable bytes and files over
``IMPORT_MAX_BYTES`` are refused; nothing garbled is ever returned.
"""

import re
import unicodedata

from django.conf import settings

from .failures import ImportFailure

DEFAULT_MAX_BYTES = 1024 * 1024


def max_import_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def decode_story(data):
    """
    The text of a story file, or ImportFailure.

    UTF-8 (with or without a byte-order mark) first; then Windows-1252, the
    legacy encoding wire copy arrives in, but only when the result looks like
    text: control characters or C1 codes mean a wrong guess, and a wrong
    guess is refused rather than stored as mojibake.
    """
    if len(data) > max_import_bytes():
        raise ImportFailure(
            f"the file is too large ({len(data):,} bytes; the limit is {max_import_bytes():,}).", code="too_large"
        )
    if not data.strip():
        raise ImportFailure("the file is empty.", code="empty")
    if b"\x00" in data:
        line = _byte_line(data, data.index(b"\x00"))
        raise ImportFailure("binary data (a NUL byte); this is not a text file.", line=line, code="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = _byte_line(data, error.start)
            raise ImportFailure(
                f"undecodable bytes at byte {error.start}: neither UTF-8 nor Windows-1252.",
                line=line,
                code="undecodable",
            ) from None
        if _looks_garbled(text):
            line = _byte_line(data, error.start)
            raise ImportFailure(
                f"undecodable bytes at byte {error.start}: not UTF-8, and not clean Windows-1252 text.",
                line=line,
                code="undecodable",
            ) from None
    bad = next((i for i, ch in enumerate(text) if _is_control(ch)), None)
    if bad is not None:
        raise ImportFailure(
            f"binary data (control character U+{ord(text[bad]):04X}); this is not a text file.",
            line=_line_of(text, bad),
            code="binary",
        )
    return text


def _byte_line(data, index):
    """The 1-based line of byte ``index``, whatever the line endings."""
    return data[:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _is_control(ch):
    return unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"


def _looks_garbled(text):
    # Typical UTF-8 read as cp1252 ("â€™", "Ã©") is valid cp1252 but nonsense.
    return any(_is_control(ch) for ch in text) or re.search(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]", text)


def _line_of(text, index):
    # A character stands in for the one at ``index`` so a trailing line break counts.
    return len((text[:index] + "x").splitlines())
