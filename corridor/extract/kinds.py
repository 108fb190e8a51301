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

from corridor.extract.annotations import Annotated, Sentence, Trigger
from corridor.extract.lexicons import alternation
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.pipeline import stage

# How far back (characters) a negation or hedge may stand from its trigger.
NEGATION_WINDOW = 30
HEDGE_WINDOW = 40


# Letters that a case-blind pattern matches to an ASCII letter but that lower-case to another
# (Turkish dotted and dotless i, the long s): the lower-cased sentence spells them as it does.
_CASE_BLIND = str.maketrans("İıſ", "iis")
# What makes a trigger pattern unfit to be lower-cased: inline flags or named groups.
_INLINE_FLAGS = re.compile(r"\(\?[^:=!<]")


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
        lowered = _lowered(ann, sentence)
        for pattern in _patterns():
            if pattern.kind not in kinds_here:
                continue
            for m in pattern.regex.finditer(lowered if pattern.lowered else sentence.text):
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


def _lowered(ann: Annotated, sentence: Sentence) -> str:
    lowered = ann.lower[sentence.start : sentence.end]
    return lowered if lowered.isascii() else lowered.translate(_CASE_BLIND)


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
        lowered = not any(_INLINE_FLAGS.search(t["pattern"]) for t in spec["triggers"])
        # Trigger i matched when its empty group t<i> did (the last group a match closes).
        groups = [rf"(?:{_without_groups(_lower(t['pattern']) if lowered else t['pattern'])})(?P<t{i}>)"
                  for i, t in enumerate(spec["triggers"])]
        # A trigger ends on a word boundary unless it ends on a symbol ("invest $").
        regex = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?:(?<!\w)|(?![\w-]))", 0 if lowered else re.I)
        not_after = re.compile(spec["not_after"], re.I) if spec.get("not_after") else None
        compiled.append(KindPattern(kind, regex, lowered, not_after, spec.get("not_quoted", False),
                                    tuple(spec["triggers"])))
    return tuple(compiled)


def _lower(pattern: str) -> str:
    """A pattern lower-cased, its escapes kept (\\S is not \\s)."""
    return "".join(part if part.startswith("\\") else part.lower() for part in _ESCAPES.findall(pattern))


def _without_groups(pattern: str) -> str:
    """A pattern's capturing groups made non-capturing ('(a|b)' → '(?:a|b)'), so that only the
    trigger markers capture; brackets escaped or inside a character class are left alone."""
    return "".join("(?:" if part == "(" else part for part in _TOKENS.findall(pattern))


# A regex source cut into escapes and the rest.
_ESCAPES = re.compile(r"\\.|[^\\]+", re.S)
# A regex source cut into escapes, character classes, groups' opening brackets and the rest.
_TOKENS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?|\(|[^\\[(]+", re.S)


@cache
def _cues() -> tuple[re.Pattern, re.Pattern]:
    lex = kind_lexicon()
    words = alternation(w for w in lex["negations"] if w != "n't")
    negation = re.compile(rf"(?i)(?:(?<![\w])(?:{words})|n[’']t)(?:\s+\w+){{0,2}}\s*$")
    hedge = re.compile(rf"(?i)(?<![\w])(?:{alternation(lex['hedges'])})(?![\w])")
    return negation, hedge
