"""Stage 1: sentences. Lines are split first (headlines and captions end without a full stop),
then each line at sentence-final punctuation followed by a capital, a digit or a quote.

On our corpora this splits as spaCy's rule-based sentencizer does, and better where a quotation
opens a sentence (spaCy leaves the opening quote on the sentence before). spaCy tokenizes every
word first, which cost 0.14 ms a sentence, a third of the extraction budget; this splitter costs
a small fraction of that (bench/extract.py measures spaCy's speed beside ours)."""

import re

from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.lexicons import lexicon
from corridor.extract.pipeline import stage

_LINE = re.compile(r"[^\n]+")
# A dateline opening a paragraph ("ISLAMABAD:", "Washington —", "KARACHI, March 3 (APP):") is
# not part of the first sentence's quote.
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?:,[^:—–\n]{0,30})?(?:\s*\([A-Za-z]+\))?\s*(?::|—|–)\s+(?=[A-Z\"“])"
)
# Sentence-final punctuation, closing quotes or brackets, then space and what starts a sentence.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(—–]?\s?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


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
        word = _WORD_BEFORE.search(line, 0, m.start() + 1)
        token = word.group(1) if word else ""
        # "U.S.", "Mr.", "Jan." and initials ("J.") end no sentence.
        if m.group()[0] == "." and (token.lower() in abbreviations or re.fullmatch(r"(?:[A-Z]\.)+", token)):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(line)))
    return [_strip(line, a, b) for a, b in spans if line[a:b].strip()]


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
