"""Which records a reader may see: news (no owner) and the confidential records of their organisations.

Documents, the events read from them and forums may be confidential to one organisation
(`org_id`); everything else a reader sees is derived from those (actors from the events they took
part in). The clauses below are added to every read of the web app and the API; the command line
(the operator, who holds the database) reads everything."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from corridor.store.models import DocumentRow, EventRow


@dataclass(frozen=True)
class Visibility:
    orgs: frozenset[str] | None  # the organisations whose confidential records may be read; None: all

    @property
    def everything(self) -> bool:
        return self.orgs is None

    def allows(self, org_id: str | None) -> bool:
        return org_id is None or self.orgs is None or org_id in self.orgs

    def key(self) -> tuple:
        return ("all",) if self.orgs is None else tuple(sorted(self.orgs))


EVERYTHING = Visibility(None)
PUBLIC = Visibility(frozenset())


ANY_CONFIDENTIAL_SQL = "SELECT 1 FROM documents WHERE org_id IS NOT NULL LIMIT 1"


def any_confidential(session: Session) -> bool:
    """Whether the store holds any confidential document (an index probe, once per session, that is
    per request): until one is stored, no read needs the clauses below, and a store of news alone
    pays nothing for them."""
    if "any_confidential" not in session.info:
        found = session.connection().exec_driver_sql(ANY_CONFIDENTIAL_SQL).first() is not None
        session.info["any_confidential"] = found
    return session.info["any_confidential"]


def _owned(column, vis: Visibility) -> ColumnElement[bool]:
    return or_(column.is_(None), column.in_(sorted(vis.orgs))) if vis.orgs else column.is_(None)


def event_clause(session: Session, vis: Visibility) -> ColumnElement[bool] | None:
    """A WHERE clause on events keeping the visible ones, or None when every event is visible."""
    if vis.everything or not any_confidential(session):
        return None
    return _owned(EventRow.org_id, vis)


def document_clause(session: Session, vis: Visibility) -> ColumnElement[bool] | None:
    if vis.everything or not any_confidential(session):
        return None
    return _owned(DocumentRow.org_id, vis)


def sql_clause(session: Session, vis: Visibility, column: str) -> tuple[str, dict]:
    """The same as text for hand-written SQL: ` AND (...)` on `column` (e.g. "e.org_id"), and its parameters."""
    if vis.everything or not any_confidential(session):
        return "", {}
    if not vis.orgs:
        return f" AND {column} IS NULL", {}
    names = {f"vis_{i}": org for i, org in enumerate(sorted(vis.orgs))}
    return f" AND ({column} IS NULL OR {column} IN ({', '.join(':' + n for n in names)}))", names
