"""Stage 1: sentences. Lines are split first (headlines and captions end without a full stop),
then each line at sentence-final punctuation followed by a capital, a digit or a quote.

On our corpora this splits as spaCy's rule-based sentencizer does, and better where a quotation
opens a sentence (spaCy leaves the opening quote on the sentence before). spaCy tokenizes every
word first, which cost 0.14 ms a sentence, a third of the extraction budget; this splitter costs
a small fraction of that (bench/extract.py measures spaCy's speed beside ours)."""

import re
from functools import cache

from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.lexicons import lexicon
from corridor.extract.registry import stage

_LINE = re.compile(r"[^\n]+")
# A dateline opening a paragraph ("ISLAMABAD:", "Washington —", "KARACHI, March 3 (APP):") is
# not part of the first sentence's quote.
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?:,[^:—–\n]{0,30})?(?:\s*\([A-Za-z]+\))?\s*(?::|—|–)\s+(?=[A-Z\"“])"
)
# Sentence-final punctuation, closing quotes or brackets, then space and what starts a sentence.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(—–]?\s?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(lexicon()["abbreviations"])


def split(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text[start:], blank lines dropped."""
    spans = []
    for m in _LINE.finditer(text, start):
        offset, line = _without_dateline(m.start(), m.group())
        spans.extend((offset + a, offset + b) for a, b in _split_line(line))
    return spans


def _split_line(line: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    abbreviations = _abbreviations()
    for m in _END.finditer(line):
        # "U.S.", "Mr.", "Jan." and initials ("J.") end no sentence.
        if m.group()[0] == "." and _abbreviation(_word_before(line, m.start() + 1), abbreviations):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(line)))
    return [_strip(line, a, b) for a, b in spans if line[a:b].strip()]


def _word_before(line: str, end: int) -> str:
    """The word (a run of non-space characters) that ends at `end`."""
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _abbreviation(token: str, abbreviations: frozenset[str]) -> bool:
    return token.lower() in abbreviations or _INITIALS.fullmatch(token) is not None


def _strip(line: str, a: int, b: int) -> tuple[int, int]:
    chunk = line[a:b]
    return a + len(chunk) - len(chunk.lstrip()), b - len(chunk) + len(chunk.rstrip())


def _without_dateline(offset: int, line: str) -> tuple[int, str]:
    m = _DATELINE.match(line)
    return (offset + m.end(), line[m.end() :]) if m else (offset, line)


@stage("sentences", requires=("doc",), assigns=("sentences",))
def sentences(ann: Annotated) -> Annotated:
    text = ann.text
    ann.sentences = [
        Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(split(text, ann.doc.body_start))
    ]
    return ann
