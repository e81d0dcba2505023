"""On PostgreSQL, the database itself refuses two chairs whose terms overlap.

Other databases rely on the service (which locks the committee row) and on the
partial unique constraint for open-ended chairs.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE councils_membership ADD CONSTRAINT membership_one_chair_at_a_time
    EXCLUDE USING gist (
        committee_id WITH =,
        daterange(term_start, term_end, '[]') WITH &&
    ) WHERE (role = 'chair');
"""
DROP = "ALTER TABLE councils_membership DROP CONSTRAINT IF EXISTS membership_one_chair_at_a_time;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_committees_meetings")]

    operations = [migrations.RunPython(forwards, backwards)]
