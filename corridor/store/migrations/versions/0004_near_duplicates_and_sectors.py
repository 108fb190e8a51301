"""near-duplicate documents (MinHash signatures, LSH band keys, the link to the original) and actors' sectors

Revision ID: 0004_near_duplicates_and_sectors
Revises: 0003_search
"""

import sqlalchemy as sa
from alembic import op

from corridor.store import fts

revision = "0004_near_duplicates_and_sectors"
down_revision = "0003_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("duplicate_of", sa.String(length=40), nullable=True))
        batch.create_foreign_key("fk_documents_duplicate_of_documents", "documents", ["duplicate_of"], ["id"])
        batch.create_index("ix_documents_duplicate_of", ["duplicate_of"])
    op.create_table(
        "document_bands",
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_document_bands_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "band", name=op.f("pk_document_bands")),
    )
    op.create_index("ix_document_bands_band_key", "document_bands", ["band", "key"])
    with op.batch_alter_table("event_participants") as batch:
        batch.add_column(sa.Column("sector", sa.String(length=20), nullable=True))
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("sector", sa.String(length=20), nullable=True))
    # SQLite rebuilt documents for its new foreign key, and dropped its full-text triggers with it.
    fts.install(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("sector")
    with op.batch_alter_table("event_participants") as batch:
        batch.drop_column("sector")
    op.drop_index("ix_document_bands_band_key", table_name="document_bands")
    op.drop_table("document_bands")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_duplicate_of")
        batch.drop_constraint("fk_documents_duplicate_of_documents", type_="foreignkey")
        batch.drop_column("duplicate_of")
        batch.drop_column("minhash")
    fts.install(op.get_bind())
