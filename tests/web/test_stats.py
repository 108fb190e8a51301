"""Aggregates of the overview and the map: weeks, months, counts; table-driven where it fits."""

from datetime import date

import pytest

from corridor.store import stats
from corridor.store.db import session_scope


@pytest.mark.parametrize(
    ("days", "weeks", "expected"),
    [
        ([], 4, []),
        ([(date(2026, 3, 4), False, 2)], 4,  # a Wednesday: its week starts Monday 2 March
         [{"week": "2026-03-02", "attacks": 0, "other": 2}]),
        ([(date(2026, 3, 2), True, 1), (date(2026, 3, 8), False, 3), (date(2026, 3, 16), False, 1)], 10,
         [{"week": "2026-03-02", "attacks": 1, "other": 3}, {"week": "2026-03-09", "attacks": 0, "other": 0},
          {"week": "2026-03-16", "attacks": 0, "other": 1}]),
        ([(date(2025, 1, 1), False, 5), (date(2026, 3, 16), True, 1)], 2,  # only the last two weeks
         [{"week": "2026-03-09", "attacks": 0, "other": 0}, {"week": "2026-03-16", "attacks": 1, "other": 0}]),
    ],
)
def test_stats_weekly(days, weeks, expected):
    assert stats.weekly(days, weeks) == expected


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [("2026-01", "2026-01", ["2026-01"]), ("2025-11", "2026-02", ["2025-11", "2025-12", "2026-01", "2026-02"])],
)
def test_stats_month_range(first, last, months):
    assert stats._month_range(first, last) == months


def test_stats_demo_counts(demo_url):
    with session_scope(demo_url) as session:
        kinds = stats.counts_by_kind(session)
        sectors = stats.counts_by_sector(session)
        grid = stats.sector_months(session, 6)
        places = stats.place_counts(session)
        upcoming = stats.upcoming(session, date(2026, 1, 1), 50)
        latest = stats.latest(session, date(2026, 12, 31), 5, kind="attack")
    assert kinds["attack"] > 0 and kinds["meeting"] > 0
    assert sectors["mining"] > 0 and sectors["energy"] > 0
    assert len(grid["months"]) == 6 and all(len(r["counts"]) == 6 for r in grid["rows"])
    quetta = next(p for p in places if p["name"] == "Quetta")
    assert quetta["attacks"] >= 1 and quetta["events"] >= quetta["attacks"]
    assert upcoming and len(latest) == 5


def test_stats_on_postgresql_too(module_db):
    """The month and group-by expressions are dialect-specific: run them on an empty store of each."""
    with session_scope(module_db) as session:
        assert stats.sector_months(session, 12) == {"months": [], "rows": []}
        assert stats.daily_counts(session) == []
        assert stats.place_counts(session) == []
        assert stats.counts_by_kind(session) == {}
