"""The clean view of scraped text, and the map of its offsets back to the stored text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.documents.clean import clean


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("in Azad Jammu and\u00a0 Kashmir", "in Azad Jammu and Kashmir"),
        ("Marwan Bar\u00adghouti’s son", "Marwan Barghouti’s son"),
        ("area of \u200b\u200bPakistan", "area of Pakistan"),
        ("the\u200bre may be", "there may be"),
        ("Hundreds  of students", "Hundreds of students"),
        ("authorities.\\n\\nMeanwhile, the", "authorities.\n\nMeanwhile, the"),
        ("said the minister.She added", "said the minister. She added"),
        ("ISLAMABAD, Jan 1 (APP):Federal Minister", "ISLAMABAD, Jan 1 (APP): Federal Minister"),
        ("stability.\n(adsbygoogle=window.adsbygoogle||[]).push({});\nHe said", "stability.\n\nHe said"),
        ("Title\nDawn.com Published May 2, 2025\n1x 1.2x JOIN OUR WHATSAPP CHANNEL \nThe PM said", "The PM said"),
        ("  Video Player is loading.Play VideoPlay\nThe PM said", "The PM said"),
        ("visit dawn.com for U.S. news", "visit dawn.com for U.S. news"),
    ],
)
def test_clean_reads_scraped_text_as_a_reader_sees_it(stored, read):
    assert clean(stored).text == read


def test_clean_quotes_map_back_to_the_stored_words():
    stored = "QUETTA:\u00a0The minister.She met Bar\u00adghouti in Azad Jammu and\u00a0 Kashmir."
    cleaned = clean(stored)
    for words, original in [("Barghouti", "Bar\u00adghouti"), ("Azad Jammu and Kashmir", "Azad Jammu and\u00a0 Kashmir"),
                            ("The minister. She", "The minister.She"), ("QUETTA", "QUETTA")]:
        at = cleaned.text.index(words)
        start, end = cleaned.span(at, at + len(words))
        assert stored[start:end] == original


def test_clean_keeps_a_metadata_header_as_written():
    stored = "title:  Two  spaces\n\nBody  text"
    assert clean(stored, start=20).text == "title:  Two  spaces\n\nBody text"


PIECES = st.sampled_from(["a", "B", "word", " ", "  ", "\u00a0", "\u00ad", "\u200b", "\\n", "\n", ".", "x.Y", "(APP):",
                          "Z", "\t", "ok"])


@given(st.lists(PIECES, max_size=40).map("".join))
def test_clean_every_copied_character_maps_to_itself(stored):
    cleaned = clean(stored)
    for i, char in enumerate(cleaned.text):
        start, end = cleaned.span(i, i + 1)
        assert 0 <= start <= end <= len(stored)
        if end - start == 1:  # copied, or an odd space written as a plain one
            assert stored[start] == char or char == " "
    if cleaned.text:
        assert cleaned.span(0, len(cleaned.text))[1] <= len(stored)


@given(st.text(alphabet="abc XYZ,;:\n", max_size=60).filter(lambda t: "  " not in t))
def test_clean_text_without_residue_is_read_as_it_is(stored):
    cleaned = clean(stored)
    assert cleaned.text == stored
    assert cleaned.span(0, len(cleaned.text)) == (0, len(cleaned.text))
