"""The digest's reads at a million contacts: hot leads newest first, and listed contacts counted per stage.

The digest asks for the 25 newest hot leads with no discovery; without the id in the index the database sorts
every hot lead of the workspace first (tens of thousands at a million contacts). Its pipeline line counts
listed contacts per stage (up to 10,000 each); a partial index of listed contacts lets PostgreSQL count from the
index alone instead of visiting thousands of scattered rows (75 ms for the customers at a million).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


LISTED = sa.text("removed_at IS NULL AND forgotten_at IS NULL")


def upgrade() -> None:
    op.drop_index("ix_contacts_team_stage_temp", table_name="contacts")
    op.create_index("ix_contacts_team_stage_temp", "contacts", ["team_id", "stage", "temperature", "id"])
    op.create_index("ix_contacts_team_stage_listed", "contacts", ["team_id", "stage"],
                    postgresql_where=LISTED, sqlite_where=LISTED)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_contacts_team_stage_listed", table_name="contacts")
    op.drop_index("ix_contacts_team_stage_temp", table_name="contacts")
    op.create_index("ix_contacts_team_stage_temp", "contacts", ["team_id", "stage", "temperature"])
