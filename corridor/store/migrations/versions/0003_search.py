"""full-text search over documents, event summaries and quotes; indexes the web views sort and filter by

SQLite: FTS5 tables over the stored columns (external content, so text is not stored twice), kept in
sync by triggers (corridor/store/fts.py), so ingest needs no change. PostgreSQL: GIN expression
indexes on to_tsvector, which the database maintains itself. corridor/store/search.py queries both with the same expressions.

Revision ID: 0003_search
Revises: 0002_forum
"""

from alembic import op

from corridor.store import fts

revision = "0003_search"
down_revision = "0002_forum"
branch_labels = None
depends_on = None

# PostgreSQL limits a tsvector to 1 MB: index the first 200,000 characters of a document (about 30,000 words).
PG_DOCUMENT_VECTOR = "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 200000))"
PG_INDEXES = (
    ("ix_documents_search", "documents", PG_DOCUMENT_VECTOR),
    ("ix_events_search", "events", "to_tsvector('english'::regconfig, summary)"),
    ("ix_event_sources_search", "event_sources", "to_tsvector('english'::regconfig, quote)"),
)
# The events list sorts by date (ties by id) and filters by kind or place; documents sort by ingest time.
PLAIN_INDEXES = (
    ("ix_events_day_id", "events", ("day", "id")),
    ("ix_events_kind_day", "events", ("kind", "day", "id")),
    ("ix_events_confidence", "events", ("confidence", "id")),
    ("ix_events_place_day", "events", ("place_id", "day", "id")),
    ("ix_documents_ingested_at", "documents", ("ingested_at",)),
    ("ix_event_sources_document_start", "event_sources", ("document_id", "start")),
)


def upgrade() -> None:
    for name, table, columns in PLAIN_INDEXES:
        op.create_index(name, table, list(columns))
    if op.get_bind().dialect.name == "postgresql":
        for name, table, expression in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression})")
        return
    fts.install(op.get_bind())  # FTS5 tables and their triggers, indexing what is already stored


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _expression in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    else:
        fts.drop(op.get_bind())
    for name, table, _columns in PLAIN_INDEXES:
        op.drop_index(name, table_name=table)
