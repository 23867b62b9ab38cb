"""Hot leads waiting, newest first, straight from the index: (team, stage, temperature) gains the id.

The digest asks for the 25 newest hot leads with no discovery; without the id in the index the database sorts
every hot lead of the workspace first (tens of thousands at a million contacts).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_contacts_team_stage_temp", table_name="contacts")
    op.create_index("ix_contacts_team_stage_temp", "contacts", ["team_id", "stage", "temperature", "id"])


def downgrade() -> None:
    op.drop_index("ix_contacts_team_stage_temp", table_name="contacts")
    op.create_index("ix_contacts_team_stage_temp", "contacts", ["team_id", "stage", "temperature"])
