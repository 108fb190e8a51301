"""Aggregates for the overview and the map: counts by kind, sector, week, month, place; what comes next."""

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from corridor.store.models import EventRow, EventSectorRow, PlaceRow


def _month(session: Session, column) -> ColumnElement[str]:
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, literal_column("'YYYY-MM'"))
    return func.strftime(literal_column("'%Y-%m'"), column)


def counts_by_kind(session: Session, where: ColumnElement[bool] | None = None) -> dict[str, int]:
    stmt = select(EventRow.kind, func.count()).group_by(EventRow.kind)
    if where is not None:
        stmt = stmt.where(where)
    return {kind: n for kind, n in session.execute(stmt)}


def counts_by_sector(session: Session, where: ColumnElement[bool] | None = None) -> dict[str, int]:
    stmt = select(EventSectorRow.sector, func.count()).group_by(EventSectorRow.sector)
    if where is not None:
        stmt = stmt.join(EventRow, EventRow.id == EventSectorRow.event_id).where(where)
    return {sector: n for sector, n in session.execute(stmt)}


def latest_day(session: Session, where: ColumnElement[bool] | None = None) -> date | None:
    stmt = select(func.max(EventRow.day))
    return session.scalar(stmt if where is None else stmt.where(where))


def first_day(session: Session, where: ColumnElement[bool] | None = None) -> date | None:
    stmt = select(func.min(EventRow.day))
    return session.scalar(stmt if where is None else stmt.where(where))


def daily_counts(session: Session, since: date | None = None,
                 where: ColumnElement[bool] | None = None) -> list[tuple[date, bool, int]]:
    """(day, is an attack, events) for every dated event from `since`; weeks are made in Python."""
    stmt = (select(EventRow.day, EventRow.kind, func.count()).where(EventRow.day.is_not(None))
            .group_by(EventRow.day, EventRow.kind))
    if where is not None:
        stmt = stmt.where(where)
    if since:
        stmt = stmt.where(EventRow.day >= since)
    return [(d, kind == "attack", n) for d, kind, n in session.execute(stmt)]


def weekly(days: list[tuple[date, bool, int]], weeks: int) -> list[dict[str, Any]]:
    """The last `weeks` weeks (Monday first) up to the latest dated event, with attacks counted apart."""
    if not days:
        return []
    last = max(d for d, _, _ in days)
    end = last - timedelta(days=last.weekday())
    first = min(d for d, _, _ in days)
    start = max(end - timedelta(weeks=weeks - 1), first - timedelta(days=first.weekday()))
    counts: Counter = Counter()
    for day, attack, n in days:
        monday = day - timedelta(days=day.weekday())
        if monday >= start:
            counts[(monday, attack)] += n
    out = []
    monday = start
    while monday <= end:
        out.append({"week": monday.isoformat(), "attacks": counts[(monday, True)], "other": counts[(monday, False)]})
        monday += timedelta(weeks=1)
    return out


def sector_months(session: Session, months: int, where: ColumnElement[bool] | None = None) -> dict[str, Any]:
    """Events per sector and month, for the last `months` months up to the latest dated event."""
    last = latest_day(session, where)
    if last is None:
        return {"months": [], "rows": []}
    y, m = divmod(last.year * 12 + last.month - 1 - (months - 1), 12)
    since = date(y, m + 1, 1)
    month = _month(session, EventRow.day)
    # From events (a range of the date index) to their sectors: reading only the months shown.
    stmt = (select(EventSectorRow.sector, month, func.count())
            .select_from(EventRow).join(EventSectorRow, EventSectorRow.event_id == EventRow.id)
            .where(EventRow.day >= since, *([] if where is None else [where]))
            .group_by(EventSectorRow.sector, month))
    cells = [(sector, m, n) for sector, m, n in session.execute(stmt)]
    if not cells:
        return {"months": [], "rows": []}
    columns = _month_range(since.isoformat()[:7], last.isoformat()[:7])
    grid: dict[str, dict[str, int]] = {}
    for sector, m, n in cells:
        if m in columns:
            grid.setdefault(sector, {})[m] = n
    return {"months": columns, "rows": [{"sector": s, "counts": [grid[s].get(m, 0) for m in columns]}
                                        for s in sorted(grid)]}


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def event_ids(session: Session, where: ColumnElement[bool], order, limit: int) -> list[str]:
    return list(session.scalars(select(EventRow.id).where(where).order_by(*order).limit(limit)))


def latest(session: Session, today: date, limit: int, kind: str | None = None,
           visible: ColumnElement[bool] | None = None) -> list[str]:
    """The most recently dated events up to today (scheduled ones in the future excluded)."""
    where = and_(EventRow.day.is_not(None), EventRow.day <= today)
    if kind:
        where = and_(where, EventRow.kind == kind)
    if visible is not None:
        where = and_(where, visible)
    return event_ids(session, where, (EventRow.day.desc(), EventRow.id), limit)


def upcoming(session: Session, today: date, limit: int, visible: ColumnElement[bool] | None = None) -> list[str]:
    where = and_(EventRow.kind == "scheduled_event", EventRow.day >= today)
    if visible is not None:
        where = and_(where, visible)
    return event_ids(session, where, (EventRow.day, EventRow.id), limit)


def place_counts(session: Session, where: ColumnElement[bool] | None = None) -> list[dict[str, Any]]:
    """Events per place (with attacks apart), for the map."""
    attack = func.sum(case((EventRow.kind == "attack", 1), else_=0))
    stmt = (select(PlaceRow.id, PlaceRow.name, PlaceRow.admin1, PlaceRow.country, PlaceRow.lat, PlaceRow.lon,
                   func.count(), attack)
            .join(EventRow, EventRow.place_id == PlaceRow.id)
            .group_by(PlaceRow.id, PlaceRow.name, PlaceRow.admin1, PlaceRow.country, PlaceRow.lat, PlaceRow.lon))
    if where is not None:
        stmt = stmt.where(where)
    return [{"id": r[0], "name": r[1], "admin1": r[2], "country": r[3], "lat": r[4], "lon": r[5],
             "events": r[6], "attacks": int(r[7] or 0)} for r in session.execute(stmt)]
