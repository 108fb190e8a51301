"""The kinds stage runs its trigger patterns lower-cased on the lower-cased sentence; they must
find what the lexicon's case-blind patterns find, in any case and with the letters that
lower-case unlike the ASCII ones they match case-blind."""

import random
import re
from pathlib import Path

import pytest

from corridor.documents.loader import load
from corridor.documents.model import Document
from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.kinds import _patterns, kinds
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.lexicons import lowered, without_groups
from corridor.extract.sentences import sentences

CORPUS = Path(__file__).resolve().parents[2] / "corridor" / "demo" / "corpus"


def case_blind(kind: str) -> re.Pattern:
    """The kind's pattern as the lexicon writes it, case-blind, with a named group per trigger."""
    triggers = kind_lexicon()["kinds"][kind]["triggers"]
    groups = "|".join(rf"(?P<t{i}>{t['pattern']})" for i, t in enumerate(triggers))
    return re.compile(rf"(?<![\w-])(?:{groups})(?:(?<!\w)|(?![\w-]))", re.I)


def recased(text: str, rng: random.Random) -> str:
    """Upper-case some words, and spell some i and s as the letters that match them case-blind."""
    words = [w.upper() if rng.random() < 0.2 else w for w in text.split(" ")]
    text = " ".join(words)
    return "".join(rng.choice("İı") if c == "i" and rng.random() < 0.05 else
                   "ſ" if c == "s" and rng.random() < 0.05 else c for c in text)


def sentences_of_corpus() -> list[str]:
    found = []
    for doc in load([CORPUS]).documents:
        found += [s.text for s in sentences(Annotated(doc)).sentences]
    return found


def triggers(ann: Annotated) -> list[tuple[str, int, int]]:
    return [(t.kind, t.start, t.end) for t in ann.triggers]


def test_lowered_patterns_find_what_case_blind_ones_do():
    rng = random.Random(7)
    texts = sentences_of_corpus()
    assert len(texts) > 300
    checked = 0
    for pattern in _patterns():
        reference = case_blind(pattern.kind)
        for text in texts + [recased(t, rng) for t in texts]:
            ann = Annotated(Document(name="t.txt", text=text))
            lower = ann.lower_of(Sentence(0, 0, len(text), text))
            got = [(m.span(), m.lastgroup) for m in pattern.regex.finditer(lower if pattern.lowered else text)]
            want = [(m.span(), m.lastgroup) for m in reference.finditer(text)]
            assert got == want, (pattern.kind, text)
            checked += bool(want)
    assert checked > 200


def test_the_stage_finds_triggers_in_any_case():
    text = "US firms EXPRESSED KEEN INTEREST IN INVESTİNG in Pakistan's mines, the minister ſaid."
    ann = kinds(sentences(Annotated(Document(name="t.txt", text=text))))
    assert triggers(ann) == [("investment_interest", 9, 45)]


@pytest.mark.parametrize(
    ("pattern", "lower", "plain"),
    [
        (r"(\S+ ){0,3}US\$", r"(\S+ ){0,3}us\$", r"(?:\S+ ){0,3}US\$"),
        (r"(?<!un)interested in [\"“(]", r"(?<!un)interested in [\"“(]", r"(?<!un)interested in [\"“(]"),
        (r"\(MoU\)|(\d+|a) [A-Z]", r"\(mou\)|(\d+|a) [a-z]", r"\(MoU\)|(?:\d+|a) [A-Z]"),
    ],
)
def test_pattern_rewriting_keeps_escapes_and_classes(pattern, lower, plain):
    assert lowered(pattern) == lower
    assert without_groups(pattern) == plain


def test_a_pattern_with_inline_flags_is_not_lowered():
    with pytest.raises(ValueError):
        lowered("(?-i:[A-Z])")
