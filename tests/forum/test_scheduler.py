"""The scheduler against the independent checker, on random and hand-built instances."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.forum_instances import generate
from corridor.forum import scheduler as scheduler_module
from corridor.forum.domain import Forum, Instance, Person, Placement, Request, Session, Table
from corridor.forum.heuristic import greedy_first_free
from corridor.forum.problem import compile_instance
from corridor.forum.scheduler import Options, schedule
from tests.forum.checker import check, gaps
from tests.forum.strategies import instances

FAST = Options(seed=0, time_limit=0.5)
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@PROPERTY
@given(instances())
def test_scheduler_respects_every_hard_constraint(inst):
    result = schedule(inst, FAST)
    assert check(inst, result) == []
    assert result.gaps == gaps(inst, result)
    assert result.value <= result.bound


@PROPERTY
@given(instances())
def test_scheduler_never_below_greedy_when_optimal(inst):
    result = schedule(inst, FAST)
    baseline = greedy_first_free(compile_instance(inst))
    if result.status == "OPTIMAL":
        assert result.value >= baseline.value
        assert result.bound == result.value


@settings(max_examples=60, deadline=None, derandomize=True)
@given(instances(), st.data())
def test_scheduler_reschedule_keeps_valid_and_moves_nothing_needlessly(inst, data):
    first = schedule(inst, FAST)
    previous = tuple(first.placements.values())
    again = schedule(replace(inst, previous=previous), FAST)
    assert check(inst, again) == []
    if first.status == "OPTIMAL":
        assert again.moves == 0
        assert again.value == first.value
    # A cancellation: drop one request, keep the rest of the schedule as "previous".
    if inst.requests:
        gone = data.draw(st.sampled_from(inst.requests))
        smaller = replace(
            inst,
            requests=tuple(r for r in inst.requests if r.id != gone.id),
            previous=tuple(p for p in previous if p.request != gone.id),
        )
        after = schedule(smaller, FAST)
        assert check(smaller, after) == []
        if first.status == "OPTIMAL":
            assert after.moves == 0  # freeing a slot never forces anyone else to move


@settings(max_examples=40, deadline=None, derandomize=True)
@given(instances())
def test_scheduler_fixed_meetings_stay(inst):
    first = schedule(inst, FAST)
    fixed = tuple(list(first.placements.values())[:2])
    result = schedule(replace(inst, fixed=fixed), FAST)
    assert check(replace(inst, fixed=fixed), result) == []
    for pl in fixed:
        assert result.placements[pl.request] == pl


DAY = date(2026, 3, 31)
ONE_SLOT = Forum("F", "Asia/Karachi", 60, (Session(DAY, time(9), time(10)),), (), (Table("T1", 2),))
TWO_SLOTS = replace(ONE_SLOT, sessions=(Session(DAY, time(9), time(11)),),
                    tables=(Table("T1", 2), Table("T2", 2)))


def person(pid, slots=(0, 1), mx=5, delegation=None):
    return Person(pid, mx, frozenset(slots), delegation, pid)


@pytest.mark.parametrize(
    ("forum", "people", "requests", "left_out", "reason"),
    [
        (TWO_SLOTS, [person("A", (0,)), person("B", (1,))], [("R1", "A", "B")], "R1",
         "never available at the same time"),
        (TWO_SLOTS, [person("A", mx=1), person("B"), person("C")],
         [("R1", "A", "B", 3), ("R2", "A", "C", 1)], "R2", "A reached their maximum of 1"),
        (TWO_SLOTS, [person("A", delegation="D"), person("B", delegation="D"), person("C")],
         [("R1", "A", "C")], "R1", "no table with capacity 3"),
        (TWO_SLOTS, [person("A", delegation="D"), person("B", delegation="D")],
         [("R1", "A", "B")], "R1", "cannot meet their own delegation"),
        (TWO_SLOTS, [person("A"), person("B")], [("R1", "A", "B"), ("R2", "B", "A", 1)], "R2",
         "already meet through request R1"),
        (ONE_SLOT, [person("A", (0,)), person("B", (0,)), person("C", (0,)), person("D", (0,))],
         [("R1", "A", "B", 2), ("R2", "C", "D", 1)], "R2", "no free table for 2 in 1"),
        (ONE_SLOT, [person("A", (0,)), person("B", (0,)), person("C", (0,))],
         [("R1", "A", "B", 2), ("R2", "A", "C", 1)], "R2", "A busy in 1"),
        (TWO_SLOTS, [person("A"), person("B", mx=0)], [("R1", "A", "B")], "R1",
         "accepts no meetings"),
        (TWO_SLOTS, [person("A")], [("R1", "A", "Z")], "R1", "unknown participant Z"),
    ],
)
def test_scheduler_reports_why_a_request_is_left_out(forum, people, requests, left_out, reason):
    reqs = tuple(Request(r[0], r[1], r[2], r[3] if len(r) > 3 else 2) for r in requests)
    inst = Instance(forum, tuple(people), reqs)
    result = schedule(inst, FAST)
    assert left_out not in result.placements
    assert reason in result.unscheduled[left_out]
    assert check(inst, result) == []


def test_scheduler_seats_a_delegation_together_at_a_big_table():
    forum = replace(TWO_SLOTS, tables=(Table("small", 2), Table("big", 4)))
    people = (person("A", delegation="D"), person("B", delegation="D"), person("C"))
    inst = Instance(forum, people, (Request("R1", "C", "A"),))
    result = schedule(inst, FAST)
    assert result.placements["R1"].table == "big"
    assert check(inst, result) == []


def test_scheduler_same_seed_same_schedule():
    inst = generate(60, 240, seed=3)
    options = Options(seed=7, time_limit=2, wall_guard=False)  # a busy machine must not matter
    a, b = schedule(inst, options), schedule(inst, options)
    assert a.deterministic and b.deterministic
    assert a.placements == b.placements


def test_scheduler_large_neighbourhood_path_is_valid_and_deterministic(monkeypatch):
    monkeypatch.setattr(scheduler_module, "FULL_MODEL_MAX_VARS", 0)
    inst = generate(120, 500, seed=5)
    options = Options(seed=1, time_limit=2, wall_guard=False)
    a, b = schedule(inst, options), schedule(inst, options)
    assert check(inst, a) == []
    assert a.value >= greedy_first_free(compile_instance(inst)).value
    assert a.value <= a.bound
    assert a.placements == b.placements


def test_scheduler_late_request_moves_no_one():
    inst = generate(40, 120, seed=11)
    first = schedule(inst, FAST)
    late = Request("LATE", inst.people[0].id, inst.people[-1].id, 3)
    bigger = replace(inst, requests=(*inst.requests, late),
                     previous=tuple(first.placements.values()))
    result = schedule(bigger, FAST)
    assert check(bigger, result) == []
    assert result.value >= first.value
    assert result.moves <= 2


def test_scheduler_pinned_previous_meetings_do_not_move():
    inst = generate(40, 120, seed=12)
    first = schedule(inst, FAST)
    previous = tuple(first.placements.values())
    result = schedule(replace(inst, previous=previous), Options(seed=1, time_limit=0.5,
                                                                 pin_previous=True))
    for pl in previous:
        assert result.placements[pl.request].slot == pl.slot


def test_scheduler_fixed_meeting_that_no_longer_fits_is_reported():
    people = (person("A", (1,)), person("B", (1,)))
    inst = Instance(TWO_SLOTS, people, (Request("R1", "A", "B"),), fixed=(Placement("R1", 0, "T1"),))
    result = schedule(inst, FAST)
    assert "fixed slot" in result.unscheduled["R1"]


FLOORS = json.loads((Path(__file__).parent / "scheduler_floors.json").read_text())["instances"]


@pytest.mark.parametrize("case", FLOORS, ids=lambda c: f"{c['people']}-{c['requests']}-{c['seed']}")
def test_scheduler_quality_floors(case):
    inst = generate(case["people"], case["requests"], case["seed"], case["tables_per_person"])
    result = schedule(inst, Options(seed=0, time_limit=2, wall_guard=False))
    assert check(inst, result) == []
    assert result.value >= case["min_value"]
    assert result.gaps <= case["max_gaps"]
