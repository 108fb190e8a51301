"""The forum on both stores: SQLite and PostgreSQL (when the test server is configured)."""

from corridor.forum.demo import load_demo
from corridor.forum.exporter import export_book
from corridor.forum.queries import get_forum
from corridor.forum.scheduler import Options
from corridor.forum.service import run_schedule, set_status
from corridor.forum.views import agenda_view, dashboard_view
from corridor.store.db import session_scope


def test_stores_demo_round_trip_and_reschedule(db_url):
    with session_scope(db_url) as session:
        report = load_demo(session, time_limit=0.5)
        assert report.schedule.value <= report.schedule.bound
    with session_scope(db_url) as session:
        forum = get_forum(session)
        book = export_book(session, None)
        scheduled = [r for r in book["requests"] if r["status"] == "scheduled"]
        assert len(book["meetings"]) == len(scheduled) > 0
        rid = book["meetings"][0]["request"]
        set_status(session, forum, rid, "cancelled")
        result = run_schedule(session, forum, Options(time_limit=0.5))
        assert result.moves == 0
        view = dashboard_view(session, None)
        assert view["requests"]["cancelled"] == 10
        someone = book["participants"][0]["id"]
        assert agenda_view(session, None, someone)["participant"]["id"] == someone
    with session_scope(db_url) as session:
        assert load_demo(session, time_limit=0.5).imported.summary() == "nothing new"
