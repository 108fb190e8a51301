"""People's corrections survive ingesting the same documents again and re-extracting them with a
changed rule (new event ids, other quote offsets), on SQLite and PostgreSQL; the audit shows them;
where the machine's new answer differs from a person's, the event is flagged for a second look."""

from sqlalchemy import func, select

from corridor.accounts.models import AuditRow
from corridor.review import corrections
from corridor.review.anchors import Anchor, locate
from corridor.review.apply import reapply
from corridor.review.provenance import provenance
from corridor.store.db import session_scope
from corridor.store.models import EventRow, EventSourceRow
from corridor.store.queries import to_event
from corridor.store.reextract import reextract
from tests.review.conftest import ALL, EDITOR, load, newer_extractor

PERSON = [{"name": "Mohsin Naqvi", "title": "Interior Minister", "country": "PAK", "role": "source", "kind": "person"},
          {"name": "Natalie Baker", "title": "Chargé d'affaires", "org": "US Embassy", "country": "USA",
           "role": "target", "kind": "person"}]


def _event_of_kind(session, kind):
    return session.scalars(select(EventRow).where(EventRow.kind == kind).order_by(EventRow.id)).first()


def _at(session, doc_name_start: str) -> EventRow | None:
    """The event whose quote covers the sentence starting with these words (as a reader finds it)."""
    for source in session.scalars(select(EventSourceRow).order_by(EventSourceRow.id)):
        if source.quote.startswith(doc_name_start) or doc_name_start in source.quote[:60]:
            return session.get(EventRow, source.event_id)
    return None


def test_reapply_corrections_survive_reingest_and_reextraction(db_url, corpus):
    load(corpus, db_url)
    with session_scope(db_url) as session:
        agreement = _event_of_kind(session, "agreement")
        corrections.correct(session, EDITOR, agreement.id, {"participants": PERSON, "place": "Islamabad",
                                                            "sectors": ["mining", "trade"]}, ALL)
        attack = _event_of_kind(session, "attack")
        corrections.correct(session, EDITOR, attack.id, {"kind": "other", "date": "2026-03-01"}, ALL)
        condemnation = _event_of_kind(session, "condemnation")
        corrections.reject(session, EDITOR, condemnation.id, ALL)
        anchor = Anchor(agreement.sources[0].document_id, agreement.sources[0].start, agreement.sources[0].end)

    def check(session):
        agreed = locate(session, Anchor(anchor.doc_id, anchor.start, anchor.end, "agreement"))
        record = to_event(agreed)
        assert [(p.name, p.role) for p in record.participants] == [("Mohsin Naqvi", "source"),
                                                                    ("Natalie Baker", "target")]
        assert record.sectors == ["mining", "trade"] and record.place == "Islamabad"
        assert agreed.review == "verified"
        fields = provenance(session.connection(), agreed.id, agreed.review)["fields"]
        assert fields["participants"]["by"] == "person" and fields["participants"]["who"] == "editor@desk.example"
        assert fields["kind"]["by"] == "machine"
        assert [p["role"] for p in fields["participants"]["machine"]] == ["source", "source"]  # the machine's
        attack_now = _at(session, "bomb attack")
        assert attack_now.kind == "other" and attack_now.date == "2026-03-01"
        assert session.scalar(select(func.count()).select_from(EventRow).where(EventRow.kind == "condemnation")) == 0
        return agreed.id

    with session_scope(db_url) as session:
        first_id = check(session)
    load(corpus, db_url)  # the same documents again
    with session_scope(db_url) as session:
        assert check(session) == first_id
        report = reextract(session, newer_extractor())
        again = reapply(session)
        assert report.documents == 2 and again.corrections >= 4
    with session_scope(db_url) as session:
        new_id = check(session)
        assert new_id != first_id and new_id.startswith("ev_")  # a new id from the changed rule, same corrections
        assert session.scalar(select(func.count()).select_from(EventRow).where(EventRow.review == "flagged")) == 0
        actions = set(session.scalars(select(AuditRow.action)))
        assert {"event.correct", "event.reject"} <= actions


def test_reapply_flags_where_the_machine_changes_its_mind(db_url, corpus):
    load(corpus, db_url)
    with session_scope(db_url) as session:
        meeting = _event_of_kind(session, "meeting")
        corrections.accept(session, EDITOR, meeting.id, ALL)
        attack = _event_of_kind(session, "attack")
        corrections.correct(session, EDITOR, attack.id, {"place": "Pishin"}, ALL)
    with session_scope(db_url) as session:
        reextract(session, newer_extractor({"meeting": {"date": "2026-02-23"}, "attack": {"place": "Chaman"}}))
        result = reapply(session)
    with session_scope(db_url) as session:
        meeting = _at(session, "Naqvi met US")
        assert meeting.review == "flagged" and meeting.date == "2026-03-02"  # the person's (accepted) value stands
        flags = provenance(session.connection(), meeting.id, meeting.review)["flags"]
        assert flags == ["the machine now reads date as '2026-02-23'"]
        attack = _at(session, "bomb attack")
        assert attack.review == "flagged" and attack.place.name == "Pishin"
        assert sorted(result.flagged) == sorted([meeting.id, attack.id])


def test_reapply_puts_back_an_event_the_machine_no_longer_finds(db_url, corpus):
    load(corpus, db_url)
    with session_scope(db_url) as session:
        corrections.correct(session, EDITOR, _event_of_kind(session, "attack").id, {"date": "2026-02-28"}, ALL)

    def without_attacks(doc):
        return [e for e in newer_extractor()(doc) if e.kind != "attack"]

    with session_scope(db_url) as session:
        reextract(session, without_attacks)
        result = reapply(session)
    with session_scope(db_url) as session:
        attack = _event_of_kind(session, "attack")
        assert attack is not None and attack.review == "flagged" and result.restored == [attack.id]
        assert attack.date == "2026-02-28"
        assert provenance(session.connection(), attack.id, attack.review)["flags"] == ["the machine no longer finds this event"]


def test_reapply_keeps_merges_splits_and_not_news(db_url, corpus):
    load(corpus, db_url)
    with session_scope(db_url) as session:
        meeting = _event_of_kind(session, "meeting")  # a.txt and b.txt: one meeting, two reports
        assert len(meeting.sources) == 2
        new = corrections.split(session, EDITOR, meeting.id, [meeting.sources[1].id], ALL)
        split_id = new.id
        agreement = _event_of_kind(session, "agreement")
        corrections.merge(session, EDITOR, meeting.id, agreement.id, ALL)
    with session_scope(db_url) as session:
        reextract(session, newer_extractor())
        reapply(session)
    with session_scope(db_url) as session:
        assert session.get(EventRow, split_id) is not None
        assert session.scalar(select(func.count()).select_from(EventRow).where(EventRow.kind == "agreement")) == 0
        merged = _at(session, "Naqvi met US")
        assert {s.quote[:15] for s in merged.sources} >= {"Minister Mohsin", "sides agreed to"}
        assert len(_at(session, "Naqvi held talks").sources) == 1
        doc_b = session.get(EventRow, split_id).sources[0].document_id
        corrections.not_news(session, EDITOR, doc_b, ALL)
    with session_scope(db_url) as session:
        reextract(session, newer_extractor())
        reapply(session)
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(EventSourceRow)
                              .where(EventSourceRow.document_id == doc_b)) == 0


def test_reapply_through_the_command_line_and_the_audit_shows_it(db_url, corpus):
    from typer.testing import CliRunner

    from corridor.cli import app

    runner = CliRunner()
    database = ["--database", db_url]
    assert runner.invoke(app, ["ingest", str(corpus), *database]).exit_code == 0
    with session_scope(db_url) as session:
        corrections.correct(session, EDITOR, _event_of_kind(session, "attack").id, {"place": "Pishin"}, ALL)
    for command in (["ingest", str(corpus)], ["reextract"]):
        result = runner.invoke(app, [*command, *database])
        assert result.exit_code == 0, result.output
    with session_scope(db_url) as session:
        assert _at(session, "bomb attack").place.name == "Pishin"
        actions = list(session.scalars(select(AuditRow.action).order_by(AuditRow.id)))
        assert actions == ["documents.ingest", "event.correct", "documents.ingest", "store.reextract"]
        last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
        assert last.actor.startswith("cli:") and last.after["corrections"] == 1 and last.after["flagged"] == []
