"""Extraction on the project's own annotated articles: the demo corpus, and a held-out set the
rules were not written against. Floors guard against regressions; see quality/floors.json."""

from pathlib import Path

import pytest

from corridor.evaluation.run import evaluate_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {
    "demo": (ROOT / "tests/gold/demo.events.jsonl", ROOT / "corridor/demo/corpus", 0.65, 0.85),
    "heldout": (ROOT / "tests/gold/heldout.events.jsonl", ROOT / "tests/data/heldout", 0.35, 0.8),
}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpora_scores_hold(name):
    gold, corpus, recall, precision = CORPORA[name]
    score = evaluate_corpus(gold, corpus)
    assert score.recall >= recall, score.missed
    assert score.precision >= precision, score.wrong
