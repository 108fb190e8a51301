"""Lexicons sought only where one of their phrases' first words stands (one shared pass over the
text) must find what their patterns find over the whole text."""

import random

import pytest

from corridor.documents.model import Document
from corridor.extract import anchors, patterns
from corridor.extract.annotations import Sentence
from corridor.extract.assemble import _names, _shared_contexts
from corridor.extract.coref import _PRONOUN
from corridor.extract.dates import _CANDIDATE
from corridor.extract.kinds import _keywords, keywords
from corridor.extract.lexicons import alternatives, first_word, lexicon, titles
from corridor.extract.lexicons import sectors as sector_lexicon
from corridor.extract.pipeline import default
from corridor.extract.sectors import _regexes as sector_regexes
from corridor.extract.sentences import sentences

NOISE = ["the", "The", "of", "and", "said", "US", "Pakistan", "officials", "minister", "-", "(", ",", ".", "\n",
         "x", "Ministry", "both", "sides"]


def sample_phrases(name: str, rng: random.Random) -> list[str]:
    phrases = sorted(keywords()) if name == anchors.KIND_KEYWORDS else list(anchors.phrases()[name])
    # Words that complete a phrase after its first: a title's portfolio, a group's body.
    rest = {anchors.TITLES: titles()["complement_words"][:40] + ["of", "for"],
            anchors.UNNAMED_GROUPS: lexicon()["unnamed_group_bodies"] + ["of", "from"] * 8}
    return rng.sample(phrases, min(40, len(phrases))) + rest.get(name, [])


def awkward_text(words: list[str], rng: random.Random) -> str:
    pieces = [rng.choice(words) for _ in range(rng.randint(1, 30))]
    pieces = [p.upper() if rng.random() < 0.1 else p.title() if rng.random() < 0.2 else p for p in pieces]
    return "".join(piece + rng.choice(["", " ", " ", " ", " ", "\n", "-", ","]) for piece in pieces)


LEXICONS = {
    anchors.KIND_KEYWORDS: (lambda: _keywords()[0], True),
    anchors.TITLES: (patterns.title_mention, True),
    anchors.REGISTER_ORGS: (lambda: patterns.register_org()[1], True),
    anchors.UNNAMED_GROUPS: (patterns.unnamed_group, False),
    anchors.COLLECTIVES: (patterns.collective, False),
}


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_sought_where_first_words_stand_as_in_the_whole_text(name):
    pattern, lowered = LEXICONS[name]
    regex = pattern()
    rng = random.Random(name)
    words = sample_phrases(name, rng) + NOISE
    found = 0
    for _ in range(1500):
        text = awkward_text(words, rng)
        ann = default().start(Document(name="t.txt", text=text, body_start=rng.randint(0, min(3, len(text)))))
        string = ann.lower if lowered else ann.text
        want = [m.span() for m in regex.finditer(string, ann.doc.body_start)]
        assert [m.span() for m in anchors.matches(ann, name, regex, lowered)] == want, text
        found += len(want)
    assert found > 50, found


def test_every_phrase_starts_with_a_word():
    for phrases in anchors.phrases().values():
        for phrase in phrases:
            assert anchors.phrase_key(phrase)
    assert anchors.phrase_key("The  two sides") == "the two"
    assert anchors.phrase_key("theatre workers") == "theatre"
    for phrase in ("$ billion", "the"):
        with pytest.raises(ValueError, match="starts with no word"):
            anchors.phrase_key(phrase)


DATE_WORDS = ["March", "Mar.", "mid-June", "Sept", "Monday", "monday", "last", "next", "this", "coming", "earlier",
              "later", "month", "day", "before", "yesterday", "today", "the", "The", "of", "in", "by", "5th", "21",
              "2026", "2026-03-05", "12th", "Mardan", "Mayor", "Decembers", "on", "said", ",", "."]


PRONOUN_WORDS = ["He", "he", "She", "she", "HE", "shed", "Heath", "the", "and", "but", "said", ",", ".", ";", ":", "x"]


def single_sentences(words: list[str], seed: str, count: int = 1500):
    """Documents of one sentence, the words awkwardly joined: (annotated document, sentence)."""
    rng = random.Random(seed)
    for _ in range(count):
        ann = default().start(Document(name="t.txt", text=awkward_text(words, rng)))
        yield ann, Sentence(0, 0, len(ann.text), ann.text)  # the text as the stages read it


@pytest.mark.parametrize("name, regex, words, at_least", [
    (anchors.DATES, _CANDIDATE, DATE_WORDS, 500),
    (anchors.PRONOUNS, _PRONOUN, PRONOUN_WORDS, 300),
], ids=["dates", "pronouns"])
def test_sought_where_first_words_stand_as_in_the_whole_sentence(name, regex, words, at_least):
    found = 0
    for ann, sentence in single_sentences(words, name):
        starts = anchors.starts_in(ann, name, sentence)
        want = [m.span() for m in regex.finditer(sentence.text)]
        assert [m.span() for m in anchors.matches_at(regex, sentence.text, starts)] == want, sentence.text
        found += len(want)
    assert found > at_least, found


def test_a_month_or_a_day_is_a_whole_word():
    text = "Three people were hurt in Mardan on Monday; shops shut on Mondays, and in March talks resume."
    assert [m.group() for m in _CANDIDATE.finditer(text)] == ["Monday", "March"]


# Forms of the sector words their patterns write with optional parts, and words matched as written.
SECTOR_FORMS = ["data centres", "telecoms", "cybersecurity", "agrifood", "Mines.", "semiconductor", "mineral", "refinery",
                "factory", "crop", "bond", "IT", "it", "ICT", "AI", "Ai", "ports", "Ports", "road", "Trade", "exports"]


@pytest.mark.parametrize("name, lowered", [(anchors.SECTORS, True), (anchors.SECTORS_CASED, False)],
                         ids=["case-blind", "as written"])
def test_sectors_sought_where_their_first_words_stand_as_in_the_sentences(name, lowered):
    regex = sector_regexes()[0 if lowered else 1]
    words = [w.replace("\\w*", "s").replace("\\w+", "ing").replace("?", "").replace("(", "").replace(")", "")
             .replace("|", " ").replace("[", "").replace("]", "")
             for entry in sector_lexicon().values() for w in entry.get("words", [])]
    rng = random.Random(name)
    found = 0
    for _ in range(1000):
        text = awkward_text(words + NOISE + SECTOR_FORMS, rng)
        ann = sentences(default().start(Document(name="t.txt", text=text)))
        wanted = [s.index for s in ann.sentences if rng.random() < 0.7]
        want = [m.span() for m in ann.matches_in(regex, wanted, lowered=lowered)]
        assert [m.span() for m in anchors.matches_in(ann, name, regex, wanted, lowered=lowered)] == want, text
        found += len(want)
    assert found > 500, found


@pytest.mark.parametrize("pattern, expected", [
    ("data cent(er|re)s?", ("data", False)),
    ("tech(nology)? (sector|industry)", ("tech", True)),
    ("telecom\\w*", ("telecom", True)),
    ("semiconductors?", ("semiconductor", True)),
    ("cyber ?security", ("cyber", True)),
    ("agri-?food", ("agri", True)),
    ("it-enabled services", ("it", False)),
    ("5g", ("5g", False)),
])
def test_the_word_a_pattern_starts_with(pattern, expected):
    assert first_word(pattern) == expected


def test_a_pattern_that_starts_with_no_word_has_none():
    with pytest.raises(ValueError, match="starts with no word"):
        first_word("(a|the) meeting")


CONTEXT_WORDS = ["investment", "investors", "trade", "trader", "economy", "market", "sectors", "sector", "terror",
                 "terrorists", "militancy", "suicide", "bomber", "bombing", "counter-terrorism", "counterterrorism",
                 "police", "law", "enforcement", "bilateral", "relations", "diplomats", "ambassador", "embassy",
                 "foreign", "ministry", "minister", "pro-market", "the", "of", "said"]


def test_contexts_sought_where_their_words_stand_as_in_the_sentence():
    named = 0
    for ann, sentence in single_sentences(CONTEXT_WORDS, "contexts"):
        lower = ann.lower_of(sentence)
        for regex, name in _shared_contexts():
            want = bool(regex.search(lower))
            assert _names(ann, name, regex, sentence, lower) == want, (name, sentence.text)
            named += want
    assert named > 1000, named


def test_a_patterns_alternatives_are_split_at_its_top_level():
    assert alternatives("a|b(c|d)|e\\|f") == ["a", "b(c|d)", "e\\|f"]  # an escaped bar
    assert alternatives("a\\\\|f") == ["a\\\\", "f"]  # an escaped backslash, then a bar
