"""Scheduling on the store, and requests along their life cycle."""

import pytest

from corridor.errors import CorridorError
from corridor.forum.queries import get_participant, participants, requests
from corridor.forum.scheduler import Options
from corridor.forum.service import (
    create_request,
    edit_request,
    load_instance,
    run_schedule,
    set_status,
)
from corridor.forum.views import dashboard_view, table_view, tables_view
from tests.forum.checker import check

QUICK = Options(seed=0, time_limit=0.5)


def test_service_demo_schedule_is_valid(session, forum):
    inst = load_instance(session, forum).instance
    result = run_schedule(session, forum, QUICK)
    assert check(inst, result) == []
    assert result.meetings > 90


def test_service_every_accepted_request_is_scheduled_or_explained(session, forum):
    for r in requests(session, forum):
        if r.status == "scheduled":
            assert r.meeting is not None and r.reason is None
        if r.status == "accepted":
            assert r.meeting is None and r.reason


def test_service_cancellation_then_reschedule_moves_nobody(session, forum):
    run_schedule(session, forum, QUICK)
    before = {r.id: (r.meeting.start, r.meeting.table_name)
              for r in requests(session, forum, ("scheduled",))}
    gone = sorted(before)[0]
    set_status(session, forum, gone, "cancelled")
    result = run_schedule(session, forum, QUICK)
    after = {r.id: (r.meeting.start, r.meeting.table_name)
             for r in requests(session, forum, ("scheduled",))}
    assert gone not in after
    assert result.moves == 0
    assert all(after[k] == v for k, v in before.items() if k in after)


def test_service_late_request_is_scheduled_around_existing_meetings(session, forum):
    people = participants(session, forum)
    row = create_request(session, forum, people[0].id, people[-1].id, 3, "Late")
    set_status(session, forum, row.id, "accepted")
    result = run_schedule(session, forum, QUICK)
    assert result.moves <= 1
    assert row.status in ("scheduled", "accepted")


def test_service_no_show_recorded_on_the_day_reaches_the_dashboard(session, forum):
    r = requests(session, forum, ("scheduled",))[0]
    set_status(session, forum, r.id, "no-show")
    view = dashboard_view(session, None)
    assert [n["id"] for n in view["no_shows"]] == [r.id]
    # held and missed meetings are history: a new schedule leaves them where they were
    start = r.meeting.start
    run_schedule(session, forum, QUICK)
    assert r.status == "no_show" and r.meeting.start == start


@pytest.mark.parametrize(
    ("status", "new", "code"),
    [("declined", "accepted", "E506"), ("pending", "held", "E506"), ("accepted", "scheduled", "E506")],
)
def test_service_invalid_transitions_are_refused(session, forum, status, new, code):
    r = requests(session, forum, (status,))[0]
    with pytest.raises(CorridorError, match=code):
        set_status(session, forum, r.id, new)


def test_service_requests_editable_only_while_pending_or_accepted(session, forum):
    pending = requests(session, forum, ("pending",))[0]
    edit_request(session, forum, pending.id, priority=3, message="Updated")
    assert (pending.priority, pending.message) == (3, "Updated")
    scheduled = requests(session, forum, ("scheduled",))[0]
    with pytest.raises(CorridorError, match="E507"):
        edit_request(session, forum, scheduled.id, message="Too late")


def test_service_request_within_a_delegation_is_refused(session, forum):
    members = [p for p in participants(session, forum) if p.delegation_id]
    a = members[0]
    b = next(p for p in members if p.delegation_id == a.delegation_id and p.id != a.id)
    with pytest.raises(CorridorError, match="E513"):
        create_request(session, forum, a.id, b.id)


def test_service_participants_found_by_name(session, forum):
    assert get_participant(session, forum, "zainab malik").organisation == "Margalla Software House"
    with pytest.raises(CorridorError, match="E504"):
        get_participant(session, forum, "Nobody Here")


def test_service_table_sheets_list_every_slot(session, forum):
    tables = tables_view(session, None)["tables"]
    busiest = max(tables, key=lambda t: t["meetings"])
    sheet = table_view(session, None, busiest["name"])
    assert len(sheet["slots"]) == 19
    assert sum(1 for s in sheet["slots"] if s["meeting"]) == busiest["meetings"]


def test_service_dashboard_reports_fill_rate_and_the_bound(session):
    view = dashboard_view(session, None)
    assert 0 < view["fill"]["rate"] <= 1
    assert view["run"]["value"] <= view["run"]["bound"]
