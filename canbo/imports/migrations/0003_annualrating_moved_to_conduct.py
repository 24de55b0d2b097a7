# AnnualRating moved to canbo.conduct: removed from this app's state only; its table stays
# (conduct.AnnualRating uses db_table "imports_annualrating", see conduct 0002).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0002_job_from_command_line'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AnnualRating')],
            database_operations=[],
        ),
    ]
