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
from corridor.extract.kinds import _candidate_kinds, _keyword_hits, _keywords, _patterns, kinds, trigger_keywords
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.lexicons import lowered, without_groups
from corridor.extract.pipeline import default
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
        found += [s.text for s in sentences(default().start(doc)).sentences]
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
            ann = default().start(Document(name="t.txt", text=text))
            lower = ann.lower_of(Sentence(0, 0, len(text), text))
            got = [(m.span(), m.lastgroup) for m in pattern.regex.finditer(lower if pattern.lowered else text)]
            want = [(m.span(), m.lastgroup) for m in reference.finditer(text)]
            assert got == want, (pattern.kind, text)
            checked += bool(want)
    assert checked > 200


def test_the_stage_finds_triggers_in_any_case():
    text = "US firms EXPRESSED KEEN INTEREST IN INVESTİNG in Pakistan's mines, the minister ſaid."
    ann = kinds(sentences(default().start(Document(name="t.txt", text=text))))
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


# Headlines whose triggers hold a keyword only in a glued amount or a plural: each must be
# found though the sentence holds no other keyword of its kind.
KEYWORD_EDGES = ["US firm announces $600m mining project in Khyber Pakhtunkhwa",
                 "Condemnations also poured in from Washington.",
                 "Officials said they were interested in the tender."]


def test_triggers_sought_by_their_keywords_find_what_all_triggers_find():
    """A sentence is searched only with the triggers whose keywords it holds; every trigger
    match of the whole pattern must still be found, and none where its kind has no keyword."""
    rng = random.Random(3)
    texts = sentences_of_corpus() + KEYWORD_EDGES
    texts += [" ".join(w.upper() if rng.random() < 0.3 else w for w in t.split(" ")) for t in texts]
    checked = 0
    for text in texts:
        ann = default().start(Document(name="t.txt", text=text))
        ann.sentences = [Sentence(0, 0, len(text), text)]
        held = _candidate_kinds(ann).get(0, {})
        lower = ann.lower_of(ann.sentences[0])
        for pattern in _patterns():
            subject = lower if pattern.lowered else text
            want = [(m.span(), m.lastgroup) for m in pattern.regex.finditer(subject)]
            subset = pattern.regex_for(held[pattern.kind]) if pattern.kind in held else None
            got = [(m.span(), m.lastgroup) for m in subset[0].finditer(lower if subset[1] else text)] if subset else []
            assert got == want, (pattern.kind, text)
            checked += bool(want)
    assert checked > 300


@pytest.mark.parametrize("pattern, keywords, expected", [
    # "in" starts "invest": a short word keeps more keywords, never fewer.
    ("interest(ed)? in investing", {"interest", "interested", "investing", "invest", "worth"},
     {"interest", "interested", "investing", "invest"}),
    ("(attract|attracting) (\\w+ ){0,3}invest\\w*", {"attract", "investors", "invest", "worth"}, {"attract", "investors", "invest"}),
    ("condemnations? (also )?came", {"condemnation", "condemnations", "came"}, {"condemnation", "condemnations", "came"}),
    ("[\"“]?looking\\s+at", {"looking", "at", "see"}, {"looking", "at"}),
])
def test_a_trigger_writes_the_keywords_its_words_start(pattern, keywords, expected):
    assert trigger_keywords(pattern, keywords) == expected


def test_keywords_read_from_the_documents_words_are_those_the_pattern_finds():
    regex, kinds_of = _keywords()
    rng = random.Random("keywords")
    words = rng.sample(sorted(kinds_of), 60) + ["co-chair", "fast-track", "co", "chair", "pre", "met-office", "-",
                                                "the", "said", "Co-Chair", ",", "\n"]
    found = 0
    for _ in range(1500):
        text = "".join(rng.choice(words) + rng.choice([" ", " ", "-", "", "\n"]) for _ in range(rng.randint(1, 25)))
        ann = default().start(Document(name="t.txt", text=text, body_start=rng.randint(0, min(3, len(text)))))
        want = [(m.start(), m.group()) for m in regex.finditer(ann.lower, ann.doc.body_start)]
        assert _keyword_hits(ann) == want, text
        found += len(want)
    assert found > 5000, found
