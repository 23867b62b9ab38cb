"""Index contacts for the digest: new leads by creation time, hot leads by stage and temperature.

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
    op.create_index("ix_contacts_team_stage_temp", "contacts", ["team_id", "stage", "temperature"])


def downgrade() -> None:
    op.drop_index("ix_contacts_team_stage_temp", table_name="contacts")
    op.drop_index("ix_contacts_team_created", table_name="contacts")
