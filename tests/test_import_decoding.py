"""Decoding story files: UTF-8 (with or without BOM), clean Windows-1252, and a clear refusal for anything else."""

import pytest

from articles.importer import ImportFailure, decode_story

from ._import_helpers import story_text


def test_utf8_with_a_byte_order_mark_loses_the_mark():
    assert decode_story("\ufeffUpdated June 1st".encode()).startswith("Updated")


def test_windows_1252_curly_quotes_decode_to_the_same_characters():
    assert decode_story("Biden’s “firm” stance – café".encode("cp1252")) == "Biden’s “firm” stance – café"


def test_utf8_read_as_windows_1252_would_be_mojibake_so_it_is_refused():
    garbled = "Biden’s stance".encode().decode("cp1252").encode("cp1252") + b"\x81"
    with pytest.raises(ImportFailure) as failure:
        decode_story(garbled)
    assert failure.value.code == "undecodable"


def test_bytes_no_encoding_can_read_are_refused_with_their_line():
    with pytest.raises(ImportFailure) as failure:
        decode_story(b"Headline\nSecond line \x81\x8d\x90 here\n")
    assert failure.value.code == "undecodable"
    assert failure.value.line == 2


def test_nul_bytes_mean_binary_data():
    with pytest.raises(ImportFailure) as failure:
        decode_story(b"Headline\n\x00\x01\x02PNG")
    assert (failure.value.code, failure.value.line) == ("binary", 2)


def test_control_characters_mean_binary_data():
    with pytest.raises(ImportFailure) as failure:
        decode_story(b"Headline\nText \x07 bell")
    assert failure.value.code == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  "])
def test_empty_files_are_refused(data):
    with pytest.raises(ImportFailure, match="empty"):
        decode_story(data)


def test_files_over_the_limit_are_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFailure, match="too large"):
        decode_story(story_text().encode())


def test_binary_data_line_counts_every_kind_of_line_ending():
    with pytest.raises(ImportFailure) as failure:
        decode_story(b"one\rtwo\r\nthree\nfour \x07")
    assert failure.value.line == 4
