"""Full-text search: the query language, both backends (same shape, same hits), the index kept in step."""

import pytest
from sqlalchemy import text

from corridor.store import fts
from corridor.store.batch import ingest
from corridor.store.db import get_engine, session_scope
from corridor.store.search import CLOSE, OPEN, parse, search, split_marks

ARTICLES = {
    "a.txt": ("title: Ridgeline pledges copper search in Chagai\ndate: 2026-03-02\n\nQUETTA: Ridgeline Minerals "
              "said on Monday it would invest $120 million in copper exploration in Chagai district. "
              "Interior Minister Mohsin Naqvi met US charge d'affaires Natalie Baker in Islamabad on Monday."),
    "b.txt": ("title: Bomb attack in Quetta\ndate: 2026-03-03\n\nQUETTA: A bomb attack on a police convoy in Quetta "
              "killed two officers on Tuesday, officials said."),
    "c.txt": ("title: Solar park agreement\ndate: 2026-03-04\n\nLAHORE: Punjab and Harrowgate Solar signed an "
              "agreement to build a solar park near Bahawalpur, officials said on Wednesday."),
}


@pytest.mark.parametrize(
    ("q", "fts5", "websearch"),
    [
        ("copper", '("copper")', "copper"),
        ("Copper Chagai", '("copper") AND ("chagai")', "copper chagai"),
        ('"joint venture" lithium', '("joint venture") AND ("lithium")', '"joint venture" lithium'),
        ("solar or wind", '("solar" OR "wind")', "solar or wind"),
        ("attack -quetta", '(("attack")) NOT "quetta"', "attack -quetta"),
        ('"unterminated phrase', '("unterminated phrase")', '"unterminated phrase"'),
        ("NEAR(a b) AND *:^", '("near a") AND ("b") AND ("and")', '"near a" b and'),
        ("", "", ""),
        ("-only", '() NOT "only"', "-only"),
    ],
)
def test_search_parse_quotes_every_word(q, fts5, websearch):
    query = parse(q)
    assert query.fts5() == fts5
    assert query.websearch() == websearch


@pytest.mark.parametrize(("q", "searchable"), [("copper", True), ("-copper", False), ("or", False), ("!!", False),
                                                ("a -b", True)])
def test_search_parse_knows_when_nothing_can_match(q, searchable):
    assert parse(q).searchable is searchable


def test_search_parse_bounds_the_number_of_terms():
    assert len(parse(" ".join(f"w{i}" for i in range(100))).clauses) == 16


@pytest.mark.parametrize(
    ("snippet", "plain", "marks"),
    [
        (f"a {OPEN}b{CLOSE} c", "a b c", [[2, 3]]),
        (f"{OPEN}x{CLOSE}{OPEN}y{CLOSE}", "xy", [[0, 1], [1, 2]]),
        ("plain", "plain", []),
        (f"dangling {OPEN}open", "dangling open", []),
        (None, "", []),
    ],
)
def test_search_split_marks(snippet, plain, marks):
    assert split_marks(snippet) == (plain, marks)


@pytest.fixture(scope="module")
def store(module_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, body in ARTICLES.items():
        (folder / name).write_text(body, encoding="utf-8")
    ingest([folder], module_db)
    fts.ensure(get_engine(module_db))
    return module_db


@pytest.mark.parametrize(
    ("q", "documents", "event_kinds"),
    [
        ("copper", ["Ridgeline pledges copper search in Chagai"], None),
        ("bomb quetta", ["Bomb attack in Quetta"], {"attack"}),
        ("attacks", ["Bomb attack in Quetta"], {"attack"}),  # stemmed: attacks finds attack
        ('"solar park"', ["Solar park agreement"], None),
        ("copper or solar", ["Ridgeline pledges copper search in Chagai", "Solar park agreement"], None),
        ("quetta -bomb", ["Ridgeline pledges copper search in Chagai"], None),
        ("zeppelin", [], set()),
        ("", [], set()),
    ],
)
def test_search_same_results_on_sqlite_and_postgresql(store, q, documents, event_kinds):
    with session_scope(store) as session:
        result = search(session, q)
    assert sorted(h["title"] for h in result["documents"]["hits"]) == sorted(documents)
    assert result["documents"]["total"] == len(documents)
    if event_kinds is not None:
        assert {h["kind"] for h in result["events"]["hits"]} == event_kinds
    for hit in result["documents"]["hits"]:
        assert set(hit) == {"id", "name", "title", "title_marks", "published", "snippet", "marks"}
        assert all(0 <= s < e <= len(hit["snippet"]) for s, e in hit["marks"])
        assert hit["marks"], "matched words are marked in the snippet"
        assert OPEN not in hit["snippet"] and CLOSE not in hit["snippet"]
    for hit in result["events"]["hits"]:
        assert set(hit) == {"id", "kind", "date", "summary", "summary_marks", "quote", "marks"}


def test_search_pages_through_hits(store):
    with session_scope(store) as session:
        first = search(session, "said", page=1, size=1)
        second = search(session, "said", page=2, size=1)
    assert first["documents"]["total"] == 3 and first["pages"] >= 3
    assert first["documents"]["hits"][0]["id"] != second["documents"]["hits"][0]["id"]


def test_search_index_follows_inserts_updates_and_deletes(sqlite_url, tmp_path):
    fts.ensure(get_engine(sqlite_url))
    (tmp_path / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    ingest([tmp_path], sqlite_url)
    with session_scope(sqlite_url) as session:
        assert search(session, "convoy")["documents"]["total"] == 1
        session.execute(text("UPDATE documents SET title = 'Zeppelin sighted'"))
        assert search(session, "zeppelin")["documents"]["total"] == 1
        session.execute(text("DELETE FROM event_sources"))
        session.execute(text("DELETE FROM documents"))
        assert search(session, "convoy")["documents"]["total"] == 0


def test_search_fts_ensure_restores_dropped_triggers(sqlite_url, tmp_path):
    engine = get_engine(sqlite_url)
    fts.ensure(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER documents_fts_ai")  # what a table rebuild by a migration does
        assert fts.missing(conn) == ["documents_fts"]
    (tmp_path / "c.txt").write_text(ARTICLES["c.txt"], encoding="utf-8")
    ingest([tmp_path], sqlite_url)
    with session_scope(sqlite_url) as session:
        assert search(session, "harrowgate")["documents"]["total"] == 0  # written while not indexed
    assert fts.ensure(engine) == ["documents_fts"]
    with session_scope(sqlite_url) as session:
        assert search(session, "harrowgate")["documents"]["total"] == 1  # re-indexed
    assert fts.ensure(engine) == []
