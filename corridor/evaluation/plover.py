"""PLOVER type accuracy on the PLOVER gold-standard sentences.

``evaluate_plover(gold_path)`` codes every gold sentence (DOCUMENT records skipped) and scores
the type against the gold type mapped to the current ontology by
``corridor/extract/data/plover_type_map.yaml``. Accuracy is over all scored sentences: a
sentence the coder leaves uncoded counts as wrong. It reports the rule coder alone and, when
the embeddings extra and the model file are present, the rules with the learned model.

The learned model is trained on NGEC synthetic stories only, never on these sentences, so every
gold sentence is held out for it; ``folds`` splits the sentences into fixed folds to show how
much the accuracy varies across subsets. The rules were written with these sentences in view:
their accuracy here is a development score, not a held-out one (see PLOVER.md).

Usage: python -m corridor.evaluation.plover [GOLD_PATH] [--folds 5] [--no-model]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from corridor.documents.model import Document
from corridor.evaluation.corpora import load_corpus
from corridor.events.model import Plover
from corridor.extract.pipeline import extract
from corridor.extract.plover import (
    DATA_DIR,
    PLOVER_TYPES,
    PloverCode,
    code_sentences,
    learned_model,
)

TYPE_MAP_PATH = DATA_DIR / "plover_type_map.yaml"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD_PATH = SHARED / "corpus" / "plover" / "PLOVER_GSR_CAMEO.txt"

# Old-draft gold modes and contexts spelled the way the coder spells them.
MODE_SYNONYMS = {
    "host": "visit", "demo-org": "demo", "demo-spon": "demo", "riot-spon": "riot",
    "strike-hun": "hunger", "strike-gen": "boycott", "destroy": "seize", "confiscate": "seize",
    "detain": "arrest",
}
CONTEXT_SYNONYMS = {
    "refugees": "refugee", "resources": "resource", "politics": "political",
    "government": "political", "discrimination": "rights", "assets": "economic",
}
NO_CONTEXT = {"", "none", "unknown", "other"}


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    type: str  # current PLOVER type
    source_type: str  # as written in the gold file
    mode: str | None
    context: tuple[str, ...]
    published: date | None = None  # the article's date, for sentences drawn from real news


def load_type_map(path: Path = TYPE_MAP_PATH) -> tuple[dict[str, str], set[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(data["map"]), set(data.get("skip", []))


def load_gold(path: Path = GOLD_PATH) -> list[GoldSentence]:
    """The gold sentences with current types; DOCUMENT records are skipped."""
    type_map, skip = load_type_map()
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r["event"] in skip:
            continue
        if r["event"] not in type_map:
            raise ValueError(f"{r.get('id')}: event {r['event']!r} is not in {TYPE_MAP_PATH.name}")
        # a few records wrap the sentence in braces
        text = r["text"].strip()
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1].strip()
        mode = (r.get("mode") or "").strip() or None
        context = tuple(
            CONTEXT_SYNONYMS.get(c, c)
            for c in (x.strip().lower() for x in (r.get("context") or "").split(","))
            if c not in NO_CONTEXT
        )
        out.append(GoldSentence(r["id"], text, type_map[r["event"]], r["event"], mode, context))
    return out


def load_real_sentences(gold_path: Path, corpus: Path, docs: Path | None = None) -> list[GoldSentence]:
    """Sentences of real articles coded by people (docs/gold.md): each line names its article and
    the sentence's offsets, so no article text is kept in the gold file."""
    articles = {doc.name: doc for doc in load_corpus(corpus, docs)}
    out = []
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        doc = articles[r["doc"]]
        text = doc.text[r["start"] : r["end"]]
        out.append(GoldSentence(f"{r['doc']}@{r['start']}", text, r["type"], r["type"], r.get("mode"), (),
                                doc.published))
    return out


def code_through_extract(gold: Sequence[GoldSentence]) -> list[Plover | None]:
    """The code `corridor extract` gives each sentence read as a document of its own (dated as
    its article): that of its most confident event, None when it finds no event."""
    coded = []
    for g in gold:
        events = extract(Document(name=g.id, text=g.text, published=g.published))
        best = max(events, key=lambda e: e.confidence, default=None)
        coded.append(best.plover if best else None)
    return coded


def fold_of(sentence_id: str, folds: int) -> int:
    """A fixed fold for each sentence, from its id (stable across runs and machines)."""
    return int(hashlib.sha256(sentence_id.encode()).hexdigest(), 16) % folds


def score(gold: Sequence[GoldSentence], predicted: Sequence[PloverCode | Plover | None],
          folds: int = 5) -> dict[str, Any]:
    """Accuracy, coverage, per-type precision/recall/F1, confusion counts, fold accuracies."""
    n = len(gold)
    pred_types = [p.type if p else None for p in predicted]
    correct = [g.type == p for g, p in zip(gold, pred_types, strict=True)]
    coded = sum(p is not None for p in pred_types)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold, pred_types, strict=True):
        confusion[g.type][p or "(none)"] += 1
    per_type = {}
    for t in PLOVER_TYPES:
        tp = sum(1 for g, p in zip(gold, pred_types, strict=True) if g.type == t and p == t)
        n_pred = sum(1 for p in pred_types if p == t)
        n_gold = sum(1 for g in gold if g.type == t)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[t] = {"precision": round(precision, 4), "recall": round(recall, 4),
                       "f1": round(f1, 4), "support": n_gold, "predicted": n_pred}
    fold_acc = []
    for k in range(folds):
        idx = [i for i, g in enumerate(gold) if fold_of(g.id, folds) == k]
        fold_acc.append(round(sum(correct[i] for i in idx) / len(idx), 4) if idx else None)
    # secondary: mode and context agreement where the type is right and gold gives them
    modes = [(MODE_SYNONYMS.get(g.mode, g.mode), p.mode) for g, p in zip(gold, predicted, strict=True)
             if p and g.mode and p.type == g.type]
    contexts = [(set(g.context), set(p.context)) for g, p in zip(gold, predicted, strict=True)
                if p and g.context]
    return {
        "n": n,
        "accuracy": round(sum(correct) / n, 4) if n else 0.0,
        "coverage": round(coded / n, 4) if n else 0.0,
        "accuracy_when_coded": round(sum(correct) / coded, 4) if coded else 0.0,
        "fold_accuracy": fold_acc,
        "per_type": per_type,
        "confusion": {g: dict(sorted(c.items())) for g, c in sorted(confusion.items())},
        "mode_agreement": round(sum(a == b for a, b in modes) / len(modes), 4) if modes else None,
        "context_overlap": round(sum(bool(a & b) for a, b in contexts) / len(contexts), 4)
        if contexts else None,
    }


def evaluate_plover(gold_path: Path | str = GOLD_PATH, folds: int = 5,
                    use_model: bool | None = None) -> dict[str, Any]:
    """Score the coder on the PLOVER gold sentences.

    ``use_model``: None scores the rules+model variant when the extra and model are present;
    False never does; True requires them (ValueError when missing).
    """
    if folds < 1:
        raise ValueError("folds must be at least 1")
    gold = load_gold(Path(gold_path))
    texts = [g.text for g in gold]
    report: dict[str, Any] = {
        "gold": str(gold_path),
        "sentences": len(gold),
        "skipped": "DOCUMENT records",
        "type_map": TYPE_MAP_PATH.name,
        "folds": folds,
        "rules": score(gold, code_sentences(texts), folds),
        "rules+model": None,
    }
    model = learned_model() if use_model is not False else None
    if use_model and model is None:
        raise ValueError("the learned model needs the embeddings extra and plover_model.npz")
    if model is not None:
        scored = score(gold, code_sentences(texts, use_model=True), folds)
        scored["model"] = {k: model.meta[k] for k in ("embedder", "override_threshold",
                                                       "examples", "training_data")}
        scored["held_out"] = "the model never saw these sentences (trained on NGEC only)"
        report["rules+model"] = scored
    else:
        report["rules+model_skipped"] = "embeddings extra or plover_model.npz not available"
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corridor.evaluation.plover",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-model", action="store_true", help="score the rules alone")
    args = parser.parse_args(argv)
    report = evaluate_plover(args.gold, args.folds, use_model=False if args.no_model else None)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
