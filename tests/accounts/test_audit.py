"""The audit trail: every write recorded with who, when, before and after; nothing in it can change."""

import csv
import io

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DatabaseError

from corridor.accounts import audit
from corridor.accounts.models import AuditRow
from corridor.store.db import session_scope


def test_audit_rows_cannot_be_changed_or_deleted(db_url):
    actor = audit.Actor("user:amina@boi.example", "web", 1, "10.1.1.1")
    with session_scope(db_url) as session:
        row = audit.record(session, actor, "event.correct", "event", "ev_1", {"kind": "attack"}, {"kind": "meeting"})
        row_id = row.id
    for statement in (update(AuditRow).where(AuditRow.id == row_id).values(actor="someone else"),
                      delete(AuditRow).where(AuditRow.id == row_id)):
        with pytest.raises(DatabaseError), session_scope(db_url) as session:
            session.execute(statement)
    with session_scope(db_url) as session:
        kept = session.get(AuditRow, row_id)
        assert kept.actor == "user:amina@boi.example" and kept.before == {"kind": "attack"}
        if session.get_bind().dialect.name == "postgresql":
            with pytest.raises(DatabaseError):
                session.execute(text("TRUNCATE audit_log"))


def test_audit_filters_and_exports(sqlite_url):
    actor = audit.Actor("user:amina@boi.example", "web", 1)
    with session_scope(sqlite_url) as session:
        audit.record(session, actor, "event.correct", "event", "ev_1", {"kind": "attack"}, {"kind": "meeting"})
        audit.record(session, audit.Actor("cli:root", "cli"), "forum.schedule", "forum", "f1", None, {"value": 3})
        audit.record(session, actor, "forum.request.create", "forum_request", "r1", None,
                     {"message": "=HYPERLINK(\"http://x\")"})
    with session_scope(sqlite_url) as session:
        page = audit.entries(session, audit.AuditFilter(action="forum."), 1, 10)
        assert page["total"] == 2 and [e["action"] for e in page["entries"]] == ["forum.request.create",
                                                                                 "forum.schedule"]
        assert audit.entries(session, audit.AuditFilter(actor="AMINA"), 1, 10)["total"] == 2
        out = io.StringIO()
        assert audit.write(audit.iter_entries(session, audit.AuditFilter()), out, "csv") == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["action"] for r in rows] == ["event.correct", "forum.schedule", "forum.request.create"]
    assert rows[0]["before"] == '{"kind": "attack"}'
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_audit_records_the_command_line_operator():
    actor = audit.cli_actor()
    assert actor.name.startswith("cli:") and actor.via == "cli"
