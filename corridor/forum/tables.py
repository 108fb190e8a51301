"""Tables for the meetings of each slot, once the slots are chosen.

Largest meeting first, each at the smallest free table that seats it, always succeeds when the
slot's class counts hold (capacities are nested). Meetings that had a table (fixed, or in the
last schedule) keep it when that still leaves a valid assignment for the others.
"""

from __future__ import annotations

from corridor.forum.domain import Table


def assign(
    meetings: list[tuple[str, int]], tables: tuple[Table, ...], wanted: dict[str, str]
) -> dict[str, str]:
    """Map each meeting (request id, attendees) of one slot to a table id.

    Raises ValueError if they cannot all be seated (the scheduler guarantees they can).
    """
    by_id = {t.id: t for t in tables}
    kept: dict[str, str] = {}
    taken: set[str] = set()
    for rid, n in sorted(meetings):
        t = by_id.get(wanted.get(rid, ""))
        if t is not None and t.capacity >= n and t.id not in taken:
            kept[rid] = t.id
            taken.add(t.id)
    rest = [m for m in meetings if m[0] not in kept]
    placed = _largest_first(rest, [t for t in tables if t.id not in taken])
    if placed is None:  # the kept tables starve the others: seat everyone afresh
        kept, placed = {}, _largest_first(meetings, list(tables))
        if placed is None:
            raise ValueError(f"{len(meetings)} meetings do not fit the tables")
    return kept | placed


def _largest_first(meetings, tables) -> dict[str, str] | None:
    pools: dict[int, list[str]] = {}
    for t in sorted(tables, key=lambda t: (t.capacity, t.id), reverse=True):
        pools.setdefault(t.capacity, []).append(t.id)  # popped from the end: lowest id first
    caps = sorted(pools)
    out = {}
    for rid, n in sorted(meetings, key=lambda m: (-m[1], m[0])):
        cap = next((c for c in caps if c >= n and pools[c]), None)
        if cap is None:
            return None
        out[rid] = pools[cap].pop()
    return out
