"""Coreference finds repeated names by string search and titles after "the" where the document's
one pass finds them; each must find what a regex over the whole text finds, on texts made to be awkward (given names repeated, the surname among the given names,
names inside longer words, hyphens, line breaks)."""

import random
import re

import pytest

from corridor.documents.model import Document
from corridor.extract import anchors
from corridor.extract.coref import _repeat_spans, _title_reference
from corridor.extract.pipeline import default

NAMES = [
    ["John", "Mark", "Pomeroy"],
    ["Mohsin", "Naqvi"],
    ["Khan", "Ali", "Khan"],
    ["Al", "Ali", "Khan"],
    ["Ann", "Ann", "Ann"],
    ["J.", "R.", "Hale"],
]
FILLER = ["said", "the", "minister", "-", "Khanate", "Ali-Khan", "Ann's", ",", ".", "\n", "  ", "x"]


def regex_spans(text: str, words: list[str], start: int) -> list[tuple[int, int]]:
    given = "|".join(re.escape(w) for w in words[:-1])
    regex = re.compile(rf"(?<![\w-])(?:(?:{given})\s+){{0,3}}{re.escape(words[-1])}(?![\w-])")
    return [m.span() for m in regex.finditer(text, start)]


def awkward_text(rng: random.Random, words: list[str]) -> str:
    pieces = [rng.choice(words + FILLER) for _ in range(rng.randint(1, 30))]
    return "".join(piece + rng.choice(["", " ", " ", "\n", "-", ","]) for piece in pieces)


@pytest.mark.parametrize("words", NAMES, ids=lambda w: " ".join(w))
def test_repeat_spans_find_what_the_regex_finds(words):
    rng = random.Random(" ".join(words))
    for _ in range(2000):
        text = awkward_text(rng, words)
        start = rng.randint(0, min(5, len(text)))
        assert _repeat_spans(text, words, start) == regex_spans(text, words, start), text


REFERENCE_WORDS = ["the", "The", "US", "U.S.", "Pakistani", "assistant", "secretary", "Secretary", "minister", "ministerial",
                   "interior", "Interior", "Minister", "envoy", "level", "Naqvi", "said", "of", "state", ",", "\n", "-"]


def test_title_references_sought_after_the_as_in_the_whole_text():
    rng = random.Random("references")
    regex = _title_reference()
    found = 0
    for _ in range(2000):
        text = "".join(rng.choice(REFERENCE_WORDS) + rng.choice([" ", " ", "  ", "\n", ""]) for _ in range(rng.randint(1, 20)))
        ann = default().start(Document(name="t.txt", text=text))
        want = [m.span() for m in regex.finditer(ann.text)]  # the text as the stages read it
        assert [m.span() for m in anchors.matches(ann, anchors.TITLE_REFERENCES, regex)] == want, text
        found += len(want)
    assert found > 150, found


def test_the_ministerial_level_names_no_minister():
    text = ("Interior Minister Mohsin Naqvi met the US envoy on Monday. Officials said dialogue at the ministerial "
            "level would continue, the minister added.")
    refs = [m.group() for m in _title_reference().finditer(text)]
    assert refs == ["the US envoy", "the minister"]
