"""Actors: the list, and a page per person or organisation."""

from typing import Any

from sqlalchemy.orm import Session

from corridor.store.actor_queries import (
    ActorFilter,
    actor_event_ids,
    actor_years,
    co_participants,
    get_actor,
    list_actors,
)
from corridor.store.records import load_records
from corridor.store.visibility import Visibility
from corridor.web.cache import cached
from corridor.web.views.common import pages

EVENTS_SHOWN = 200  # an actor page lists this many events, newest first


def actors_view(session: Session, flt: ActorFilter, page: int, size: int, sort: str,
                visible: Visibility) -> dict[str, Any]:
    key = ("actors", tuple(sorted(vars(flt).items())), page, size, sort, visible.key())
    result = cached(session, key, lambda: list_actors(session, flt, page, size, sort, visible))
    return {
        "filters": {k: v for k, v in vars(flt).items() if v},
        "actors": result["actors"],
        "total": result["total"],
        "page": page,
        "pages": pages(result["total"], size),
        "size": size,
        "sort": sort,
    }


def actor_view(session: Session, actor_id: str, visible: Visibility) -> dict[str, Any]:
    row = get_actor(session, actor_id, visible)
    ids, total = actor_event_ids(session, actor_id, EVENTS_SHOWN, visible)
    events = load_records(session, ids)
    roles: dict[str, int] = {}
    for e in events:
        for p in e["participants"]:
            if p["actor_id"] == actor_id:
                roles[p["role"]] = roles.get(p["role"], 0) + 1
    years: dict[str, int] = {}
    for year, n in actor_years(session, actor_id, visible):
        years[year or "undated"] = n
    return {
        "actor": {"id": row.id, "kind": row.kind, "name": row.name, "country": row.country, "known": row.known,
                  "aliases": sorted(a.alias for a in row.aliases if a.alias != row.name)},
        "titles": [{"title": t.title, "org": t.org,
                    "first_seen": t.first_seen.isoformat() if t.first_seen else None,
                    "last_seen": t.last_seen.isoformat() if t.last_seen else None} for t in row.titles],
        "events": events,
        "events_total": total,
        "years": [{"year": y, "count": n} for y, n in sorted(years.items())],
        "roles": roles,
        "meets_most": co_participants(session, actor_id, visible=visible),
    }
