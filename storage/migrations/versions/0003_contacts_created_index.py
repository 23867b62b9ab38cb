"""Index contacts by workspace and creation time: the digest counts new leads without a scan.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contacts_team_created", "contacts", ["team_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_contacts_team_created", table_name="contacts")
