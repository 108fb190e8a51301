"""Stage 2: event kinds. Trigger phrases of data/kinds.yaml, one compiled pattern per kind,
dropped when negated ("did not agree") and marked when hedged ("may invest").

The phrases are matched case-blind. A kind's pattern is compiled lower-cased and run on the
lower-cased sentence, three times faster than a case-blind pattern: the engine can then reject
a trigger at its first letter (it cannot compare letters case-blind that fast), and each
trigger is marked by an empty group after it, so that a trigger starts with its first word, not
with a group. A kind with a case-sensitive part (`(?-i:...)`) keeps a case-blind pattern."""

import re
from dataclasses import dataclass
from functools import cache

from corridor.extract.annotations import Annotated, Trigger
from corridor.extract.lexicons import alternation, lowerable, lowered, without_groups
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.pipeline import stage

# How far back (characters) a negation or hedge may stand from its trigger.
NEGATION_WINDOW = 30
HEDGE_WINDOW = 40


@dataclass(frozen=True)
class KindPattern:
    kind: str
    regex: re.Pattern
    lowered: bool  # compiled lower-cased, for the lower-cased sentence
    not_after: re.Pattern | None  # words before a trigger that make it no event of this kind
    not_quoted: bool  # a trigger inside quotation marks is a figure of speech ("an attack on our homes")
    triggers: tuple[dict, ...]  # the lexicon's entries, by trigger group number


@stage("kinds", requires=("sentences",), assigns=("triggers",))
def kinds(ann: Annotated) -> Annotated:
    negation, hedge = _cues()
    candidates = _candidate_kinds(ann)
    for sentence in ann.sentences:
        kinds_here = candidates.get(sentence.index)
        if not kinds_here:
            continue
        lower_text = ann.lower_of(sentence)
        for pattern in _patterns():
            if pattern.kind not in kinds_here:
                continue
            for m in pattern.regex.finditer(lower_text if pattern.lowered else sentence.text):
                before = sentence.text[: m.start()]
                if (pattern.not_quoted and _quoted(before)) or negation.search(before[-NEGATION_WINDOW:]) or (
                    pattern.not_after and pattern.not_after.search(before[-NEGATION_WINDOW:])
                ):
                    continue
                entry = pattern.triggers[int(m.lastgroup[1:])]
                hedged = bool(hedge.search(before[-HEDGE_WINDOW:]))
                ann.triggers.append(Trigger(pattern.kind, sentence.start + m.start(), sentence.start + m.end(),
                                            entry["weight"], sentence.index, hedged, entry.get("attendance", False),
                                            entry.get("needs_future_date", False), entry.get("min_parties")))
    return ann


def _quoted(before: str) -> bool:
    """Whether a quotation opened before this point of the sentence is still open."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _candidate_kinds(ann: Annotated) -> dict[int, set[str]]:
    """The kinds of which each sentence holds a keyword: one pass over the text with a single
    pattern, so the costly trigger patterns run on few sentences."""
    regex, kinds_of = _keywords()
    found: dict[int, set[str]] = {}
    for m in regex.finditer(ann.lower, ann.doc.body_start):
        found.setdefault(ann.sentence_of(m.start()), set()).update(kinds_of[m.group()])
    return found


@cache
def _keywords() -> tuple[re.Pattern, dict[str, set[str]]]:
    kinds_of: dict[str, set[str]] = {}
    for kind, spec in kind_lexicon()["kinds"].items():
        for word in filter(None, spec["keywords"].split("|")):
            kinds_of.setdefault(word.lower(), set()).add(kind)
    # Matched on the lower-cased text: a case-blind pattern is three times slower.
    return re.compile(rf"(?<![\w-])(?:{alternation(kinds_of)})(?![\w])"), kinds_of


@cache
def _patterns() -> tuple[KindPattern, ...]:
    compiled = []
    for kind, spec in kind_lexicon()["kinds"].items():
        if not spec["triggers"]:
            continue  # found by another stage (kind `other`: the PLOVER coder)
        lower = all(lowerable(t["pattern"]) for t in spec["triggers"])
        # Trigger i matched when its empty group t<i> did (the last group a match closes).
        groups = [rf"(?:{without_groups(lowered(t['pattern']) if lower else t['pattern'])})(?P<t{i}>)"
                  for i, t in enumerate(spec["triggers"])]
        # A trigger ends on a word boundary unless it ends on a symbol ("invest $").
        regex = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?:(?<!\w)|(?![\w-]))", 0 if lower else re.I)
        not_after = re.compile(spec["not_after"], re.I) if spec.get("not_after") else None
        compiled.append(KindPattern(kind, regex, lower, not_after, spec.get("not_quoted", False),
                                    tuple(spec["triggers"])))
    return tuple(compiled)


@cache
def _cues() -> tuple[re.Pattern, re.Pattern]:
    lex = kind_lexicon()
    words = alternation(w for w in lex["negations"] if w != "n't")
    negation = re.compile(rf"(?i)(?:(?<![\w])(?:{words})|n[’']t)(?:\s+\w+){{0,2}}\s*$")
    hedge = re.compile(rf"(?i)(?<![\w])(?:{alternation(lex['hedges'])})(?![\w])")
    return negation, hedge
