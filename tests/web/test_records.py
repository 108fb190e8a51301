"""records.load_records reads the same EVENTS.md records as the ORM path, on SQLite and PostgreSQL."""

from sqlalchemy import select

from corridor.store.db import session_scope
from corridor.store.models import EventRow
from corridor.store.queries import get_event, to_event
from corridor.store.records import load_records


def _compare(url):
    with session_scope(url) as session:
        ids = session.scalars(select(EventRow.id).order_by(EventRow.id)).all()
        assert ids
        expected = [to_event(get_event(session, i)).to_record() for i in ids]
        assert load_records(session, ids) == expected


def test_records_match_the_orm_on_both_databases(sample_store):
    _compare(sample_store)


def test_records_match_the_orm_on_the_whole_demo(demo_url):
    _compare(demo_url)


def test_records_keep_the_order_asked_and_skip_unknown_ids(demo_url):
    with session_scope(demo_url) as session:
        ids = session.scalars(select(EventRow.id).limit(3)).all()
        records = load_records(session, [ids[2], "ev_nope", ids[0], ids[2]])
    assert [r["id"] for r in records] == [ids[2], ids[0]]
    assert load_records(session, []) == []
