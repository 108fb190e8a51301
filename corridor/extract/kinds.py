"""Stage 2: event kinds. Trigger phrases of data/kinds.yaml, one compiled pattern per kind,
dropped when negated ("did not agree") and marked when hedged ("may invest").

The phrases are matched case-blind. A kind's pattern is compiled lower-cased and run on the
lower-cased sentence, three times faster than a case-blind pattern: the engine can then reject
a trigger at its first letter (it cannot compare letters case-blind that fast), and each
trigger is marked by an empty group after it, so that a trigger starts with its first word, not
with a group. A kind with a case-sensitive part (`(?-i:...)`) keeps a case-blind pattern.

Every trigger holds one of its kind's keywords, written in its pattern (a word, or a stem such as
"invest" in "invest\\w*"). A sentence is searched only with the triggers whose keywords it holds:
one pattern for each set of them, compiled when first met. A kind's triggers are alternatives
tried in turn at every position of a sentence, so fewer alternatives are fewer tries."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from corridor.extract import anchors
from corridor.extract.annotations import Annotated, Trigger
from corridor.extract.lexicons import alternation, lowerable, lowered, without_groups
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.registry import stage

# How far back (characters) a negation or hedge may stand from its trigger.
NEGATION_WINDOW = 30
HEDGE_WINDOW = 40


@dataclass(frozen=True, eq=False)  # hashed by identity, as a cache key
class KindPattern:
    kind: str
    regex: re.Pattern
    lowered: bool  # compiled lower-cased, for the lower-cased sentence
    not_after: re.Pattern | None  # words before a trigger that make it no event of this kind
    not_quoted: bool  # a trigger inside quotation marks is a figure of speech ("an attack on our homes")
    triggers: tuple[dict, ...]  # the lexicon's entries, by trigger group number
    keywords: tuple[frozenset[str], ...]  # by trigger: the kind's keywords written in its pattern

    def regex_for(self, words: frozenset[str]) -> tuple[re.Pattern, bool] | None:
        """The pattern of the triggers that hold one of these keywords, and whether it is
        compiled lower-cased (when none of them has a case-sensitive part); None if none does."""
        return _subset_regex(self, words)


@stage("kinds", requires=("sentences",), assigns=("triggers",),
       lexicons=lambda: {anchors.KIND_KEYWORDS: anchors.first_words_of(keywords())})
def kinds(ann: Annotated) -> Annotated:
    negation, hedge = _cues()
    candidates = _candidate_kinds(ann)
    for sentence in ann.sentences:
        kinds_here = candidates.get(sentence.index)
        if not kinds_here:
            continue
        lower_text = ann.lower_of(sentence)
        for pattern in _patterns():
            subset = pattern.regex_for(kinds_here[pattern.kind]) if pattern.kind in kinds_here else None
            if subset is None:
                continue
            regex, lowered_regex = subset
            for m in regex.finditer(lower_text if lowered_regex else sentence.text):
                before = sentence.text[: m.start()]
                if (pattern.not_quoted and _quoted(before)) or negation.search(before[-NEGATION_WINDOW:]) or (
                    pattern.not_after and pattern.not_after.search(before[-NEGATION_WINDOW:])
                ):
                    continue
                entry = pattern.triggers[int(m.lastgroup[1:])]
                hedged = bool(hedge.search(before[-HEDGE_WINDOW:]))
                ann.triggers.append(Trigger(pattern.kind, sentence.start + m.start(), sentence.start + m.end(),
                                            entry["weight"], sentence.index, hedged, entry.get("attendance", False),
                                            entry.get("needs_future_date", False), entry.get("min_parties"),
                                            entry.get("future_only", False)))
    return ann


def _quoted(before: str) -> bool:
    """Whether a quotation opened before this point of the sentence is still open."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _candidate_kinds(ann: Annotated) -> dict[int, dict[str, frozenset[str]]]:
    """Sentence → kind → the keywords of that kind the sentence holds (read from the document's
    one pass over its words), so the costly trigger patterns run on few sentences."""
    words: dict[int, set[str]] = {}
    for at, word in _keyword_hits(ann):
        words.setdefault(ann.sentence_of(at), set()).add(word)
    return {index: _by_kind(frozenset(held)) for index, held in words.items()}


def _keyword_hits(ann: Annotated) -> list[tuple[int, str]]:
    """(offset, keyword) of every keyword in the body. The document's one pass has found the
    words; a word that is a keyword is one unless a hyphen stands before it or joins it to the
    next (where the pattern decides: "co-chair" is a keyword, "pre-meeting" holds none)."""
    regex, kinds_of = _keywords()
    lower, found, resume = ann.lower, [], 0
    for at, word in anchors.hits(ann, anchors.KIND_KEYWORDS):
        if at < resume:
            continue
        end = at + len(word)
        if word in kinds_of and lower[at - 1 : at] != "-" and lower[end : end + 1] != "-":
            found.append((at, word))
            continue
        m = regex.match(lower, at)
        if m:
            found.append((at, m.group()))
            resume = m.end()
    return found


@lru_cache(maxsize=4096)  # the sets of keywords sentences hold recur
def _by_kind(held: frozenset[str]) -> dict[str, frozenset[str]]:
    """Kind → the keywords of that kind among those a sentence holds (shared: read only)."""
    _, kinds_of = _keywords()
    by_kind: dict[str, set[str]] = {}
    for word in held:
        for kind in kinds_of[word]:
            by_kind.setdefault(kind, set()).add(word)
    return {kind: frozenset(own) for kind, own in by_kind.items()}


@cache
def _keywords() -> tuple[re.Pattern, dict[str, set[str]]]:
    kinds_of: dict[str, set[str]] = {}
    for kind, spec in kind_lexicon()["kinds"].items():
        for word in _kind_keywords(spec):
            kinds_of.setdefault(word, set()).add(kind)
    # Matched on the lower-cased text: a case-blind pattern is three times slower.
    return re.compile(rf"(?<![\w-])(?:{alternation(kinds_of)})(?![\w])"), kinds_of


def keywords() -> set[str]:
    """Every kind's keywords, lower-cased."""
    return set(_keywords()[1])


def _kind_keywords(spec: dict) -> set[str]:
    return {word.lower() for word in spec["keywords"].split("|") if word}


def trigger_keywords(pattern: str, keywords: set[str]) -> frozenset[str]:
    """The keywords a trigger's pattern writes: those that start with one of its literal words
    ("interest(ed)?" writes "interest" and "interested", "invest\\w*" every "invest…",
    "condemnations?" "condemnation")."""
    literal = _ESCAPE.sub(" ", pattern.lower())
    words = set()
    for m in _LITERAL_WORD.finditer(literal):
        optional_last = m.group("optional") and m.group("optional") != "+"
        words.add(m.group("word")[:-1] if optional_last else m.group("word"))
    return frozenset(k for k in keywords if any(k.startswith(w) for w in words))


_ESCAPE = re.compile(r"\\.")
# A literal word, and the quantifier that may follow its last letter.
_LITERAL_WORD = re.compile(r"(?P<word>[a-z][a-z'’-]*)(?P<optional>[?*+{])?")


@cache
def _patterns() -> tuple[KindPattern, ...]:
    compiled = []
    for kind, spec in kind_lexicon()["kinds"].items():
        if not spec["triggers"]:
            continue  # found by another stage (kind `other`: the PLOVER coder)
        lower = all(lowerable(t["pattern"]) for t in spec["triggers"])
        triggers = tuple(spec["triggers"])
        regex = _compile(triggers, range(len(triggers)), lower)
        not_after = re.compile(spec["not_after"], re.I) if spec.get("not_after") else None
        keywords = _kind_keywords(spec)
        compiled.append(KindPattern(kind, regex, lower, not_after, spec.get("not_quoted", False), triggers,
                                    tuple(trigger_keywords(t["pattern"], keywords) for t in triggers)))
    return tuple(compiled)


def _compile(triggers: tuple[dict, ...], which, lower: bool) -> re.Pattern:
    # Trigger i matched when its empty group t<i> did (the last group a match closes).
    groups = [rf"(?:{without_groups(lowered(triggers[i]['pattern']) if lower else triggers[i]['pattern'])})(?P<t{i}>)"
              for i in which]
    # A trigger ends on a word boundary unless it ends on a symbol ("invest $").
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?:(?<!\w)|(?![\w-]))", 0 if lower else re.I)


@lru_cache(maxsize=4096)  # the sets of keywords sentences hold recur
def _subset_regex(pattern: KindPattern, words: frozenset[str]) -> tuple[re.Pattern, bool] | None:
    """A kind's pattern with only the triggers that hold one of the words, in their order (so
    that where several match at one position the same one wins)."""
    which = [i for i, own in enumerate(pattern.keywords) if own & words]
    if not which:
        return None
    if len(which) == len(pattern.triggers):
        return pattern.regex, pattern.lowered
    lower = all(lowerable(pattern.triggers[i]["pattern"]) for i in which)
    return _compile(pattern.triggers, which, lower), lower


@cache
def _cues() -> tuple[re.Pattern, re.Pattern]:
    lex = kind_lexicon()
    words = alternation(w for w in lex["negations"] if w != "n't")
    negation = re.compile(rf"(?i)(?:(?<![\w])(?:{words})|n[’']t)(?:\s+\w+){{0,2}}\s*$")
    hedge = re.compile(rf"(?i)(?<![\w])(?:{alternation(lex['hedges'])})(?![\w])")
    return negation, hedge
