"""Chart layouts: sizes and positions of the SVG pieces."""

from datetime import date

import pytest

from corridor.web import charts
from corridor.web.geo import level


def test_charts_bars_scale_to_the_largest():
    c = charts.bars([("energy", 10, "/e"), ("it", 5, "/i")], width=360, label_width=140)
    assert [r["w"] for r in c["rows"]] == [180.0, 90.0]
    assert c["height"] == 2 * charts.BAR_ROW


def test_charts_timeline_stacks_attacks_under_other_events():
    weeks = [{"week": "2026-03-02", "attacks": 1, "other": 3}, {"week": "2026-03-09", "attacks": 0, "other": 0}]
    c = charts.timeline(weeks, width=200, height=100)
    first = c["columns"][0]
    assert first["y_attacks"] + first["h_attacks"] == c["base"]
    assert first["y_other"] + first["h_other"] == first["y_attacks"]
    assert first["week_end"] == "2026-03-08"
    assert c["ticks"][0]["month"] == "2026-03"


def test_charts_heatmap_levels_and_links():
    c = charts.heatmap({"months": ["2026-01", "2026-02"], "rows": [{"sector": "it", "counts": [0, 4]}]})
    assert [cell["level"] for cell in c["cells"]] == [0, 4]
    assert c["cells"][1]["from"] == "2026-02-01" and c["cells"][1]["to"] == "2026-02-28"


@pytest.mark.parametrize(("count", "top", "expected"), [(0, 9, 0), (1, 3, 1), (3, 3, 3), (1, 1000, 1),
                                                        (1000, 1000, 5), (40, 1000, 3)])
def test_charts_level(count, top, expected):
    assert level(count, top) == expected


def test_charts_month_calendar_places_events_on_their_day():
    events = [{"date": "2026-03-31", "date_precision": "day", "id": "ev_1", "summary": "Forum"},
              {"date": "2026-03", "date_precision": "month", "id": "ev_2", "summary": "Visit"}]
    cal = charts.month_calendar(2026, 3, events, today=date(2026, 3, 1))
    days = [d for week in cal["weeks"] for d in week if d["in_month"]]
    assert len(days) == 31 and days[0]["today"]
    assert [e["id"] for e in days[30]["events"]] == ["ev_1"]
    assert cal["weeks"][0][0]["date"] == "2026-02-23"  # weeks start on Monday


def test_charts_strip_places_dots_in_time_and_rows_by_kind():
    events = [{"id": "a", "kind": "meeting", "date": "2026-01-01", "summary": "x"},
              {"id": "b", "kind": "attack", "date": "2026-12-31", "summary": "y"},
              {"id": "c", "kind": "meeting", "date": None, "summary": "z"}]
    c = charts.strip(events, ("meeting", "attack"), width=500)
    assert [r["kind"] for r in c["rows"]] == ["meeting", "attack"]
    xs = {d["id"]: d["x"] for d in c["dots"]}
    assert set(xs) == {"a", "b"} and xs["a"] < xs["b"]
    assert charts.strip([], ("meeting",))["dots"] == []
