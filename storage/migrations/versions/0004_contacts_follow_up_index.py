"""Index contacts by owner and follow-up time, for the follow-ups on each rep's Home.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contacts_team_owner_follow_up", "contacts", ["team_id", "owner_id", "follow_up_at"])


def downgrade() -> None:
    op.drop_index("ix_contacts_team_owner_follow_up", table_name="contacts")
