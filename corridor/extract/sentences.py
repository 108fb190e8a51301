"""Stage 1: sentences. Lines are split first (headlines and captions end without a full stop),
then spaCy's rule-based sentencizer splits each line."""

import re
from functools import cache

import spacy

from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.pipeline import stage

_LINE = re.compile(r"[^\n]+")
# A dateline opening a paragraph ("ISLAMABAD:", "Washington —", "KARACHI, March 3 (APP):") is
# not part of the first sentence's quote.
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?:,[^:—–\n]{0,30})?(?:\s*\([A-Za-z]+\))?\s*(?::|—|–)\s+(?=[A-Z\"“])"
)


@cache
def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text[start:], blank lines dropped."""
    lines = [_without_dateline(m.start(), m.group()) for m in _LINE.finditer(text, start) if m.group().strip()]
    spans = []
    for (offset, _line), parsed in zip(lines, _nlp().pipe(line for _, line in lines), strict=True):
        for sent in parsed.sents:
            chars = sent.text.strip()
            if chars:
                begin = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                spans.append((begin, begin + len(chars)))
    return spans


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
