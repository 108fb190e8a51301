"""Where the phrases of the case-blind lexicons may start: one pass over a document's words.

Several stages look for the phrases of a lexicon anywhere in an article: the keywords of event
kinds, titles of office, the register's organisations and the words that name others (heads,
suffixes, portfolios), unnamed groups, collectives, "the" before a title, pronouns, the words
that anchor the PLOVER coder's patterns and name its contexts, the words and digits dates start
with, and the words of sectors. Each of their patterns, run on its own over the lower-cased
text, is tried at nearly every position (a letter stands nearly everywhere, so none can skip
ahead) and pays a look-behind at each position inside a word. Instead, one pattern of every
lexicon's first words finds, in a single pass, the words where a phrase of some lexicon may
start; each lexicon's own pattern is then tried only there. A phrase starts with its first word,
whole (a pattern for it ends on a word boundary), so its pattern cannot match where that word
does not stand: the matches found are those a full scan finds (tests/extract/test_anchors.py and
the stages' tests check each lexicon).

A first word may be a stem ("condemn" for "condemned"): it stands wherever a word starts with
it. A phrase that opens with "the" is sought where "the" stands before its second word: "the"
alone stands a dozen times in an article, where the lexicons' patterns would be tried in vain.
(The second word is looked ahead to, not taken: it may start a phrase of its own.)
"""

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from corridor.extract import patterns
from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.lexicons import alternatives, country_by_surface, first_word, lexicon, lowered, titles, word_trie
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.plover import rule_coder

KIND_KEYWORDS = "kind keywords"
TITLES = "titles"
REGISTER_ORGS = "register organisations"
UNNAMED_GROUPS = "unnamed groups"
COLLECTIVES = "collectives"
PLOVER = "plover anchors"
DATES = "dates"
SECTORS = "sectors"
SECTORS_CASED = "sectors as written"
ORG_HEADS = "organisation heads"
ORG_SUFFIXES = "organisation suffixes"
PORTFOLIOS = "portfolios"
TITLE_REFERENCES = "title references"
PRONOUNS = "pronouns"


def context_lexicon(name: str) -> str:
    """The lexicon of the words that name a PLOVER context (kinds.yaml, `contexts`)."""
    return f"context {name}"


_FIRST_WORDS = re.compile(r"(?P<the>the\s+)?(?P<word>\w+)")
_WORD = re.compile(r"\w+")


@dataclass
class Found:
    """A lexicon's first words in a document: their offsets, in order, and the words."""

    starts: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def matches(ann: Annotated, name: str, regex: re.Pattern, lowered: bool = False) -> list[re.Match]:
    """What `regex.finditer` finds in the body of the text (or of the lower-cased text), for a
    regex that matches only where a phrase of the named lexicon starts."""
    return matches_at(regex, ann.lower if lowered else ann.text, starts(ann, name))


def matches_in(ann: Annotated, name: str, regex: re.Pattern, indexes: Iterable[int],
               lowered: bool = False) -> list[re.Match]:
    """What `ann.matches_in` finds in the given sentences, for a regex that matches only where a
    phrase of the named lexicon starts."""
    text, starts = (ann.lower if lowered else ann.text), _found(ann, name).starts
    found: list[re.Match] = []
    for start, end in ann.ranges(indexes):
        within = starts[bisect_left(starts, start) : bisect_left(starts, end)]
        found += matches_at(regex, text, within, end)
    return found


def matches_at(regex: re.Pattern, text: str, starts: Iterable[int], end: int | None = None) -> list[re.Match]:
    """What `regex.finditer` finds (up to `end`) when a match can start only at the given offsets
    (in order): the regex is tried at each, and not inside the last match."""
    found: list[re.Match] = []
    resume = 0
    end = len(text) if end is None else end
    for at in starts:
        if at >= resume:
            m = regex.match(text, at, end)
            if m:
                found.append(m)
                resume = m.end()
    return found


def starts(ann: Annotated, name: str) -> list[int]:
    """The offsets in the body where a word that starts a phrase of the lexicon stands."""
    return _found(ann, name).starts


def hits(ann: Annotated, name: str) -> Iterable[tuple[int, str]]:
    """The lexicon's first words in the body: (offset, word) in order."""
    found = _found(ann, name)
    return zip(found.starts, found.words, strict=True)


def words_in(ann: Annotated, name: str, sentence: Sentence) -> list[tuple[int, str]]:
    """The lexicon's first words in a sentence: (offset in the sentence, word) in order."""
    found = _found(ann, name)
    lo, hi = _within(found.starts, sentence)
    return [(found.starts[i] - sentence.start, found.words[i]) for i in range(lo, hi)]


def starts_in(ann: Annotated, name: str, sentence: Sentence) -> list[int]:
    """The offsets in a sentence where the lexicon's first words stand, in order."""
    starts = _found(ann, name).starts
    lo, hi = _within(starts, sentence)
    return [at - sentence.start for at in starts[lo:hi]] if hi > lo else []


def _within(starts: list[int], sentence: Sentence) -> tuple[int, int]:
    if not starts:
        return 0, 0
    lo = bisect_left(starts, sentence.start)
    return lo, bisect_left(starts, sentence.end, lo)


def _found(ann: Annotated, name: str) -> Found:
    if ann.phrase_starts is None:
        ann.phrase_starts = ann.index.scan(ann.lower, ann.doc.body_start)
    return ann.phrase_starts.get(name) or Found()


class PhraseIndex:
    """The first words of every lexicon sought by them, found in one pass over a document: the
    lexicons of this module and those the stages declare (registry.py), built once by the
    pipeline and handed to each document under extraction."""

    def __init__(self, declared: dict[str, set[tuple[str, bool]]]) -> None:
        self.scanner = _scanner({**_first_words(), **declared})

    def scan(self, lower: str, start: int) -> dict[str, Found]:
        scanner = self.scanner
        owners = scanner.owners
        found: dict[str, Found] = {}
        for m in scanner.regex.finditer(lower, start):
            at, key = m.start(), m.group()
            for name, word in owners.get(key) or scanner.resolve(key):
                into = found.get(name) or found.setdefault(name, Found())
                into.starts.append(at)
                into.words.append(word)
        return found


@dataclass
class _Scanner:
    """The pattern of every lexicon's first words, and which lexicons a word found starts."""

    regex: re.Pattern
    exact: dict[str, tuple[str, ...]]  # word → the lexicons it starts a phrase of
    stems: dict[str, tuple[str, ...]]  # stem → the lexicons
    owners: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # resolved, see resolve

    def resolve(self, key: str) -> tuple[tuple[str, str], ...]:
        """(lexicon, word) for each lexicon a word found starts a phrase of, with the word as
        that lexicon's own pattern would take it: the whole of "can't" for a lexicon that has
        it, "can" for one that has only that, and the letters for a stem."""
        letters = _WORD.match(key).group()
        found = {name: key for name in self.exact.get(key, ())}
        for name in self.exact.get(letters, ()):
            found.setdefault(name, letters)
        for i in range(len(letters), 0, -1):
            for name in self.stems.get(letters[:i], ()):
                found.setdefault(name, letters)
        resolved = tuple(found.items())
        if len(self.owners) < 100_000:  # bounded: a corpus's words are many, but not endless
            self.owners[key] = resolved
        return resolved


def _scanner(first_words: dict[str, set[tuple[str, bool]]]) -> _Scanner:
    exact: dict[str, list[str]] = {}
    stems: dict[str, list[str]] = {}
    plain: set[tuple[str, bool]] = set()  # words and stems sought alone
    after_the: set[tuple[str, bool]] = set()  # second words after "the"
    for name, firsts in first_words.items():
        for word, is_stem in firsts:
            if word.startswith("the "):
                after_the.add((word.removeprefix("the "), is_stem))
                owners = exact.setdefault("the", [])
            else:
                plain.add((word, is_stem))
                owners = (stems if is_stem else exact).setdefault(word, [])
            if name not in owners:
                owners.append(name)
    the = rf"|the(?=\s+{word_trie(after_the)})" if after_the else ""
    regex = re.compile(rf"(?<!\w)(?:{word_trie(plain)}{the})")
    return _Scanner(regex, {w: tuple(n) for w, n in exact.items()}, {s: tuple(n) for s, n in stems.items()})


def phrase_key(phrase: str) -> str:
    """The lower-cased first word of a phrase ("the" and its second word for one that opens with
    "the"); a phrase must start with a word ("the" followed by one)."""
    m = _FIRST_WORDS.match(phrase.lower())
    if not m or m.group() == "the":
        raise ValueError(f"a phrase of a lexicon scanned by its first word starts with no word: {phrase!r}")
    return f"the {m.group('word')}" if m.group("the") else m.group("word")


@cache
def _first_words() -> dict[str, set[tuple[str, bool]]]:
    """The first words of this module's lexicons, each with whether it is a stem."""
    firsts = {name: first_words_of(listed) for name, listed in phrases().items()}
    firsts[PLOVER] = rule_coder().anchor_words()
    for name, pattern in kind_lexicon()["contexts"].items():
        firsts[context_lexicon(name)] = {first_word(lowered(alt)) for alt in alternatives(pattern)}
    return firsts


def first_words_of(phrases: Iterable[str]) -> set[tuple[str, bool]]:
    """The first words of phrases sought by them (none a stem)."""
    return {(phrase_key(p), False) for p in phrases}


def phrases() -> dict[str, list[str]]:
    """The phrases of this module's lexicons sought by their first words (the PLOVER coder's
    patterns give it theirs; the stages declare theirs)."""
    lex, data = lexicon(), titles()
    _, orgs = patterns.register_surfaces()
    return {
        TITLES: [*data["modifiers"], *data["heads"]],
        REGISTER_ORGS: [s for s in orgs if " " in s],
        UNNAMED_GROUPS: lex["unnamed_group_heads"],
        COLLECTIVES: lex["collectives"],
        ORG_HEADS: lex["org_heads"],
        ORG_SUFFIXES: lex["org_suffixes"],
        PORTFOLIOS: list(patterns.PORTFOLIOS),
        # "the US assistant secretary", "the minister": "the" before a country, a title or a role
        TITLE_REFERENCES: [f"the {w}" for w in (*country_by_surface(), *data["modifiers"], *data["heads"],
                                                *lex["role_nouns"])],
        PRONOUNS: ["he", "she"],  # the subjects coreference resolves
    }
