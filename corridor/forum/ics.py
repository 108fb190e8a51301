"""A participant's agenda as an iCalendar file.

Times are written in the forum's time zone (``DTSTART;TZID=Asia/Karachi:…``) with a matching
VTIMEZONE generated from the zoneinfo database, so calendar apps show the right local time
wherever the reader is. Output is deterministic: the same agenda gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event, vText

from corridor.forum.domain import zone

PRODID = "-//Corridor//Trade and Investment Forum//EN"


def agenda_ics(agenda: dict) -> bytes:
    """iCalendar bytes for the data of ``views.agenda_view``."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    forum, me = agenda["forum"], agenda["participant"]
    tz = zone(forum["timezone"])
    cal.add("x-wr-calname", f"{forum['name']} – {me['name']}")
    cal.add("x-wr-timezone", forum["timezone"])
    for m in agenda["meetings"]:
        ev = Event()
        ev.add("uid", f"{m['request']}@corridor-forum")
        ev.add("dtstamp", _utc(m["updated"]))
        # ISO text carries only an offset; the named zone gives TZID and VTIMEZONE.
        ev.add("dtstart", datetime.fromisoformat(m["start"]).astimezone(tz))
        ev.add("dtend", datetime.fromisoformat(m["end"]).astimezone(tz))
        ev.add("summary", "Meeting: " + "; ".join(f"{w['name']} ({w['organisation']})" for w in m["with"]))
        ev.add("location", vText(", ".join(filter(None, [f"Table {m['table']}", forum.get("venue")]))))
        lines = [f"{forum['name']}, table {m['table']}.", f"Status: {m['status']}."]
        if m.get("message"):
            lines.append(f"Message: {m['message']}")
        ev.add("description", "\n".join(lines))
        ev.add("status", "CANCELLED" if m["status"] == "cancelled" else "CONFIRMED")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def _utc(text: str | None) -> datetime:
    if not text:
        return datetime(2026, 1, 1, tzinfo=UTC)
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
