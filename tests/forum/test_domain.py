"""Slots, availability and the request life cycle."""

from datetime import date, time, timedelta

import pytest

from corridor.errors import CorridorError
from corridor.forum.domain import Break, Forum, Session, Window, check_transition, slots_within

DAY = date(2026, 3, 31)


def forum(**kw) -> Forum:
    base = dict(name="F", timezone="Asia/Karachi", slot_minutes=30,
                sessions=(Session(DAY, time(9), time(12)),), breaks=(), tables=())
    return Forum(**(base | kw))


@pytest.mark.parametrize(
    ("kw", "starts"),
    [
        ({}, ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]),
        ({"breaks": (Break(time(10), time(10, 15)),)}, ["09:00", "09:30", "10:15", "10:45", "11:15"]),
        ({"breaks": (Break(time(10), time(10, 15), date(2026, 4, 1)),)},
         ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]),
        ({"slot_minutes": 45}, ["09:00", "09:45", "10:30", "11:15"]),
        ({"slot_minutes": 50}, ["09:00", "09:50", "10:40"]),
        ({"sessions": (Session(DAY, time(14), time(15)), Session(DAY, time(9), time(10)))},
         ["09:00", "09:30", "14:00", "14:30"]),
    ],
)
def test_domain_slots_fill_sessions_around_breaks(kw, starts):
    assert [f"{s.start:%H:%M}" for s in forum(**kw).slots] == starts


@pytest.mark.parametrize(
    ("tz", "day", "utc_offset"),
    [
        ("Asia/Karachi", date(2026, 3, 31), timedelta(hours=5)),
        ("America/New_York", date(2026, 3, 31), timedelta(hours=-4)),  # daylight time
        ("America/New_York", date(2026, 1, 15), timedelta(hours=-5)),
    ],
)
def test_domain_slots_carry_the_forum_time_zone(tz, day, utc_offset):
    slot = forum(timezone=tz, sessions=(Session(day, time(9), time(10)),)).slots[0]
    assert slot.start.utcoffset() == utc_offset
    assert f"{slot.start:%H:%M}" == "09:00"


def test_domain_slots_on_the_daylight_saving_day_are_real_instants():
    fm = forum(timezone="America/New_York", sessions=(Session(date(2026, 3, 8), time(1), time(4)),),
               slot_minutes=60)
    offsets = [s.start.utcoffset() for s in fm.slots]
    assert offsets[0] == timedelta(hours=-5) and offsets[-1] == timedelta(hours=-4)


def test_domain_unknown_time_zone_is_a_clear_error():
    with pytest.raises(CorridorError, match="E511"):
        _ = forum(timezone="Mars/Olympus").slots


@pytest.mark.parametrize(
    ("windows", "expected"),
    [
        ((), {0, 1, 2, 3, 4, 5}),
        ((Window(time(9), time(10)),), {0, 1}),
        ((Window(time(9, 15), time(10, 30)),), {1, 2}),
        ((Window(time(9), time(10), date(2026, 4, 1)),), set()),
        ((Window(time(9), time(9, 30)), Window(time(11), time(12))), {0, 4, 5}),
    ],
)
def test_domain_availability_keeps_slots_wholly_inside_a_window(windows, expected):
    assert slots_within(windows, forum().slots) == expected


@pytest.mark.parametrize(
    ("old", "new", "ok"),
    [
        ("pending", "accepted", True), ("pending", "declined", True), ("pending", "cancelled", True),
        ("pending", "scheduled", False), ("pending", "held", False),
        ("accepted", "scheduled", True), ("accepted", "cancelled", True), ("accepted", "pending", False),
        ("scheduled", "held", True), ("scheduled", "no_show", True), ("scheduled", "accepted", True),
        ("declined", "accepted", False), ("cancelled", "scheduled", False),
        ("held", "no_show", True), ("no_show", "held", True), ("held", "cancelled", False),
        ("accepted", "accepted", True),
    ],
)
def test_domain_request_life_cycle(old, new, ok):
    if ok:
        check_transition(old, new)
    else:
        with pytest.raises(CorridorError, match="E506"):
            check_transition(old, new)
