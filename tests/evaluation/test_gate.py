"""The quality gate: the project's scores stay at or above the floors in quality/floors.json."""

import json

import pytest

from corridor.evaluation import gate


def test_gate_every_score_holds_its_floor():
    checks, _skipped = gate.run_gate()
    below = [f"{c.corpus} {c.metric}: {c.score:.3f} < {c.floor}" for c in checks if not c.passed]
    assert not below
    assert {c.corpus for c in checks} >= {"demo", "heldout"}


@pytest.fixture
def floors(tmp_path):
    config = json.loads(gate.FLOORS.read_text())
    config["corpora"] = {"demo": config["corpora"]["demo"]}
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(config))
    return path


def test_gate_fails_below_a_floor(floors):
    config = json.loads(floors.read_text())
    config["corpora"]["demo"]["floors"]["recall"] = 0.999
    floors.write_text(json.dumps(config))
    checks, _ = gate.run_gate(floors)
    assert [c.metric for c in checks if not c.passed] == ["recall"]


def test_gate_lowering_a_floor_needs_leave(floors):
    config = json.loads(floors.read_text())
    config["corpora"]["demo"]["floors"]["recall"] = 0.999
    floors.write_text(json.dumps(config))
    with pytest.raises(gate.FloorLowered):
        gate.update_floors(floors)
    gate.update_floors(floors, allow_lower=True)
    assert json.loads(floors.read_text())["corpora"]["demo"]["floors"]["recall"] < 0.999
