"""attack details: events.casualties and events.attack (JSON, as in the event record), events.tense

Revision ID: 0014_attack_details
Revises: 0013_review
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_attack_details"
down_revision = "0013_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("casualties", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("attack", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("tense", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("tense")
        batch.drop_column("attack")
        batch.drop_column("casualties")
