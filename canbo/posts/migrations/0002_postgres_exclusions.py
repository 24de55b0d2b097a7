"""PostgreSQL-only guarantees that no two periods overlap where the law allows one holder.

The services check the same rules on every database and give the Vietnamese message; these constraints
make the rule hold even for writes that bypass the services.
"""

from django.db import migrations

from canbo.core.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS btree_gist", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            """
            ALTER TABLE posts_assignment ADD CONSTRAINT posts_assignment_no_overlap_main_post
            EXCLUDE USING gist (
                person_id WITH =,
                daterange(valid_from, valid_to, '[]') WITH &&
            ) WHERE (NOT is_concurrent)
            """,
            reverse_sql="ALTER TABLE posts_assignment DROP CONSTRAINT posts_assignment_no_overlap_main_post",
        ),
        PostgresOnlySQL(
            """
            ALTER TABLE posts_assignment ADD CONSTRAINT posts_assignment_no_overlap_sole_post
            EXCLUDE USING gist (
                unit_id WITH =,
                title_id WITH =,
                daterange(valid_from, valid_to, '[]') WITH &&
            ) WHERE (is_sole_post)
            """,
            reverse_sql="ALTER TABLE posts_assignment DROP CONSTRAINT posts_assignment_no_overlap_sole_post",
        ),
    ]
