"""ownership: documents, events and forums confidential to an organisation; participants' invitation links;
actors merged by a person

Added as plain nullable columns (no table rebuild on SQLite, so the full-text triggers stay).

Revision ID: 0012_ownership
Revises: 0011_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_ownership"
down_revision = "0011_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("documents", "events", "forum_forums"):
        op.add_column(table, sa.Column("org_id", sa.String(40), nullable=True))
        op.create_index(op.f(f"ix_{table}_org_id"), table, ["org_id"])
    op.add_column("documents", sa.Column("not_news", sa.Boolean(), server_default="0", nullable=False))
    op.create_table(
        "forum_links",
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("forum_id", sa.String(40), nullable=False),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["forum_participants.id"],
                                name=op.f("fk_forum_links_participant_id_forum_participants"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["forum_id"], ["forum_forums.id"], name=op.f("fk_forum_links_forum_id_forum_forums"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_forum_links")),
    )
    op.create_index(op.f("ix_forum_links_forum_id"), "forum_links", ["forum_id"])
    op.create_table(
        "actor_redirects",
        sa.Column("from_id", sa.String(200), nullable=False),
        sa.Column("to_id", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("from_id", name=op.f("pk_actor_redirects")),
    )
    op.create_index(op.f("ix_actor_redirects_to_id"), "actor_redirects", ["to_id"])


def downgrade() -> None:
    op.drop_table("actor_redirects")
    op.drop_table("forum_links")
    for table in ("forum_forums", "events", "documents"):
        op.drop_index(op.f(f"ix_{table}_org_id"), table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("org_id")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("not_news")
