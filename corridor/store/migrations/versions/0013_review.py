"""review: people's corrections, kept apart from the machine's output; events.review (verified, flagged)

Revision ID: 0013_review
Revises: 0012_ownership
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_review"
down_revision = "0012_ownership"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("review", sa.String(10), nullable=True))
    op.create_index(op.f("ix_events_review"), "events", ["review"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("field", sa.String(20), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("machine", sa.JSON(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("doc_id", sa.String(40), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(40), nullable=True),
        sa.Column("event_id", sa.String(40), nullable=True),
        sa.Column("org_id", sa.String(40), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_by", sa.Integer(), nullable=True),
        sa.Column("flag", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index("ix_corrections_anchor", "corrections", ["doc_id", "start"])
    op.create_index(op.f("ix_corrections_event_id"), "corrections", ["event_id"])
    op.create_index(op.f("ix_corrections_org_id"), "corrections", ["org_id"])


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_index(op.f("ix_events_review"), "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("review")
