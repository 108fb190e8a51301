"""Importing sheets (CSV, xlsx), exporting them back, and the round trip between the two."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from corridor.errors import CorridorError
from corridor.forum.demo import DEMO
from corridor.forum.exporter import export, export_book
from corridor.forum.importer import import_book, import_path
from corridor.forum.models import ForumParticipantRow, ForumRequestRow
from corridor.forum.sheets import read_book, write_book


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_importer_demo_has_the_promised_size(session):
    assert count(session, ForumParticipantRow) == 60
    assert count(session, ForumRequestRow) == 150


def test_importer_twice_changes_nothing(session):
    before = export_book(session, None)
    report = import_path(session, DEMO)
    assert report.summary() == "nothing new"
    assert export_book(session, None) == before


@pytest.mark.parametrize("suffix", ["", ".xlsx"])
def test_importer_round_trip_through_export(session, empty_session, tmp_path, suffix):
    out = tmp_path / f"forum{suffix}"
    export(session, None, out)
    import_path(empty_session, out)
    assert export_book(empty_session, None) == export_book(session, None)


def test_importer_excel_sheets_like_organisers_keep_them(empty_session, tmp_path):
    book = read_book(DEMO)
    write_book(book, tmp_path / "forum.xlsx")
    import_path(empty_session, tmp_path / "forum.xlsx")
    assert count(empty_session, ForumParticipantRow) == 60


def _minimal(**sheets) -> dict:
    book = {
        "forum": [{"field": "name", "value": "Mini"}, {"field": "timezone", "value": "UTC"}],
        "sessions": [{"kind": "session", "date": "2026-03-31", "start": "09:00", "end": "11:00"}],
        "tables": [{"name": "T1", "capacity": "2"}],
        "participants": [
            {"name": "Ann", "organisation": "A Co", "country": "Pakistan", "role": "company"},
            {"name": "Bob", "organisation": "B Fund", "country": "US", "role": "investor"},
        ],
        "requests": [{"requester": "Ann", "target": "Bob", "status": "accepted"}],
    }
    return book | sheets


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        ({"participants": [{"name": "Ann", "organisation": "A", "role": "astronaut"}]}, "role must be"),
        ({"participants": [{"name": "", "organisation": "A"}]}, "needs a name"),
        ({"participants": [{"name": "Ann", "organisation": "A", "availability": "9-ish"}]},
         "availability"),
        ({"participants": [{"name": "Ann", "organisation": "A", "max_meetings": "lots"}]},
         "whole number"),
        ({"requests": [{"requester": "Ann", "target": "Zed"}]}, "unknown participant 'Zed'"),
        ({"requests": [{"requester": "Ann", "target": "Ann"}]}, "themselves"),
        ({"requests": [{"requester": "Ann", "target": "Bob", "status": "maybe"}]}, "status must be"),
        ({"requests": [{"requester": "Ann", "target": "Bob", "priority": "9"}]}, "between 1 and 5"),
        ({"requests": [{"requester": "Ann", "target": "Bob", "status": "scheduled"}]},
         "has no meeting"),
        ({"sessions": [{"kind": "session", "date": "", "start": "09:00", "end": "10:00"}]},
         "needs a date"),
        ({"sessions": [{"kind": "session", "date": "2026-03-31", "start": "11:00", "end": "10:00"}]},
         "ends before"),
        ({"tables": [{"name": "T1", "capacity": "0"}]}, "between 1 and 500"),
        ({"forum": [{"field": "name", "value": "X"}, {"field": "timezone", "value": "Nowhere/Land"}]},
         "E511"),
    ],
)
def test_importer_bad_rows_are_clear_errors_and_write_nothing(empty_session, sheets, message):
    with pytest.raises(CorridorError, match=message):
        import_book(empty_session, _minimal(**sheets))
    empty_session.rollback()
    assert count(empty_session, ForumParticipantRow) == 0


def test_importer_same_delegation_request_is_refused(empty_session):
    people = [
        {"name": "Ann", "organisation": "A", "delegation": "A team"},
        {"name": "Amy", "organisation": "A", "delegation": "A team"},
    ]
    with pytest.raises(CorridorError, match="same delegation"):
        import_book(empty_session, _minimal(participants=people,
                                            requests=[{"requester": "Ann", "target": "Amy"}]))


def test_importer_moves_requests_forward_only(empty_session):
    import_book(empty_session, _minimal())
    req = empty_session.scalars(select(ForumRequestRow)).one()
    req.status = "declined"
    # The old file still says accepted: the store's later knowledge wins, nothing is undone.
    import_book(empty_session, _minimal())
    assert req.status == "declined"


def test_importer_refuses_to_edit_a_scheduled_request(session):
    book = export_book(session, None)
    row = next(r for r in book["requests"] if r["status"] == "scheduled")
    row["message"] = "changed after scheduling"
    with pytest.raises(CorridorError, match="E507"):
        import_book(session, {"requests": book["requests"]})


def test_importer_unsupported_file_is_a_clear_error(empty_session, tmp_path):
    path = tmp_path / "forum.pdf"
    path.write_text("x")
    with pytest.raises(CorridorError, match="E509"):
        import_path(empty_session, path)


def test_importer_missing_column_is_named(empty_session, tmp_path):
    path = tmp_path / "participants.csv"
    path.write_text("name,country\nAnn,PAK\n")
    with pytest.raises(CorridorError, match="organisation"):
        import_path(empty_session, path)


def test_importer_single_csv_adds_to_the_named_forum(session, tmp_path):
    path = Path(tmp_path / "participants.csv")
    path.write_text("name,organisation,country,role,sectors\nNew Person,New Co,USA,investor,energy\n")
    report = import_path(session, path, "US–Pakistan Trade and Investment Forum 2026")
    assert report.added == {"participants": 1}


def test_exporter_writes_agendas_and_table_sheets(session, tmp_path):
    written = export(session, None, tmp_path / "out", agendas=True)
    names = {p.name for p in written}
    assert {"forum.csv", "participants.csv", "requests.csv", "meetings.csv", "tables.xlsx"} <= names
    assert sum(1 for p in written if p.suffix == ".ics") == 60


@pytest.mark.parametrize(
    ("name", "data"),
    [("forum.xlsx", b"not a zip"), ("participants.csv", b"name,organisation\n\xff\xfe,x\n")],
)
def test_importer_unreadable_file_is_a_clear_error(empty_session, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorridorError, match="E514"):
        import_path(empty_session, path)
