"""Cross-source deduplication and near-duplicate documents."""

from datetime import date

import pytest
from sqlalchemy import func, select

from corridor.documents.model import Document
from corridor.events.dedup import deduplicate
from corridor.extract.pipeline import extract
from corridor.store.batch import ingest
from corridor.store.db import session_scope
from corridor.store.models import DocumentRow, EventRow, EventSourceRow

WIRE = ("title: Naqvi, Baker discuss security\ndate: 2026-03-03\n\nISLAMABAD: Interior Minister Mohsin Naqvi met US "
        "charge d'affaires Natalie Baker in Islamabad on Monday. Naqvi assured American investors of full security.")
OTHER_OUTLET = ("title: Minister assures US investors\ndate: 2026-03-02\n\nInterior Minister Mohsin Naqvi on Monday "
                "held talks with Natalie Baker, the US charge d'affaires, in Islamabad. The minister assured American "
                "investors that they would be protected.")


def doc(name: str, text: str, published: date) -> Document:
    return Document(name=name, text=text, published=published, body_start=text.index("\n\n") + 2)


def test_dedup_same_news_from_two_documents_is_one_event():
    events = [*extract(doc("wire.txt", WIRE, date(2026, 3, 3))), *extract(doc("daily.txt", OTHER_OUTLET, date(2026, 3, 2)))]
    merged = deduplicate(events)
    meeting = [e for e in merged if e.kind == "meeting"]
    assert len(meeting) == 1
    assert sorted({s.doc for s in meeting[0].sources}) == ["daily.txt", "wire.txt"]
    assert [e.kind for e in merged].count("assurance") == 1


@pytest.mark.parametrize(
    "second",
    [
        # another day, another meeting
        "title: x\ndate: 2026-03-20\n\nInterior Minister Mohsin Naqvi met US charge d'affaires Natalie Baker on Thursday.",
        # the same day, other people
        "title: x\ndate: 2026-03-02\n\nFinance Minister Muhammad Aurangzeb met US Ambassador Mark Dalton on Monday.",
    ],
)
def test_dedup_different_events_stay_apart(second):
    first = extract(doc("a.txt", WIRE, date(2026, 3, 3)))
    other = extract(doc("b.txt", second, date.fromisoformat(second.split("date: ")[1][:10])))
    merged = deduplicate([*first, *other])
    assert [e.kind for e in merged].count("meeting") == 2


def test_dedup_attacks_in_different_places_stay_apart():
    a = extract(doc("a.txt", "title: a\ndate: 2026-03-03\n\nA bomb attack in Quetta killed two people on Monday.",
                    date(2026, 3, 3)))
    b = extract(doc("b.txt", "title: b\ndate: 2026-03-03\n\nA bomb attack in Bannu killed two people on Monday.",
                    date(2026, 3, 3)))
    assert len(deduplicate([*a, *b])) == 2


def _count(url, table):
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(table))


def test_dedup_at_ingest_links_reports(db_url, tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE)
    (tmp_path / "other.txt").write_text(OTHER_OUTLET)
    ingest([tmp_path / "wire.txt"], db_url)
    events_before = _count(db_url, EventRow)
    ingest([tmp_path / "other.txt"], db_url)
    assert _count(db_url, EventRow) == events_before
    with session_scope(db_url) as session:
        meeting = session.scalars(select(EventRow).where(EventRow.kind == "meeting")).one()
        assert len({s.document_id for s in meeting.sources}) == 2


def test_dedup_near_duplicate_article_is_linked(db_url, tmp_path):
    original = tmp_path / "original.txt"
    original.write_text(WIRE)
    copy = tmp_path / "copy.txt"
    copy.write_text(WIRE.replace("title: Naqvi, Baker discuss security", "title: Security talks in the capital")
                    + " The story was first published by a wire service.")
    ingest([original], db_url)
    events, sources = _count(db_url, EventRow), _count(db_url, EventSourceRow)
    report = ingest([copy], db_url)
    assert report.stats.near_duplicates == 1
    assert _count(db_url, EventRow) == events
    assert _count(db_url, EventSourceRow) > sources
    with session_scope(db_url) as session:
        rows = {d.name: d for d in session.scalars(select(DocumentRow))}
        assert rows["copy.txt"].duplicate_of == rows["original.txt"].id
        assert rows["original.txt"].duplicate_of is None
