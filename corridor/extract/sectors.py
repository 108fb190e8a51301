"""Stage 8: sectors, from the word lists of data/sectors.yaml."""

import re
from functools import cache, lru_cache

from corridor.extract import anchors
from corridor.extract.annotations import Annotated, SectorMention
from corridor.extract.lexicons import first_word, initials, without_groups
from corridor.extract.lexicons import sectors as sector_lexicon
from corridor.extract.registry import stage


@stage("sectors", requires=("sentences", "triggers"), assigns=("sectors",),
       lexicons=lambda: dict(zip((anchors.SECTORS, anchors.SECTORS_CASED), first_words(), strict=True)))
def sectors(ann: Annotated) -> Annotated:
    """Sectors named in the sentences that hold a trigger (no event takes one from another)."""
    blind, cased = _regexes()
    wanted = ann.event_sentences()
    matches = [*anchors.matches_in(ann, anchors.SECTORS, blind, wanted, lowered=True),
               *anchors.matches_in(ann, anchors.SECTORS_CASED, cased, wanted)]
    for m in sorted(matches, key=lambda m: m.start()):
        ann.sectors.append(SectorMention(m.start(), m.end(), m.lastgroup, ann.sentence_of(m.start())))
    return ann


@lru_cache(maxsize=65536)  # the titles and names of a corpus's actors recur
def guess_sector(*texts: str | None) -> str | None:
    """The first sector named in an actor's title or name ("Minister for Petroleum" → energy)."""
    blind, cased = _regexes()
    for text in texts:
        if text:
            m = blind.search(text.lower()) or cased.search(text)
            if m:
                return m.lastgroup
    return None


def first_words() -> tuple[set[tuple[str, bool]], set[tuple[str, bool]]]:
    """The words the case-blind and the case-kept sector words start with, lower-cased (see
    lexicons.first_word): where they stand, the two patterns are tried (extract/anchors.py)."""
    blind, cased = _word_lists()
    return ({first_word(w) for words in blind.values() for w in words},
            {first_word(w.lower()) for words in cased.values() for w in words})


@cache
def _word_lists() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Sector → its words matched case-blind (lower-cased), and sector → those matched as written
    (acronyms such as IT; the words of sectors marked lower_case_only)."""
    blind, cased = {}, {}
    for sector, entry in sector_lexicon().items():
        words = entry.get("words", [])
        if words and not entry.get("lower_case_only"):
            blind[sector] = [w.lower() for w in words]
        exact = [re.escape(w) for w in entry.get("exact_case", [])]
        exact += words if entry.get("lower_case_only") else []
        if exact:
            cased[sector] = exact
    return blind, cased


@cache
def _regexes() -> tuple[re.Pattern, re.Pattern]:
    """Two passes, a named group per sector in each: the case-blind words on the lower-cased
    text (a case-blind pattern is three times slower), and the words that must match as
    written (acronyms such as IT; sectors marked lower_case_only) on the text itself."""
    blind, cased = ("|".join(_group(sector, words) for sector, words in lists.items()) for lists in _word_lists())
    # One look-behind for all groups: positions inside a word are rejected before any group runs.
    return re.compile(rf"(?<![\w-])(?:{blind})"), re.compile(rf"(?<![\w-])(?:{cased})")


def _group(sector: str, words: list[str]) -> str:
    """A sector's words, opened by a look-ahead for their first letters (a position none starts
    at costs one test, not one per word) and marked by the sector's empty group after them, the
    only group (see lexicons.without_groups)."""
    starts = f"(?=[{initials(words)}])" if all(_literal_start(w) for w in words) else ""
    return rf"(?:{starts}(?:{without_groups('|'.join(words))})(?![\w-]))(?P<{sector}>)"


def _literal_start(word: str) -> bool:
    """Whether a word of the list (a regex) surely starts with its first character."""
    return word[:1].isalnum() and word[1:2] not in ("?", "*", "{")
