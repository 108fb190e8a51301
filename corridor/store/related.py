"""Events related to one event: recent events of its participants (most shared first), then events
at its place, for the event page.

Fixed SQL sent straight to the driver, as records.py does: these few small queries run on every
event page, and building and compiling them with SQLAlchemy took longer than running them."""

from typing import Any

from sqlalchemy import Connection

from corridor.store.records import placeholders

CANDIDATES = 50  # recent events of the same actors, ranked by how many actors they share
HUB = 2000  # actors in more events than this are looked for in date order (see _recent_with)

COLUMNS = "e.id, e.kind, e.date, e.summary, e.place_id"
NEWEST = "ORDER BY e.day DESC NULLS LAST, e.id DESC"  # the events list's date order: one index serves it
ROWS_OF_ACTORS = "SELECT count(*) FROM (SELECT 1 FROM event_participants WHERE actor_id IN ({ids}) LIMIT {limit}) AS t"
RECENT_PROBING = (
    f"SELECT {COLUMNS} FROM events e WHERE EXISTS (SELECT 1 FROM event_participants p "
    f"WHERE p.actor_id IN ({{ids}}) AND p.event_id = e.id) AND e.id <> {{mark}} {NEWEST} LIMIT {CANDIDATES}"
)
RECENT_LISTING = (
    f"SELECT {COLUMNS} FROM events e WHERE e.id IN (SELECT p.event_id FROM event_participants p "
    f"WHERE p.actor_id IN ({{ids}})) AND e.id <> {{mark}} {NEWEST} LIMIT {CANDIDATES}"
)
PARTICIPANTS = "SELECT event_id, actor_id FROM event_participants WHERE event_id IN ({ids})"
AT_PLACE = f"SELECT {COLUMNS} FROM events e WHERE e.place_id = {{mark}} AND e.id <> {{mark}} {NEWEST} LIMIT {{limit}}"


def related_events(connection: Connection, event: dict[str, Any], place_id: str | None,
                   limit: int = 10) -> list[dict[str, Any]]:
    """Up to `limit` events, each saying why it is related (actors in common, the same place)."""
    actors = {p["actor_id"]: p["name"] or p["org"] for p in event["participants"] if p["actor_id"]}
    by_actor, shared = _by_actors(connection, actors, event["id"], limit)
    seen = {r[0] for r in by_actor}
    by_place = []
    if place_id and len(by_actor) < limit:
        sql = AT_PLACE.format(mark=placeholders(connection, 1), limit=limit + len(seen))
        rows = connection.exec_driver_sql(sql, (place_id, event["id"])).all()
        by_place = [r for r in rows if r[0] not in seen][: limit - len(by_actor)]
    return [{"id": r[0], "kind": r[1], "date": r[2], "summary": r[3], "shared_actors": sorted(shared.get(r[0], ())),
             "same_place": bool(place_id and r[4] == place_id)} for r in [*by_actor, *by_place]]


def _by_actors(connection: Connection, actors: dict[str, str], event_id: str,
               limit: int) -> tuple[list, dict[str, set[str]]]:
    """The events with most of these actors among the newest of theirs, and whom each shares."""
    if not actors:
        return [], {}
    candidates = _recent_with(connection, list(actors), event_id)
    if not candidates:
        return [], {}
    # All participants of the candidates, filtered here: with the actors in the WHERE too, the
    # planner walks a busy actor's thousands of rows instead of the candidates' few.
    shared: dict[str, set[str]] = {}
    ids = [r[0] for r in candidates]
    sql = PARTICIPANTS.format(ids=placeholders(connection, len(ids)))
    for candidate, actor_id in connection.exec_driver_sql(sql, tuple(ids)):
        if actor_id in actors:
            shared.setdefault(candidate, set()).add(actors[actor_id])
    ranked = sorted(candidates, key=lambda r: -len(shared.get(r[0], ())))[:limit]  # stable: newest first
    return ranked, shared


def _recent_with(connection: Connection, actor_ids: list[str], event_id: str) -> list:
    """The newest events any of these actors took part in.

    For an actor in thousands of events, reading all of them to keep the newest fifty is slow;
    walking the date index from the newest and probing each event for the actor (EXISTS) stops
    after a few hundred rows. For an actor in few events it is the other way round."""
    ids = placeholders(connection, len(actor_ids))
    rows = connection.exec_driver_sql(ROWS_OF_ACTORS.format(ids=ids, limit=HUB + 1), tuple(actor_ids)).scalar() or 0
    sql = (RECENT_PROBING if rows > HUB else RECENT_LISTING).format(ids=ids, mark=placeholders(connection, 1))
    return connection.exec_driver_sql(sql, (*actor_ids, event_id)).all()
