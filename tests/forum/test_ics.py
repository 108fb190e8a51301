"""Agendas as iCalendar files: they parse back, in the forum's time zone, at the right instant."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from corridor.forum.ics import agenda_ics
from corridor.forum.queries import participants
from corridor.forum.views import agenda_view


def agenda(tz: str, start: str, end: str) -> dict:
    return {
        "forum": {"name": "Forum", "timezone": tz, "venue": "Hall 1"},
        "participant": {"id": "p1", "name": "Ann"},
        "meetings": [{"request": "r1", "start": start, "end": end, "table": "T1",
                      "status": "scheduled", "message": "Hello",
                      "with": [{"name": "Bob", "organisation": "B Co"}], "updated": None}],
    }


@pytest.mark.parametrize(
    ("tz", "start", "utc"),
    [
        ("Asia/Karachi", "2026-03-31T09:30:00+05:00", datetime(2026, 3, 31, 4, 30, tzinfo=UTC)),
        ("America/New_York", "2026-03-31T09:30:00-04:00",
         datetime(2026, 3, 31, 13, 30, tzinfo=UTC)),
        ("America/New_York", "2026-01-15T09:30:00-05:00",
         datetime(2026, 1, 15, 14, 30, tzinfo=UTC)),
    ],
)
def test_ics_parses_back_at_the_right_instant(tz, start, utc):
    end = (datetime.fromisoformat(start) + timedelta(minutes=20)).isoformat()
    cal = Calendar.from_ical(agenda_ics(agenda(tz, start, end)))
    (event,) = cal.walk("VEVENT")
    begins = event.decoded("dtstart")
    assert begins == utc
    assert str(begins.tzinfo) == tz
    assert event["dtstart"].params["TZID"] == tz
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == {tz}
    assert "Bob (B Co)" in str(event["summary"])
    assert event.decoded("dtend") - begins == timedelta(minutes=20)


def test_ics_every_demo_agenda_parses_and_matches_its_page(session, forum):
    zone = ZoneInfo(forum.timezone)
    for p in participants(session, forum):
        view = agenda_view(session, None, p.id)
        cal = Calendar.from_ical(agenda_ics(view))
        events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
        assert len(events) == len(view["meetings"])
        for e, m in zip(events, view["meetings"], strict=True):
            assert e.decoded("dtstart") == datetime.fromisoformat(m["start"]).astimezone(zone)
            assert str(e["uid"]).startswith(m["request"])


def test_ics_is_deterministic(session, forum):
    p = participants(session, forum)[0]
    view = agenda_view(session, None, p.id)
    assert agenda_ics(view) == agenda_ics(view)
