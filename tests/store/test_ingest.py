"""Storing documents and events, on SQLite and on PostgreSQL: idempotent, per-document, queryable."""

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from corridor.errors import Code
from corridor.store.batch import ingest
from corridor.store.db import session_scope
from corridor.store.models import ActorRow, DocumentRow, EventRow, EventSourceRow, ParticipantRow
from corridor.store.queries import EventFilter, list_events

ARTICLES = {
    "a.txt": "title: Talks in Islamabad\ndate: 2026-03-02\n\nISLAMABAD: Interior Minister Mohsin Naqvi met US "
             "charge d'affaires Natalie Baker on Monday. Both sides agreed to expand cooperation in the energy sector.",
    "b.txt": "title: Blast in Quetta\ndate: 2026-03-04\n\nQUETTA: A roadside bomb attack in Quetta killed three "
             "policemen on Tuesday. The US Embassy in Islamabad condemned the attack.",
}


def write(folder: Path) -> Path:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def counts(url: str) -> dict[str, int]:
    with session_scope(url) as session:
        return {table.__tablename__: session.scalar(select(func.count()).select_from(table))
                for table in (DocumentRow, EventRow, EventSourceRow, ParticipantRow, ActorRow)}


def test_ingest_twice_changes_nothing(db_url, tmp_path):
    folder = write(tmp_path)
    first = ingest([folder], db_url)
    assert first.stats.documents_added == 2 and not first.errors
    before = counts(db_url)
    second = ingest([folder], db_url)
    assert second.stats.documents_added == 0 and second.stats.documents_skipped == 2
    assert counts(db_url) == before
    assert before["events"] >= 4


def test_ingest_bad_files_are_reported_and_the_rest_stored(db_url, tmp_path):
    write(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    report = ingest([tmp_path], db_url)
    assert sorted(e.code.name for e in report.errors) == [Code.E102.name, Code.E103.name, Code.E104.name]
    assert counts(db_url)["documents"] == 2


def test_ingest_queries_by_filters(db_url, tmp_path):
    ingest([write(tmp_path)], db_url)
    cases = [
        (EventFilter(kind="attack"), ["attack"]),
        (EventFilter(sector="energy"), ["agreement"]),
        (EventFilter(place="Quetta"), ["attack"]),
        (EventFilter(actor="naqvi", kind="meeting"), ["meeting"]),
        (EventFilter(country="usa", kind="condemnation"), ["condemnation"]),
        (EventFilter(date_from=date(2026, 3, 3)), ["attack", "condemnation"]),
        (EventFilter(date_to=date(2026, 3, 1)), []),
        (EventFilter(q="roadside bomb", kind="attack"), ["attack"]),
    ]
    with session_scope(db_url) as session:
        for flt, kinds in cases:
            page = list_events(session, flt, size=100)
            assert sorted(e.kind for e in page.events) == kinds, flt
            assert page.total == len(kinds)


def test_ingest_keeps_quotes_and_actors(db_url, tmp_path):
    ingest([write(tmp_path)], db_url)
    with session_scope(db_url) as session:
        page = list_events(session, EventFilter(kind="meeting"))
        [meeting] = page.events
        source = meeting.sources[0]
        assert ARTICLES["a.txt"][source.start : source.end] == source.quote
        naqvi = session.get(ActorRow, "pak-mohsin-naqvi")
        assert naqvi is not None and naqvi.known
        assert [t.title for t in naqvi.titles] == ["Interior Minister"]
        assert naqvi.titles[0].first_seen == date(2026, 3, 2)


def test_ingest_keeps_an_attacks_details(db_url, tmp_path):
    from corridor.events.export import csv_row
    from corridor.store.queries import to_event
    from corridor.store.records import load_records

    ingest([write(tmp_path)], db_url)
    with session_scope(db_url) as session:
        row = session.scalars(select(EventRow).where(EventRow.kind == "attack")).one()
        event = to_event(row)
        [record] = load_records(session, [row.id])
    assert event.casualties["killed"] == 3
    assert event.attack["method"] == "ied" and event.attack["target"] == "security_forces"
    assert event.tense == "past"
    assert record["casualties"] == event.casualties and record["attack"] == event.attack
    row = csv_row(event)
    assert (row["killed"], row["method"], row["injured"]) == (3, "ied", "")
