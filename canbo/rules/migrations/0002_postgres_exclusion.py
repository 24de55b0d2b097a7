"""PostgreSQL-only guarantee that two versions of one rule never overlap in time.

The service refuses an overlap on every database with a Vietnamese message; this constraint makes the
rule hold for writes that bypass it.
"""

from django.db import migrations

from canbo.core.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS btree_gist", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            """
            ALTER TABLE rules_ruleversion ADD CONSTRAINT rules_ruleversion_no_overlap
            EXCLUDE USING gist (
                rule WITH =,
                daterange(valid_from, valid_to, '[]') WITH &&
            )
            """,
            reverse_sql="ALTER TABLE rules_ruleversion DROP CONSTRAINT rules_ruleversion_no_overlap",
        ),
    ]
