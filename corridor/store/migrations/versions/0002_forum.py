"""forum tables: forums, sessions, tables, delegations, participants, requests, meetings, runs

Revision ID: 0002_forum
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = '0002_forum'
down_revision = '0001_core'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('forum_forums',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('default_max_meetings', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_forums'))
    )
    op.create_table('forum_delegations',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_delegations_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_delegations'))
    )
    with op.batch_alter_table('forum_delegations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_delegations_forum_id'), ['forum_id'], unique=False)

    op.create_table('forum_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('meetings', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('bound', sa.Integer(), nullable=False),
    sa.Column('gaps', sa.Integer(), nullable=False),
    sa.Column('left_without', sa.Integer(), nullable=False),
    sa.Column('moves', sa.Integer(), nullable=False),
    sa.Column('unscheduled', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_runs_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_runs'))
    )
    with op.batch_alter_table('forum_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_runs_forum_id'), ['forum_id'], unique=False)

    op.create_table('forum_sessions',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_sessions_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_sessions'))
    )
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_sessions_forum_id'), ['forum_id'], unique=False)

    op.create_table('forum_tables',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_tables_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_tables')),
    sa.UniqueConstraint('forum_id', 'name', name=op.f('uq_forum_tables_forum_id'))
    )
    with op.batch_alter_table('forum_tables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_tables_forum_id'), ['forum_id'], unique=False)

    op.create_table('forum_participants',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('sectors', sa.Text(), nullable=False),
    sa.Column('offer', sa.Text(), nullable=False),
    sa.Column('seek', sa.Text(), nullable=False),
    sa.Column('availability', sa.Text(), nullable=False),
    sa.Column('max_meetings', sa.Integer(), nullable=True),
    sa.Column('delegation_id', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['delegation_id'], ['forum_delegations.id'], name=op.f('fk_forum_participants_delegation_id_forum_delegations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_participants_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_participants'))
    )
    with op.batch_alter_table('forum_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_participants_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_participants_delegation_id'), ['delegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_participants_forum_id'), ['forum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_participants_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_participants_role'), ['role'], unique=False)

    op.create_table('forum_requests',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('forum_id', sa.String(length=40), nullable=False),
    sa.Column('requester_id', sa.String(length=40), nullable=False),
    sa.Column('target_id', sa.String(length=40), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forum_forums.id'], name=op.f('fk_forum_requests_forum_id_forum_forums'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['forum_participants.id'], name=op.f('fk_forum_requests_requester_id_forum_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['forum_participants.id'], name=op.f('fk_forum_requests_target_id_forum_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_requests'))
    )
    with op.batch_alter_table('forum_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_requests_forum_id'), ['forum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_requests_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_requests_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_requests_target_id'), ['target_id'], unique=False)

    op.create_table('forum_meetings',
    sa.Column('request_id', sa.String(length=40), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.Column('table_name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['forum_requests.id'], name=op.f('fk_forum_meetings_request_id_forum_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_forum_meetings'))
    )
    with op.batch_alter_table('forum_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_meetings_start'), ['start'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('forum_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_meetings_start'))

    op.drop_table('forum_meetings')
    with op.batch_alter_table('forum_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_requests_target_id'))
        batch_op.drop_index(batch_op.f('ix_forum_requests_status'))
        batch_op.drop_index(batch_op.f('ix_forum_requests_requester_id'))
        batch_op.drop_index(batch_op.f('ix_forum_requests_forum_id'))

    op.drop_table('forum_requests')
    with op.batch_alter_table('forum_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_participants_role'))
        batch_op.drop_index(batch_op.f('ix_forum_participants_name'))
        batch_op.drop_index(batch_op.f('ix_forum_participants_forum_id'))
        batch_op.drop_index(batch_op.f('ix_forum_participants_delegation_id'))
        batch_op.drop_index(batch_op.f('ix_forum_participants_country'))

    op.drop_table('forum_participants')
    with op.batch_alter_table('forum_tables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_tables_forum_id'))

    op.drop_table('forum_tables')
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_sessions_forum_id'))

    op.drop_table('forum_sessions')
    with op.batch_alter_table('forum_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_runs_forum_id'))

    op.drop_table('forum_runs')
    with op.batch_alter_table('forum_delegations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_delegations_forum_id'))

    op.drop_table('forum_delegations')
    op.drop_table('forum_forums')
