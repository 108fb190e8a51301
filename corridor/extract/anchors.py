"""Where the phrases of the case-blind lexicons may start: one pass over a document's words.

Several stages look for the phrases of a lexicon anywhere in an article: the keywords of event
kinds, titles of office, the register's organisations, unnamed groups, collectives. Each of their
patterns, run on its own over the lower-cased text, is tried at nearly every position (a letter
stands nearly everywhere, so none can skip ahead) and pays a look-behind at each position inside
a word. Instead, one pattern of every lexicon's first words finds, in a single pass, the words
where a phrase of some lexicon may start; each lexicon's own pattern is then tried only there.
A phrase starts with its first word, whole (a pattern for it ends on a word boundary), so its
pattern cannot match where that word does not stand: the matches found are those a full scan
finds. A phrase that opens with "the" is sought where "the" stands before its second word:
"the" alone stands a dozen times in an article, where the lexicons' patterns would be tried in
vain. (The second word is looked ahead to, not taken: it may start a phrase of its own.)
"""

import re
from collections.abc import Iterable
from functools import cache

from corridor.extract.annotations import Annotated
from corridor.extract.lexicons import alternation, lexicon, titles
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.patterns import register_surfaces

KIND_KEYWORDS = "kind keywords"
TITLES = "titles"
REGISTER_ORGS = "register organisations"
UNNAMED_GROUPS = "unnamed groups"
COLLECTIVES = "collectives"

_FIRST_WORDS = re.compile(r"(?P<the>the\s+)?(?P<word>\w+)")


def matches(ann: Annotated, name: str, regex: re.Pattern, lowered: bool = False) -> list[re.Match]:
    """What `regex.finditer` finds in the body of the text (or of the lower-cased text), for a
    regex that matches only where a phrase of the named lexicon starts."""
    return matches_at(regex, ann.lower if lowered else ann.text, starts(ann, name))


def matches_at(regex: re.Pattern, text: str, starts: Iterable[int]) -> list[re.Match]:
    """What `regex.finditer` finds when a match can start only at the given offsets (in order):
    the regex is tried at each, and not inside the last match."""
    found: list[re.Match] = []
    resume = 0
    for at in starts:
        if at >= resume:
            m = regex.match(text, at)
            if m:
                found.append(m)
                resume = m.end()
    return found


def starts(ann: Annotated, name: str) -> list[int]:
    """The offsets in the body where a word that starts a phrase of the lexicon stands."""
    if ann.phrase_starts is None:
        ann.phrase_starts = _scan(ann.lower, ann.doc.body_start)
    return ann.phrase_starts.get(name, [])


def _scan(lower: str, start: int) -> dict[str, list[int]]:
    regex, lexicons_of = _first_words()
    found: dict[str, list[int]] = {}
    for m in regex.finditer(lower, start):
        at = m.start()
        for name in lexicons_of[m.group()]:
            found.setdefault(name, []).append(at)
    return found


@cache
def _first_words() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One pattern for the first words of every lexicon's phrases, and which lexicons each starts."""
    names: dict[str, list[str]] = {}
    after_the: set[str] = set()  # second words of the phrases that open with "the"
    for name, phrases in _lexicons().items():
        for phrase in phrases:
            first, second = first_word(phrase)
            if second:
                after_the.add(second)
            if name not in names.setdefault(first, []):
                names[first].append(name)
    words = alternation(w for w in names if w != "the")
    the = rf"|the(?=\s+(?:{alternation(after_the)})(?!\w))" if after_the else ""
    regex = re.compile(rf"(?<!\w)(?:(?:{words})(?!\w){the})")
    return regex, {word: tuple(owners) for word, owners in names.items()}


def first_word(phrase: str) -> tuple[str, str | None]:
    """The lower-cased first word of a phrase, and its second when the first is "the"; a phrase
    must start with a word ("the" followed by one)."""
    m = _FIRST_WORDS.match(phrase.lower())
    if not m or m.group() == "the":
        raise ValueError(f"a phrase of a lexicon scanned by its first word starts with no word: {phrase!r}")
    return ("the", m.group("word")) if m.group("the") else (m.group("word"), None)


def _lexicons() -> dict[str, Iterable[str]]:
    lex, data = lexicon(), titles()
    _, orgs = register_surfaces()
    return {
        KIND_KEYWORDS: [w for spec in kind_lexicon()["kinds"].values() for w in spec["keywords"].split("|") if w],
        TITLES: [*data["modifiers"], *data["heads"]],
        REGISTER_ORGS: [s for s in orgs if " " in s],
        UNNAMED_GROUPS: lex["unnamed_group_heads"],
        COLLECTIVES: lex["collectives"],
    }
