"""Coreference finds repeated names by string search; it must find what the regex it replaced
found, on texts made to be awkward (given names repeated, the surname among the given names,
names inside longer words, hyphens, line breaks)."""

import random
import re

import pytest

from corridor.extract.coref import _repeat_spans

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
