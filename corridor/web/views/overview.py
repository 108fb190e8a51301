"""The overview: the corridor at a glance."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.events.model import KINDS, SECTORS
from corridor.review.progress import progress
from corridor.store import stats
from corridor.store.models import DocumentRow
from corridor.store.records import load_records
from corridor.store.visibility import Visibility, document_clause, event_clause
from corridor.web import charts
from corridor.web.cache import cached

WEEKS = 104  # two years of weekly columns at most
MONTHS = 18  # heat map columns


def overview_view(session: Session, visible: Visibility, today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    return cached(session, ("overview", today, visible.key()), lambda: _overview(session, today, visible))


def _overview(session: Session, today: date, visible: Visibility) -> dict[str, Any]:
    where = event_clause(session, visible)
    documents_where = document_clause(session, visible)
    kinds = stats.counts_by_kind(session, where)
    sectors = stats.counts_by_sector(session, where)
    last = stats.latest_day(session, where)
    days = stats.daily_counts(session, since=last - timedelta(weeks=WEEKS) if last else None, where=where)
    upcoming = load_records(session, stats.upcoming(session, today, 12, where))
    first = stats.first_day(session, where)
    documents = select(func.count()).select_from(DocumentRow)
    return {
        "today": today.isoformat(),
        "events": sum(kinds.values()),
        "documents": session.scalar(documents if documents_where is None else documents.where(documents_where)) or 0,
        "review": progress(session, visible),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "kinds": [{"kind": k, "count": kinds.get(k, 0)} for k in sorted(KINDS, key=lambda k: -kinds.get(k, 0))],
        "sectors": [{"sector": s, "count": sectors.get(s, 0)}
                    for s in sorted(SECTORS, key=lambda s: -sectors.get(s, 0))],
        "weeks": stats.weekly(days, WEEKS),
        "sector_months": stats.sector_months(session, MONTHS, where),
        "latest": load_records(session, stats.latest(session, today, 8, visible=where)),
        "upcoming": upcoming,
        "attacks": load_records(session, stats.latest(session, today, 6, kind="attack", visible=where)),
    }


def overview_charts(data: dict[str, Any]) -> dict[str, Any]:
    """The overview's charts laid out for SVG (the HTML page only; the JSON twin has the numbers)."""
    today = date.fromisoformat(data["today"])
    months = []
    for e in data["upcoming"]:
        if e["date_precision"] == "day" and e["date"][:7] not in months:
            months.append(e["date"][:7])
    return {
        "kinds": charts.bars([(k["kind"].replace("_", " "), k["count"], f"/events?kind={k['kind']}")
                              for k in data["kinds"] if k["count"]]),
        "sectors": charts.bars([(s["sector"], s["count"], f"/events?sector={s['sector']}")
                                for s in data["sectors"] if s["count"]]),
        "timeline": charts.timeline(data["weeks"]),
        "heatmap": charts.heatmap(data["sector_months"]),
        "calendars": [charts.month_calendar(int(m[:4]), int(m[5:]), data["upcoming"], today) for m in months[:2]],
    }
