"""Columns repeated where an index needs them: events.sector_bits and event_participants.day

events.sector_bits: an event's sectors as bits, kept in the indexes that narrow the events. A sector
filter with a kind, a place or dates was a probe of event_sectors for every event the index let
through (a few thousand on a large store, most of a filtered page's time); with the sectors in the
index itself, the same count reads nothing else. event_sectors stays the record of sectors.

event_participants.day: the event's day, indexed after the actor, so an actor's newest events (an
event page's related events, an actor's page) are read in order instead of sorting all of them.

Revision ID: 0005_index_columns
Revises: 0004_near_duplicates_and_sectors
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_index_columns"
down_revision = "0004_near_duplicates_and_sectors"
branch_labels = None
depends_on = None

# The sectors as events.model.SECTORS had them at this revision: bit i is SECTORS[i].
SECTORS = ("it", "mining", "energy", "agriculture", "infrastructure", "manufacturing", "finance", "health",
           "education", "defence", "trade")
INDEXES = (
    ("ix_events_day_id", ("day", "id")),
    ("ix_events_kind_day", ("kind", "day", "id")),
    ("ix_events_place_day", ("place_id", "day", "id")),
)


def upgrade() -> None:
    # Added in place, without rebuilding the table: SQLite keeps its full-text triggers.
    op.add_column("events", sa.Column("sector_bits", sa.Integer(), nullable=False, server_default="0"))
    cases = " ".join(f"WHEN '{sector}' THEN {1 << i}" for i, sector in enumerate(SECTORS))
    op.execute(f"UPDATE events SET sector_bits = COALESCE((SELECT SUM(CASE s.sector {cases} ELSE 0 END) "
               "FROM event_sectors s WHERE s.event_id = events.id), 0)")
    for name, columns in INDEXES:
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", [*columns, "sector_bits"])
    op.add_column("event_participants", sa.Column("day", sa.Date(), nullable=True))
    op.execute("UPDATE event_participants SET day = (SELECT e.day FROM events e WHERE e.id = event_participants.event_id)")
    op.create_index("ix_event_participants_actor_day", "event_participants", ["actor_id", "day", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_participants_actor_day", table_name="event_participants")
    op.drop_column("event_participants", "day")
    for name, columns in INDEXES:
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", list(columns))
    op.drop_column("events", "sector_bits")
