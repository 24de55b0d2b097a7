# AnnualRating moved here from canbo.imports: created in this app's state only, on the existing table
# "imports_annualrating" with its rows and constraints (imports 0003 removed it from that app's state).
# Then, on the database: the version column of the edit forms, the 1930 floor of the year, and the
# content type renamed so that anything keyed to it follows the model.

import django.db.models.deletion
from django.db import migrations, models


def content_type_forward(apps, schema_editor):
    _move_content_type(apps, schema_editor, "imports", "conduct")


def content_type_backward(apps, schema_editor):
    _move_content_type(apps, schema_editor, "conduct", "imports")


def _move_content_type(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=new, model="annualrating").exists():
        return
    ContentType.objects.using(db).filter(app_label=old, model="annualrating").update(app_label=new)


class Migration(migrations.Migration):

    dependencies = [
        ('conduct', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('imports', '0003_annualrating_moved_to_conduct'),
        ('people', '0004_person_managing_unit'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AnnualRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='sửa lúc')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('level', models.CharField(choices=[('HTXSNV', 'Hoàn thành xuất sắc nhiệm vụ'), ('HTTNV', 'Hoàn thành tốt nhiệm vụ'), ('HTNV', 'Hoàn thành nhiệm vụ'), ('KHTNV', 'Không hoàn thành nhiệm vụ')], max_length=6, verbose_name='mức xếp loại')),
                        ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='điểm')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annual_ratings', to='people.person')),
                        ('source_import', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ratings', to='imports.importjob', verbose_name='lượt nhập')),
                    ],
                    options={
                        'verbose_name': 'xếp loại chất lượng hằng năm',
                        'verbose_name_plural': 'xếp loại chất lượng hằng năm',
                        'ordering': ['person', '-year'],
                        'db_table': 'imports_annualrating',
                        'constraints': [
                            models.UniqueConstraint(fields=('person', 'year'), name='imports_annualrating_unique_year', violation_error_message='Cán bộ đã có xếp loại của năm này.'),
                            models.CheckConstraint(condition=models.Q(('score__isnull', True), models.Q(('score__gte', 0), ('score__lte', 100)), _connector='OR'), name='imports_annualrating_score_range', violation_error_message='Điểm phải từ 0 đến 100.'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name='annualrating',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, help_text='Tăng mỗi lần lưu; chống ghi đè mất dữ liệu.', verbose_name='phiên bản'),
        ),
        migrations.AddConstraint(
            model_name='annualrating',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1930)), name='conduct_annualrating_year_from_1930', violation_error_message='Năm đánh giá phải từ 1930 trở đi.'),
        ),
        migrations.RunPython(content_type_forward, content_type_backward),
    ]
