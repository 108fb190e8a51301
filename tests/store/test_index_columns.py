"""Columns repeated for indexes (migration 0005): events.sector_bits and event_participants.day,
written at ingest and filled in for stored events by the migration."""

import importlib

from sqlalchemy import text

from corridor.events.model import SECTORS
from corridor.store.db import get_engine
from corridor.store.migrate import upgrade
from corridor.store.models import sector_mask

MIGRATION = importlib.import_module("corridor.store.migrations.versions.0005_index_columns")


def test_sectors_only_grow_at_their_end():
    # Stored bits mean SECTORS[i] as migration 0005 numbered them: reordering would silently
    # re-label every stored event's sectors.
    assert SECTORS[: len(MIGRATION.SECTORS)] == MIGRATION.SECTORS


def test_sector_mask():
    assert sector_mask([]) == 0
    assert sector_mask(["it"]) == 1
    assert sector_mask(["energy", "mining", "energy"]) == 0b110
    assert sector_mask(["trade"]) == 1 << SECTORS.index("trade")


def test_ingest_writes_the_bits_and_days(db_url, tmp_path):
    from corridor.store.batch import ingest

    article = tmp_path / "a.txt"
    article.write_text("title: Copper and power\ndate: 2026-03-02\n\nISLAMABAD: Finance Minister Muhammad "
                       "Aurangzeb met US Ambassador Donald Blome on Monday to discuss investment in copper "
                       "mining and solar power projects in Balochistan.\n", encoding="utf-8")
    assert not ingest([article], db_url).errors
    with get_engine(db_url).connect() as conn:
        rows = conn.execute(text("SELECT e.sector_bits, s.sector FROM events e JOIN event_sectors s "
                                 "ON s.event_id = e.id")).all()
        events = conn.execute(text("SELECT id, sector_bits FROM events")).all()
    assert rows, "the article should give an event with sectors"
    by_event = {}
    for bits, sector in rows:
        by_event.setdefault(bits, []).append(sector)
    assert all(bits == sector_mask(sectors) for bits, sectors in by_event.items())
    assert all(bits >= 0 for _, bits in events)
    with get_engine(db_url).connect() as conn:
        pairs = conn.execute(text("SELECT p.day, e.day FROM event_participants p JOIN events e ON e.id = p.event_id")).all()
    assert pairs and all(mine == theirs for mine, theirs in pairs)


def test_migration_fills_the_bits_of_stored_events(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0004_near_duplicates_and_sectors")
    with get_engine(url).begin() as conn:
        for event_id, day in (("ev_a", "2026-03-02"), ("ev_b", None), ("ev_c", "2025-01-31")):
            conn.execute(text("INSERT INTO events (id, kind, plover_type, plover_context, summary, confidence, day) "
                              "VALUES (:i, 'meeting', 'CONSULT', '[]', 's', 0.9, :d)"), {"i": event_id, "d": day})
            conn.execute(text("INSERT INTO event_participants (event_id, position, kind, role, name) "
                              "VALUES (:i, 0, 'person', 'source', 'A Person')"), {"i": event_id})
        for event_id, sector in (("ev_a", "energy"), ("ev_a", "mining"), ("ev_b", "trade")):
            conn.execute(text("INSERT INTO event_sectors (event_id, sector) VALUES (:i, :s)"),
                         {"i": event_id, "s": sector})
    upgrade(url)
    with get_engine(url).connect() as conn:
        bits = dict(conn.execute(text("SELECT id, sector_bits FROM events")).all())
        days = dict(conn.execute(text("SELECT event_id, day FROM event_participants")).all())
    assert bits == {"ev_a": sector_mask(["energy", "mining"]), "ev_b": sector_mask(["trade"]), "ev_c": 0}
    assert days == {"ev_a": "2026-03-02", "ev_b": None, "ev_c": "2025-01-31"}
    get_engine(url).dispose()
