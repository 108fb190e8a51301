"""Events related to one event: recent events of its participants (most shared first), then events
at its place, for the event page.

Fixed SQL sent straight to the driver, as records.py does: these few small queries run on every
event page, and building and compiling them with SQLAlchemy took longer than running them."""

from typing import Any

from sqlalchemy import Connection

from corridor.store.records import placeholders
from corridor.store.visibility import EVERYTHING, Visibility

CANDIDATES = 50  # recent events of the same actors, ranked by how many actors they share

COLUMNS = "e.id, e.kind, e.date, e.summary, e.place_id, e.org_id"
NEWEST = "ORDER BY e.day DESC NULLS LAST, e.id DESC"  # the events list's date order: one index serves it
# One actor's newest events, read backwards along ix_event_participants_actor_day (migration 0005).
ACTOR_NEWEST = (
    "SELECT event_id, day FROM event_participants WHERE actor_id = {mark} AND event_id <> {mark} "
    f"ORDER BY day DESC NULLS LAST, event_id DESC LIMIT {CANDIDATES}"
)
EVENTS = f"SELECT {COLUMNS} FROM events e WHERE e.id IN ({{ids}})"
PARTICIPANTS = "SELECT event_id, actor_id FROM event_participants WHERE event_id IN ({ids})"
AT_PLACE = f"SELECT {COLUMNS} FROM events e WHERE e.place_id = {{mark}} AND e.id <> {{mark}} {NEWEST} LIMIT {{limit}}"


def related_events(connection: Connection, event: dict[str, Any], place_id: str | None,
                   limit: int = 10, visible: Visibility = EVERYTHING) -> list[dict[str, Any]]:
    """Up to `limit` events the reader may see, each saying why it is related (actors in common, the
    same place)."""
    actors = {p["actor_id"]: p["name"] or p["org"] for p in event["participants"] if p["actor_id"]}
    by_actor, shared = _by_actors(connection, actors, event["id"], limit, visible)
    seen = {r[0] for r in by_actor}
    by_place = []
    if place_id and len(by_actor) < limit:
        extra = 0 if visible.everything else limit  # room for rows the reader may not see
        sql = AT_PLACE.format(mark=placeholders(connection, 1), limit=limit + len(seen) + extra)
        rows = connection.exec_driver_sql(sql, (place_id, event["id"])).all()
        by_place = [r for r in rows if r[0] not in seen and visible.allows(r[5])][: limit - len(by_actor)]
    return [{"id": r[0], "kind": r[1], "date": r[2], "summary": r[3], "shared_actors": sorted(shared.get(r[0], ())),
             "same_place": bool(place_id and r[4] == place_id)} for r in [*by_actor, *by_place]]


def _by_actors(connection: Connection, actors: dict[str, str], event_id: str,
               limit: int, visible: Visibility) -> tuple[list, dict[str, set[str]]]:
    """The events with most of these actors among the newest of theirs, and whom each shares."""
    ids = _newest_with(connection, list(actors), event_id)
    if not ids:
        return [], {}
    markers = placeholders(connection, len(ids))
    rows = {r[0]: r for r in connection.exec_driver_sql(EVENTS.format(ids=markers), tuple(ids)).all()}
    candidates = [rows[i] for i in ids if i in rows and visible.allows(rows[i][5])]
    # All participants of the candidates, filtered here: with the actors in the WHERE too, the
    # planner walks a busy actor's thousands of rows instead of the candidates' few.
    shared: dict[str, set[str]] = {}
    for candidate, actor_id in connection.exec_driver_sql(PARTICIPANTS.format(ids=markers), tuple(ids)).all():
        if actor_id in actors:
            shared.setdefault(candidate, set()).add(actors[actor_id])
    ranked = sorted(candidates, key=lambda r: -len(shared.get(r[0], ())))[:limit]  # stable: newest first
    return ranked, shared


def _newest_with(connection: Connection, actor_ids: list[str], event_id: str) -> list[str]:
    """Ids of the newest events any of these actors took part in, newest first (the events list's
    order: undated last, ties by id): the newest of each actor, merged."""
    days: dict[str, Any] = {}
    sql = ACTOR_NEWEST.format(mark=placeholders(connection, 1))
    for actor_id in actor_ids:
        days.update(connection.exec_driver_sql(sql, (actor_id, event_id)).all())
    dated = sorted((i for i in days if days[i] is not None), key=lambda i: (str(days[i]), i), reverse=True)
    undated = sorted((i for i in days if days[i] is None), reverse=True)
    return (dated + undated)[:CANDIDATES]
