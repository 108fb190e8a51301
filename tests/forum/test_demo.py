"""The demo forum loads, schedules, and loads again without change."""

from corridor.forum.demo import load_demo
from corridor.forum.views import dashboard_view


def test_demo_loads_and_schedules(session):
    view = dashboard_view(session, None)
    assert view["forum"]["timezone"] == "Asia/Karachi"
    assert view["forum"]["days"] == ["2026-03-31"]
    assert view["participants"] == 60
    assert sum(view["requests"].values()) == 150
    assert view["fill"]["placed"] > 90


def test_demo_loading_twice_changes_nothing(session):
    report = load_demo(session, time_limit=0.5)
    assert report.imported.summary() == "nothing new"
    assert report.schedule.moves == 0
