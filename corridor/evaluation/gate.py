"""The quality gate: every scored corpus against floors pinned in quality/floors.json.

A score below its floor fails the gate (and CI, through tests/evaluation/test_gate.py).
Floors rise with `corridor eval --gate --update-floors`; lowering one needs --allow-lower, so a
regression is always a deliberate, reviewed change."""

import json
from dataclasses import dataclass
from pathlib import Path

from corridor.evaluation.corpora import digest, load_corpus
from corridor.evaluation.events import Score
from corridor.evaluation.plover import (
    code_through_extract,
    evaluate_plover,
    load_gold,
    load_real_sentences,
)
from corridor.evaluation.plover import score as score_sentences
from corridor.evaluation.run import evaluate_corpus

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "quality" / "floors.json"


@dataclass
class Check:
    corpus: str
    metric: str
    score: float
    floor: float

    @property
    def passed(self) -> bool:
        return self.score >= self.floor


def flatten(score: Score) -> dict[str, float]:
    """'recall', 'precision', 'f1', 'fields.date', 'kinds.meeting.f1', …"""
    metrics = {"recall": score.recall, "precision": score.precision, "f1": score.f1, "detected": score.detected,
               "precision_kinds": score.precision_kinds}
    metrics.update({f"fields.{name}": value for name, value in score.fields.items()})
    metrics.update({f"kinds.{kind}.f1": row["f1"] for kind, row in score.kinds.items()})
    return metrics


class CorpusChanged(Exception):
    """Raised when a corpus' documents no longer have the digest pinned beside its floors."""


def corpus_scores(spec: dict) -> dict[str, float] | None:
    """A corpus' metrics, or None when its files are absent (../shared in a user's clone).
    An entry of type `plover` scores the PLOVER coder on the PLOVER gold sentences;
    `plover-extract` scores what `corridor extract` makes of the same sentences, and
    `plover-real` of real sentences coded by people. `docs` lists the annotated documents of a
    large corpus; `digest` pins their text."""
    gold = ROOT / spec["gold"]
    corpus = ROOT / spec.get("corpus", spec["gold"])
    docs = ROOT / spec["docs"] if spec.get("docs") else None
    if not gold.exists() or not corpus.exists():
        if spec.get("optional"):
            return None
        raise FileNotFoundError(f"{gold} or {corpus}")
    if spec.get("digest") and spec["digest"] != digest(load_corpus(corpus, docs)):
        raise CorpusChanged(f"{corpus}: the documents differ from those the floors were set on")
    kind = spec.get("type")
    if kind == "plover":
        rules = evaluate_plover(gold, use_model=False)["rules"]
        return {name: rules[name] for name in ("accuracy", "coverage", "mode_agreement")}
    if kind in ("plover-extract", "plover-real"):
        sentences = load_gold(gold) if kind == "plover-extract" else load_real_sentences(gold, corpus, docs)
        scored = score_sentences(sentences, code_through_extract(sentences))
        return {name: scored[name] for name in ("accuracy", "coverage")}
    return flatten(evaluate_corpus(gold, corpus, docs))


def run_gate(path: Path = FLOORS) -> tuple[list[Check], list[str]]:
    """Every check of every corpus present, and the names of the corpora skipped as absent."""
    config = json.loads(path.read_text(encoding="utf-8"))
    checks, skipped = [], []
    for name, spec in config["corpora"].items():
        scores = corpus_scores(spec)
        if scores is None:
            skipped.append(name)
            continue
        for metric, floor in spec["floors"].items():
            checks.append(Check(name, metric, scores.get(metric, 0.0), floor))
    return checks, skipped


class FloorLowered(Exception):
    """Raised when an update would lower a floor without leave to."""


def update_floors(path: Path = FLOORS, allow_lower: bool = False, margin: float = 0.0) -> dict[str, dict[str, float]]:
    """Set every floor to the current score (less a margin, rounded down to two decimals);
    refuse to lower any unless allowed. Extraction is deterministic, so the default margin is
    none. Returns the changed floors."""
    config = json.loads(path.read_text(encoding="utf-8"))
    changes: dict[str, dict[str, float]] = {}
    for name, spec in config["corpora"].items():
        scores = corpus_scores(spec)
        if scores is None:
            continue
        for metric, score in scores.items():
            new = max(0.0, int((score - margin) * 100) / 100)
            old = spec["floors"].get(metric)
            if old is not None and new < old and not allow_lower:
                raise FloorLowered(f"{name} {metric}: {old} → {new} needs --allow-lower")
            if old != new:
                spec["floors"][metric] = new
                changes.setdefault(name, {})[metric] = new
    path.write_text(json.dumps(config, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return changes
