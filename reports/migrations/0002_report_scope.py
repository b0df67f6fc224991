import django.db.models.deletion
from django.db import migrations, models


def municipality_from_program(apps, schema_editor):
    GeneratedReport = apps.get_model("reports", "GeneratedReport")
    for report in GeneratedReport.objects.select_related("program"):
        report.municipality_id = report.program.municipality_id
        report.save(update_fields=["municipality"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("schools", "0001_initial"),
        ("programs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="generatedreport",
            name="scope",
            field=models.CharField(
                choices=[
                    ("program", "программа"),
                    ("municipality", "все программы муниципалитета"),
                    ("school", "школа"),
                ],
                default="program",
                max_length=15,
                verbose_name="охват",
            ),
        ),
        migrations.AddField(
            model_name="generatedreport",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="schools.municipality",
                verbose_name="муниципалитет",
            ),
        ),
        migrations.RunPython(municipality_from_program, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="generatedreport",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="schools.municipality",
                verbose_name="муниципалитет",
            ),
        ),
        migrations.AlterField(
            model_name="generatedreport",
            name="program",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="programs.program",
                verbose_name="программа",
            ),
        ),
        migrations.AddField(
            model_name="generatedreport",
            name="school",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="schools.school",
                verbose_name="школа",
            ),
        ),
    ]
