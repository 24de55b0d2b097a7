"""PostgreSQL-only trigram index so that substring search on folded names stays fast at scale."""

from django.db import migrations

from canbo.core.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            "CREATE INDEX people_person_search_trgm ON people_person USING gin (search_text gin_trgm_ops)",
            reverse_sql="DROP INDEX people_person_search_trgm",
        ),
    ]
