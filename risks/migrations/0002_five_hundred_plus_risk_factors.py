"""The ten risk factors of the federal «500+» project, as its methodology names them."""

from django.db import migrations

from risks.factors import STANDARD_FACTORS, ensure_standard_factors

def add_factors(apps, schema_editor):
    ensure_standard_factors(apps.get_model("risks", "RiskFactor"))


def remove_factors(apps, schema_editor):
    RiskFactor = apps.get_model("risks", "RiskFactor")
    RiskFactor.objects.filter(number__in=[n for n, _name, _short in STANDARD_FACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_risk_profiles_and_school_documents")]

    operations = [migrations.RunPython(add_factors, remove_factors)]
