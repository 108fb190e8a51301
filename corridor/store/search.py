"""Full-text search over documents, event summaries and quotes.

SQLite uses the FTS5 tables of migration 0003 (porter stemming, bm25 ranking); PostgreSQL uses the GIN
expression indexes of the same migration (english stemming, ts_rank). Both read the same query
language, a small subset of web search syntax: words (all must occur), "a phrase", `or` between
words, and -word to exclude. Both return the same shape: hits with a snippet and the offsets of the
matched words inside it, so the caller escapes the text and marks the words itself.
"""

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, bindparam, false, text
from sqlalchemy.orm import Session

from corridor.store.models import EventRow

# Private-use characters mark matched words in snippets: they never occur in ordinary text.
OPEN, CLOSE = "\ue000", "\ue001"
MAX_TERMS = 16  # longer queries are cut: a search box, not a query language
RANKED = 1000  # SQLite ranks the newest this many matches of each kind (see _Sqlite)
PG_CONFIG = "'english'::regconfig"
PG_DOCUMENT_VECTOR = f"to_tsvector({PG_CONFIG}, coalesce(d.title, '') || ' ' || left(d.text, 200000))"
PG_SUMMARY_VECTOR = f"to_tsvector({PG_CONFIG}, e.summary)"
PG_QUOTE_VECTOR = f"to_tsvector({PG_CONFIG}, s.quote)"
TOKEN = re.compile(r'-?"[^"]*"?|\S+')
WORD = re.compile(r"\w+")


@dataclass
class Term:
    words: list[str]
    negated: bool = False


@dataclass
class Query:
    """Clauses that must all hold; each clause is terms of which one must occur (`or`)."""

    clauses: list[list[Term]] = field(default_factory=list)

    @property
    def searchable(self) -> bool:
        return any(not t.negated for clause in self.clauses for t in clause)

    def fts5(self) -> str:
        """The query in FTS5 syntax, every word quoted so no input is an FTS5 syntax error."""
        positive = [" OR ".join(_phrase(t) for t in clause) for clause in self.clauses if not clause[0].negated]
        text_ = " AND ".join(f"({p})" for p in positive)
        for clause in self.clauses:
            if clause[0].negated:
                text_ = f"({text_}) NOT {_phrase(clause[0])}"
        return text_

    def websearch(self) -> str:
        """The query in PostgreSQL's websearch_to_tsquery syntax."""
        parts = []
        for clause in self.clauses:
            parts.append(" or ".join(("-" if t.negated else "") + (f'"{" ".join(t.words)}"' if len(t.words) > 1
                                                                    else t.words[0]) for t in clause))
        return " ".join(parts)


def _phrase(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'


def parse(q: str | None) -> Query:
    """Words, "phrases", `or`, -exclusions; anything else (punctuation, operators) is ignored."""
    query = Query()
    pending_or = False
    count = 0
    for token in TOKEN.findall(q or ""):
        if token.lower() == "or":
            pending_or = bool(query.clauses)
            continue
        negated = token.startswith("-")
        words = [w.lower() for w in WORD.findall(token)]
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        term = Term(words, negated)
        if pending_or and not negated and not query.clauses[-1][0].negated:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    return query


def split_marks(snippet: str | None) -> tuple[str, list[list[int]]]:
    """A snippet with OPEN/CLOSE markers → plain text and the [start, end) offsets of the marked words."""
    if not snippet:
        return "", []
    plain: list[str] = []
    marks: list[list[int]] = []
    size = 0
    start = None
    for part in re.split(f"([{OPEN}{CLOSE}])", snippet):
        if part == OPEN:
            start = size
        elif part == CLOSE:
            if start is not None and size > start:
                marks.append([start, size])
            start = None
        else:
            plain.append(part)
            size += len(part)
    return "".join(plain), marks


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def matching_events(session: Session, q: str) -> ColumnElement[bool]:
    """A WHERE clause on events: the summary or a quote matches the query."""
    query = parse(q)
    if not query.searchable:
        return false()
    if _dialect(session) == "postgresql":
        ids = text(
            f"SELECT e.id FROM events e WHERE {PG_SUMMARY_VECTOR} @@ websearch_to_tsquery({PG_CONFIG}, :fts_q) "
            f"UNION SELECT s.event_id FROM event_sources s "
            f"WHERE {PG_QUOTE_VECTOR} @@ websearch_to_tsquery({PG_CONFIG}, :fts_q)"
        ).bindparams(bindparam("fts_q", query.websearch()))
        return EventRow.id.in_(ids.columns(id=EventRow.id.type).subquery().select())
    ids = text(
        "SELECT e.id FROM events e WHERE e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :fts_q) "
        "UNION SELECT s.event_id FROM event_sources s "
        "WHERE s.id IN (SELECT rowid FROM event_sources_fts WHERE event_sources_fts MATCH :fts_q)"
    ).bindparams(bindparam("fts_q", query.fts5()))
    return EventRow.id.in_(ids.columns(id=EventRow.id.type).subquery().select())


@dataclass
class _Scope:
    """What the reader may see, as SQL: ` AND …` on documents `d` and on events `e`, and its parameters."""

    documents: str = ""
    events: str = ""
    params: dict = field(default_factory=dict)


def _scope(session: Session, visible) -> _Scope:
    from corridor.store.visibility import sql_clause

    documents, params = sql_clause(session, visible, "d.org_id")
    events, _ = sql_clause(session, visible, "e.org_id")
    return _Scope(documents, events, params)


def search(session: Session, q: str | None, page: int = 1, size: int = 20, visible=None) -> dict[str, Any]:
    """Documents and events matching the query that the reader may see (news only unless `visible`
    says more), best first, a page of each."""
    from corridor.store.visibility import PUBLIC

    query = parse(q)
    empty = {"total": 0, "exact": True, "ranked": 0, "hits": []}
    if not query.searchable:
        return {"q": q or "", "documents": empty, "events": dict(empty), "page": page, "size": size, "pages": 1}
    scope = _scope(session, PUBLIC if visible is None else visible)
    backend = _Postgres(query, scope) if _dialect(session) == "postgresql" else _Sqlite(query, scope)
    offset = (page - 1) * size
    documents = backend.documents(session, size, offset)
    events = backend.events(session, size, offset)
    pages = max(1, -(-max(documents["ranked"], events["ranked"]) // size))
    return {"q": q or "", "documents": documents, "events": events, "page": page, "size": size, "pages": pages}


class _Summary(NamedTuple):
    id: str
    kind: str
    date: str | None
    summary: str
    marked: str | None


class _Sqlite:
    """FTS5 ranks with bm25 every row it is asked to; for a word in half the store that is tens of
    thousands of rows. So rank only the RANKED most recently stored matches (FTS5 walks its lists
    in rowid order, so taking them is cheap), count all matches, and say when the two differ."""

    def __init__(self, query: Query, scope: _Scope) -> None:
        self.params = {"q": query.fts5(), **scope.params}
        self.scope = scope

    def _restricted(self, table: str) -> tuple[str, str]:
        """The join and the condition keeping the rows of `table` the reader may see."""
        if table == "documents_fts" and self.scope.documents:
            return "JOIN documents d ON d.rowid = documents_fts.rowid", self.scope.documents
        if table == "events_fts" and self.scope.events:
            return "JOIN events e ON e.rowid = events_fts.rowid", self.scope.events
        if table == "event_sources_fts" and self.scope.events:
            return ("JOIN event_sources s ON s.id = event_sources_fts.rowid JOIN events e ON e.id = s.event_id",
                    self.scope.events)
        return "", ""

    def _count(self, session: Session, table: str) -> int:
        join, where = self._restricted(table)
        return session.scalar(text(f"SELECT count(*) FROM {table} {join} WHERE {table} MATCH :q{where}"),
                              self.params) or 0

    def _best(self, session: Session, table: str, n: int) -> list:
        """(rowid, rank) of the n best among the RANKED newest matches."""
        join, where = self._restricted(table)
        return session.execute(text(
            f"SELECT rowid, rank FROM (SELECT {table}.rowid AS rowid, {table}.rank AS rank FROM {table} {join} "
            f"WHERE {table} MATCH :q{where} ORDER BY {table}.rowid DESC LIMIT :ranked) ORDER BY rank, rowid DESC LIMIT :n"
        ), {**self.params, "ranked": RANKED, "n": n}).all()

    def documents(self, session: Session, limit: int, offset: int) -> dict[str, Any]:
        total = self._count(session, "documents_fts")
        page = self._best(session, "documents_fts", offset + limit)[offset:]
        hits = []
        if page:
            rowids = bindparam("rowids", expanding=True)
            rows = {r.rowid: r for r in session.execute(text(
                "SELECT documents_fts.rowid AS rowid, d.id, d.name, d.title, d.published, "
                f"highlight(documents_fts, 0, '{OPEN}', '{CLOSE}') AS title_marked, "
                f"snippet(documents_fts, 1, '{OPEN}', '{CLOSE}', '…', 24) AS snippet "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH :q AND documents_fts.rowid IN :rowids"
            ).bindparams(rowids), {**self.params, "rowids": [r.rowid for r in page]})}
            hits = [_document_hit(rows[r.rowid]) for r in page if r.rowid in rows]
        return {"total": total, "exact": True, "ranked": min(total, RANKED), "hits": hits}

    def events(self, session: Session, limit: int, offset: int) -> dict[str, Any]:
        # An event matches by its summary or by a quote: take the best of each, merge by event.
        in_summaries, in_quotes = self._count(session, "events_fts"), self._count(session, "event_sources_fts")
        wanted = offset + limit
        best: dict[str, float] = {}
        rowids = bindparam("rowids", expanding=True)
        for table, lookup in (("events_fts", "SELECT rowid, id FROM events WHERE rowid IN :rowids"),
                              ("event_sources_fts", "SELECT id, event_id FROM event_sources WHERE id IN :rowids")):
            found = self._best(session, table, 2 * wanted)
            if not found:
                continue
            ids = dict(session.execute(text(lookup).bindparams(rowids), {"rowids": [r.rowid for r in found]}).all())
            for r in found:
                if r.rowid in ids:
                    event_id = ids[r.rowid]
                    best[event_id] = min(best.get(event_id, r.rank), r.rank)
        ranked = sorted(best, key=lambda i: (best[i], i))[offset:wanted]
        exact = in_summaries <= RANKED and in_quotes <= RANKED
        total = max(in_summaries, in_quotes)  # a lower bound; counted exactly when that is cheap
        if exact:
            total = session.scalar(text(
                "SELECT count(*) FROM (SELECT e.id FROM events_fts f JOIN events e ON e.rowid = f.rowid "
                f"WHERE events_fts MATCH :q{self.scope.events} UNION SELECT s.event_id FROM event_sources_fts f "
                "JOIN event_sources s ON s.id = f.rowid JOIN events e ON e.id = s.event_id "
                f"WHERE event_sources_fts MATCH :q{self.scope.events})"), self.params) or 0
        result = {"total": total, "exact": exact, "ranked": min(total, RANKED), "hits": []}
        if not ranked:
            return result
        # Highlights and snippets by rowid: FTS5 then reads just these rows, not every match.
        ids = bindparam("ids", expanding=True)
        events = session.execute(text("SELECT e.rowid, e.id, e.kind, e.date, e.summary FROM events e WHERE e.id IN :ids")
                                 .bindparams(ids), {"ids": ranked}).all()
        marked = dict(session.execute(text(
            f"SELECT rowid, highlight(events_fts, 0, '{OPEN}', '{CLOSE}') FROM events_fts "
            "WHERE events_fts MATCH :q AND rowid IN :rowids"
        ).bindparams(rowids), {**self.params, "rowids": [r.rowid for r in events]}).all())
        summaries = [_Summary(r.id, r.kind, r.date, r.summary, marked.get(r.rowid)) for r in events]
        sources = dict(session.execute(text("SELECT id, event_id FROM event_sources WHERE event_id IN :ids")
                                       .bindparams(ids), {"ids": ranked}).all())
        quotes = [(sources[rowid], snippet) for rowid, snippet in session.execute(text(
            f"SELECT rowid, snippet(event_sources_fts, 0, '{OPEN}', '{CLOSE}', '…', 24) FROM event_sources_fts "
            "WHERE event_sources_fts MATCH :q AND rowid IN :rowids ORDER BY rowid"
        ).bindparams(rowids), {**self.params, "rowids": list(sources)})]
        result["hits"] = _event_hits(ranked, summaries, quotes)
        return result


class _Postgres:
    def __init__(self, query: Query, scope: _Scope) -> None:
        self.params = {"q": query.websearch(), **scope.params}
        self.tsquery = f"websearch_to_tsquery({PG_CONFIG}, :q)"
        self.scope = scope

    def documents(self, session: Session, limit: int, offset: int) -> dict[str, Any]:
        where = f"{PG_DOCUMENT_VECTOR} @@ {self.tsquery}{self.scope.documents}"
        total = session.scalar(text(f"SELECT count(*) FROM documents d WHERE {where}"), self.params)
        rows = session.execute(text(
            "SELECT d.id, d.name, d.title, d.published, "
            f"ts_headline({PG_CONFIG}, coalesce(d.title, ''), {self.tsquery}, :title_opts) AS title_marked, "
            f"ts_headline({PG_CONFIG}, left(d.text, 200000), {self.tsquery}, :opts) AS snippet "
            f"FROM (SELECT d.id, ts_rank({PG_DOCUMENT_VECTOR}, {self.tsquery}) AS r FROM documents d WHERE {where} "
            "ORDER BY r DESC, d.id LIMIT :limit OFFSET :offset) AS top JOIN documents d ON d.id = top.id "
            "ORDER BY top.r DESC, d.id"
        ), {**self.params, "limit": limit, "offset": offset, "opts": _headline_options(24),
            "title_opts": _headline_options(0)}).all()
        return {"total": total or 0, "exact": True, "ranked": total or 0, "hits": [_document_hit(r) for r in rows]}

    def events(self, session: Session, limit: int, offset: int) -> dict[str, Any]:
        join = " JOIN events e ON e.id = s.event_id" if self.scope.events else ""
        matches = (
            f"SELECT e.id AS id, ts_rank({PG_SUMMARY_VECTOR}, {self.tsquery}) AS r FROM events e "
            f"WHERE {PG_SUMMARY_VECTOR} @@ {self.tsquery}{self.scope.events} "
            f"UNION ALL SELECT s.event_id, ts_rank({PG_QUOTE_VECTOR}, {self.tsquery}) FROM event_sources s{join} "
            f"WHERE {PG_QUOTE_VECTOR} @@ {self.tsquery}{self.scope.events}"
        )
        total = session.scalar(text(f"SELECT count(DISTINCT id) FROM ({matches}) AS m"), self.params) or 0
        ranked = session.execute(text(
            f"SELECT id FROM ({matches}) AS m GROUP BY id ORDER BY max(r) DESC, id LIMIT :limit OFFSET :offset"
        ), {**self.params, "limit": limit, "offset": offset}).scalars().all()
        result = {"total": total, "exact": True, "ranked": total, "hits": []}
        if not ranked:
            return result
        ids = bindparam("ids", expanding=True)
        summaries = session.execute(text(
            "SELECT e.id, e.kind, e.date, e.summary, "
            f"CASE WHEN {PG_SUMMARY_VECTOR} @@ {self.tsquery} "
            f"THEN ts_headline({PG_CONFIG}, e.summary, {self.tsquery}, :opts) END AS marked "
            "FROM events e WHERE e.id IN :ids"
        ).bindparams(ids), {**self.params, "ids": list(ranked), "opts": _headline_options(0)}).all()
        quotes = session.execute(text(
            f"SELECT s.event_id, ts_headline({PG_CONFIG}, s.quote, {self.tsquery}, :opts) FROM event_sources s "
            f"WHERE s.event_id IN :ids AND {PG_QUOTE_VECTOR} @@ {self.tsquery} ORDER BY s.id"
        ).bindparams(ids), {**self.params, "ids": list(ranked), "opts": _headline_options(24)}).all()
        result["hits"] = _event_hits(ranked, summaries, quotes)
        return result


def _headline_options(words: int) -> str:
    """ts_headline options: the same markers as FTS5; `words` 0 means the whole text."""
    base = f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"
    if words:
        base = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords={words}, MinWords={words // 2}, ShortWord=2"
    return base


def _document_hit(r) -> dict[str, Any]:
    title, title_marks = split_marks(r.title_marked) if r.title else (None, [])
    snippet, marks = split_marks(r.snippet)
    return {
        "id": r.id, "name": r.name, "title": title if r.title else None, "title_marks": title_marks,
        "published": r.published.isoformat() if hasattr(r.published, "isoformat") else r.published,
        "snippet": snippet, "marks": marks,
    }


def _event_hits(ranked, summaries, quotes) -> list[dict[str, Any]]:
    by_id = {r.id: r for r in summaries}
    first_quote: dict[str, str] = {}
    for event_id, snippet in quotes:
        first_quote.setdefault(event_id, snippet)
    hits = []
    for event_id in ranked:
        r = by_id.get(event_id)
        if r is None:
            continue
        summary, summary_marks = split_marks(r.marked) if r.marked else (r.summary, [])
        quote, marks = split_marks(first_quote.get(event_id))
        hits.append({"id": r.id, "kind": r.kind, "date": r.date, "summary": summary, "summary_marks": summary_marks,
                     "quote": quote or None, "marks": marks})
    return hits
