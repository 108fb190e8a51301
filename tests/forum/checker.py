"""An independent checker of forum schedules.

It shares nothing with the scheduler but the input records: it does not import the problem
compiler, the state, the heuristics, the models or the table assignment, and recomputes from
the raw instance who attends each meeting, which slots are real (inside a session, clear of
every break), who is free when and how many seats each table has.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta


def sides(instance) -> dict[str, frozenset[str]]:
    """Each person with everyone who attends their meetings on their side: their delegation."""
    groups: dict[str, set[str]] = defaultdict(set)
    for p in instance.people:
        if p.delegation is not None:
            groups[p.delegation].add(p.id)
    return {
        p.id: frozenset(groups[p.delegation]) if p.delegation is not None else frozenset({p.id})
        for p in instance.people
    }


def check(instance, result) -> list[str]:
    """Every violated hard constraint, as readable lines (empty when the schedule is valid)."""
    errors: list[str] = []
    forum = instance.forum
    slots = forum.slots
    people = {p.id: p for p in instance.people}
    requests = {r.id: r for r in instance.requests}
    tables = {t.id: t.capacity for t in forum.tables}
    side = sides(instance)
    errors += _check_slots(forum, slots)

    busy: dict[tuple[str, int], list[str]] = defaultdict(list)
    table_use: Counter = Counter()
    count: Counter = Counter()
    pairs: dict[frozenset, str] = {}
    meetings_of: dict[str, set[int]] = defaultdict(set)
    for rid, pl in result.placements.items():
        if pl.request != rid:
            errors.append(f"{rid}: placement names {pl.request}")
        r = requests.get(rid)
        if r is None:
            errors.append(f"{rid}: placed but not an accepted request")
            continue
        if not 0 <= pl.slot < len(slots):
            errors.append(f"{rid}: slot {pl.slot} does not exist")
            continue
        if r.requester not in side or r.target not in side:
            errors.append(f"{rid}: placed with an unknown participant")
            continue
        side_a, side_b = side[r.requester], side[r.target]
        if side_a & side_b:
            errors.append(f"{rid}: a delegation meets itself")
        who = side_a | side_b
        pair = frozenset({side_a, side_b})
        if pair in pairs:
            errors.append(f"{rid}: the same sides already meet in {pairs[pair]}")
        pairs[pair] = rid
        for person in who:
            if pl.slot not in people[person].available:
                errors.append(f"{rid}: {person} is not available in slot {pl.slot}")
            busy[person, pl.slot].append(rid)
            count[person] += 1
            meetings_of[person].add(pl.slot)
        if pl.table not in tables:
            errors.append(f"{rid}: unknown table {pl.table}")
        elif tables[pl.table] < len(who):
            errors.append(f"{rid}: table {pl.table} seats {tables[pl.table]}, needs {len(who)}")
        table_use[pl.table, pl.slot] += 1

    for (person, slot), rids in busy.items():
        if len(rids) > 1:
            errors.append(f"{person} has {len(rids)} meetings in slot {slot}: {sorted(rids)}")
    for (table, slot), n in table_use.items():
        if n > 1:
            errors.append(f"table {table} holds {n} meetings in slot {slot}")
    for person, n in count.items():
        if n > people[person].max_meetings:
            errors.append(f"{person} has {n} meetings, more than {people[person].max_meetings}")
    for p in instance.people:
        for q in side[p.id]:
            if meetings_of[p.id] != meetings_of[q]:
                errors.append(f"delegation {p.delegation}: {p.id} and {q} apart")
    errors += _check_accounting(instance, result, requests)
    return errors


def _check_slots(forum, slots) -> list[str]:
    errors = []
    step = timedelta(minutes=forum.slot_minutes)
    for s in slots:
        start = s.start.replace(tzinfo=None)
        end = s.end.replace(tzinfo=None)
        if end - start != step:
            errors.append(f"slot {s.index} lasts {end - start}")
        if not any(
            sess.day == start.date()
            and datetime.combine(sess.day, sess.start) <= start
            and end <= datetime.combine(sess.day, sess.end)
            for sess in forum.sessions
        ):
            errors.append(f"slot {s.index} at {start} is outside every session")
        for b in forum.breaks:
            if b.day in (None, start.date()):
                b0 = datetime.combine(start.date(), b.start)
                b1 = datetime.combine(start.date(), b.end)
                if start < b1 and b0 < end:
                    errors.append(f"slot {s.index} at {start} overlaps the break at {b.start}")
        if str(s.start.tzinfo) != forum.timezone:
            errors.append(f"slot {s.index} is in {s.start.tzinfo}, not {forum.timezone}")
    for a, b in zip(slots, slots[1:], strict=False):
        if b.start < a.end:
            errors.append(f"slots {a.index} and {b.index} overlap")
    return errors


def _check_accounting(instance, result, requests) -> list[str]:
    errors = []
    placed, left = set(result.placements), set(result.unscheduled)
    if placed & left:
        errors.append(f"both placed and left out: {sorted(placed & left)}")
    missing = set(requests) - placed - left
    if missing:
        errors.append(f"neither placed nor explained: {sorted(missing)}")
    for rid, why in result.unscheduled.items():
        if not why or not why.strip():
            errors.append(f"{rid}: left out without a reason")
    for fixed in instance.fixed:
        got = result.placements.get(fixed.request)
        if got is not None and (got.slot, got.table) != (fixed.slot, fixed.table):
            errors.append(f"{fixed.request}: fixed at {fixed.slot}/{fixed.table}, moved")
    value = sum(requests[rid].priority for rid in placed if rid in requests)
    if value != result.value:
        errors.append(f"reported value {result.value}, actual {value}")
    if len(placed) != result.meetings:
        errors.append(f"reported {result.meetings} meetings, actual {len(placed)}")
    if result.bound < value:
        errors.append(f"bound {result.bound} below the schedule's value {value}")
    return errors


def gaps(instance, result) -> int:
    """Idle gaps, recomputed: per person and day, meeting blocks beyond the first, over the
    slots where their whole side (delegation) is available."""
    slots = instance.forum.slots
    people = {p.id: p for p in instance.people}
    requests = {r.id: r for r in instance.requests}
    side = sides(instance)
    at: dict[str, set[int]] = defaultdict(set)
    for rid, pl in result.placements.items():
        r = requests[rid]
        for person in side[r.requester] | side[r.target]:
            at[person].add(pl.slot)
    total = 0
    for person, busy in at.items():
        usable = set.intersection(*(set(people[m].available) for m in side[person]))
        for day in {slots[s].day for s in busy}:
            seq = [s.index for s in slots if s.day == day and s.index in usable]
            flags = [s in busy for s in seq]
            blocks = sum(1 for k, f in enumerate(flags) if f and (k == 0 or not flags[k - 1]))
            total += blocks - 1
    return total
