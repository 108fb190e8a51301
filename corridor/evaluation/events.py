"""Scoring extracted events against gold, exactly as design/EVENTS.md describes.

A gold event is found when a predicted event has its kind, a source in the same document whose
[start, end) overlaps the gold evidence, and agrees on every field the gold event fills. Recall
is over required gold events; precision is over the predicted events of the corpus documents (a
prediction is correct when some gold event, required or not, has its kind and overlapping
evidence). Every document of the corpus counts as annotated, so events predicted in a document
with no gold line are false positives."""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from corridor.documents.model import Document
from corridor.errors import Code, CorridorError
from corridor.events.model import Event
from corridor.extract.places import place_names

# The fields an event must agree on to be found (EVENTS.md).
FIELDS = ("participants", "countries", "date", "place", "sectors")
# Attack details, scored for accuracy on the found events that the gold fills, not for finding.
DETAILS = ("casualties", "method")
# What a place's name may carry that does not change the place ("Bannu district", "Khyber Agency").
_PLACE_SUFFIX = re.compile(r"(?i)\s+(?:district|tehsil|city|agency|town|division)$")


@dataclass
class Gold:
    doc: str
    kind: str
    required: bool
    participants: list[str]
    countries: list[str]
    date: str | None
    place: str | None
    sectors: list[str]
    evidence: str
    casualties: dict | None = None
    method: str | None = None
    target: str | None = None
    plover: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def load_gold(path: Path) -> list[Gold]:
    gold = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            values = {k: record.get(k) for k in Gold.__dataclass_fields__ if k != "spans"}
            values["participants"] = values["participants"] or []
            values["countries"] = values["countries"] or []
            values["sectors"] = values["sectors"] or []
            gold.append(Gold(**values))
        except (json.JSONDecodeError, TypeError) as exc:
            raise CorridorError(Code.E201, str(path), line=lineno, detail=str(exc)) from None
    return gold


def locate(gold: list[Gold], docs: dict[str, Document]) -> None:
    """Find each evidence's offsets in its document (every occurrence counts)."""
    for g in gold:
        doc = docs.get(g.doc)
        if doc is None:
            raise CorridorError(Code.E201, g.doc, line=0, detail="gold names a document missing from the corpus")
        start = doc.text.find(g.evidence)
        while start >= 0:
            g.spans.append((start, start + len(g.evidence)))
            start = doc.text.find(g.evidence, start + 1)
        if not g.spans:
            raise CorridorError(Code.E201, g.doc, line=0, detail=f"evidence not in the document: {g.evidence[:60]!r}")


def _overlaps(event: Event, g: Gold) -> bool:
    return any(s.doc == g.doc and s.start < end and start < s.end for s in event.sources for start, end in g.spans)


def field_agrees(name: str, event: Event, g: Gold) -> bool | None:
    """Whether a predicted event agrees with a gold event on one field (None: gold leaves it open)."""
    if name == "participants":
        if not g.participants:
            return None
        names = [(p.name or "").lower() for p in event.participants]
        return all(any(s.lower() in n for n in names) for s in g.participants)
    if name == "countries":
        return set(g.countries) <= set(event.countries) if g.countries else None
    if name == "date":
        return event.date == g.date if g.date else None
    if name == "place":
        return same_place(event.place, g.place) if g.place else None
    if name == "sectors":
        return set(event.sectors) == set(g.sectors) if g.sectors else None
    if name == "casualties":
        stated = {k: v for k, v in (g.casualties or {}).items() if v is not None}
        if not stated:
            return None
        found = event.casualties or {}
        return all(found.get(k) == v for k, v in stated.items())
    if name == "method":
        return (event.attack or {}).get("method") == g.method if g.method else None
    raise ValueError(name)


def same_place(predicted: str | None, gold: str) -> bool:
    """Whether two names are one place: equal once a suffix such as "district" is dropped, or
    spellings of one gazetteer place ("D.I. Khan" and "Dera Ismail Khan")."""
    return predicted is not None and _canonical_place(predicted) == _canonical_place(gold)


def _canonical_place(name: str) -> str:
    bare = _PLACE_SUFFIX.sub("", name.strip())
    return _place_spellings().get(bare.lower(), bare.lower())


@cache
def _place_spellings() -> dict[str, str]:
    """Every gazetteer spelling, lower-cased, to its place's name."""
    return {surface.lower(): place.name.lower() for surface, place in place_names().items()}


def _agrees(event: Event, g: Gold) -> bool:
    return all(field_agrees(f, event, g) is not False for f in FIELDS)


@dataclass
class Score:
    recall: float
    precision: float
    f1: float
    detected: float  # recall by kind and evidence alone; `fields` says how often each is right
    # precision over the eight kinds: gold lists `other` events as optional, never exhaustively
    precision_kinds: float
    found: int
    required: int
    correct: int
    predicted: int
    fields: dict[str, float]
    kinds: dict[str, dict[str, float]]
    missed: list[dict]
    wrong: list[dict]

    def as_dict(self) -> dict:
        return self.__dict__


def score(gold: list[Gold], predicted: list[Event]) -> Score:
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in predicted:
        for doc in {s.doc for s in event.sources}:
            by_doc[doc].append(event)
    required = [g for g in gold if g.required]
    found_flags = [any(_agrees(e, g) for e in _candidates(g, by_doc)) for g in required]
    detected = sum(bool(_candidates(g, by_doc)) for g in required)
    correct_flags = [any(g.kind == e.kind and _overlaps(e, g) for g in gold) for e in predicted]
    recall = _ratio(sum(found_flags), len(required))
    of_kinds = [ok for e, ok in zip(predicted, correct_flags, strict=True) if e.kind != "other"]
    precision = _ratio(sum(correct_flags), len(predicted))
    return Score(
        recall=recall,
        precision=precision,
        f1=_f1(precision, recall),
        detected=_ratio(detected, len(required)),
        precision_kinds=_ratio(sum(of_kinds), len(of_kinds)),
        found=sum(found_flags),
        required=len(required),
        correct=sum(correct_flags),
        predicted=len(predicted),
        fields=_field_accuracy(required, by_doc),
        kinds=_per_kind(required, found_flags, predicted, correct_flags),
        missed=[_describe_gold(g) for g, ok in zip(required, found_flags, strict=True) if not ok],
        wrong=[_describe_event(e) for e, ok in zip(predicted, correct_flags, strict=True) if not ok],
    )


def _candidates(g: Gold, by_doc: dict[str, list[Event]]) -> list[Event]:
    return [e for e in by_doc.get(g.doc, []) if e.kind == g.kind and _overlaps(e, g)]


def _field_accuracy(required: list[Gold], by_doc: dict[str, list[Event]]) -> dict[str, float]:
    """Per field (and attack detail): among gold events filling it that some prediction matches
    by kind and evidence, the share where the best-matching prediction has it right."""
    right: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for g in required:
        candidates = _candidates(g, by_doc)
        if not candidates:
            continue
        best = max(candidates, key=lambda e: sum(field_agrees(f, e, g) is not False for f in FIELDS))
        for name in FIELDS + DETAILS:
            verdict = field_agrees(name, best, g)
            if verdict is not None:
                seen[name] += 1
                right[name] += verdict
    return {name: _ratio(right[name], seen[name]) for name in FIELDS + DETAILS if seen[name]}


def _per_kind(required, found_flags, predicted, correct_flags) -> dict[str, dict[str, float]]:
    kinds = sorted({g.kind for g in required} | {e.kind for e in predicted})
    table = {}
    for kind in kinds:
        found = [ok for g, ok in zip(required, found_flags, strict=True) if g.kind == kind]
        right = [ok for e, ok in zip(predicted, correct_flags, strict=True) if e.kind == kind]
        recall, precision = _ratio(sum(found), len(found)), _ratio(sum(right), len(right))
        table[kind] = {"recall": recall, "precision": precision, "f1": _f1(precision, recall),
                       "required": len(found), "predicted": len(right)}
    return table


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _describe_gold(g: Gold) -> dict:
    return {"doc": g.doc, "kind": g.kind, "evidence": g.evidence}


def _describe_event(e: Event) -> dict:
    return {"doc": e.sources[0].doc, "kind": e.kind, "quote": e.sources[0].quote[:120]}
