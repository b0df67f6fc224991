"""Indicators used to live in programs (edited in the admin only): copy them here, their one home.

Old "kind" becomes a direction: counts and percents are «чем больше, тем лучше» (the only reading
the old deviation had), yes/no and text stay what they were. Target and actual were free text:
numbers go to the number fields, anything else is kept as text.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations

_NUMBER = re.compile(r"^[+]?\s*(\d{1,9}(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)\s*(?:%|шт\.?)?$")
_DIRECTIONS = {"count": "higher", "percent": "higher", "yes_no": "yes_no", "text": "text"}


def _number(text):
    # A frozen copy of programs.cells.planned_number: migrations must not import app code.
    match = _NUMBER.match((text or "").strip())
    if not match:
        return None
    digits = match.group(1).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def copy_indicators(apps, schema_editor):
    # Both apps name the reverse accessors "indicators": query through the tables instead.
    OldIndicator = apps.get_model("programs", "Indicator")
    OldValue = apps.get_model("programs", "IndicatorValue")
    OldLink = OldIndicator.activities.through
    Indicator = apps.get_model("results", "Indicator")
    IndicatorYear = apps.get_model("results", "IndicatorYear")
    for old in OldIndicator.objects.order_by("pk"):
        direction = _DIRECTIONS.get(old.kind, "higher")
        numeric = direction in ("higher", "lower")
        indicator = Indicator.objects.create(
            program_id=old.program_id,
            position=old.position,
            name=old.name,
            unit=old.unit,
            direction=direction,
        )
        Indicator.activities.through.objects.bulk_create(
            Indicator.activities.through(indicator_id=indicator.pk, activity_id=link.activity_id)
            for link in OldLink.objects.filter(indicator_id=old.pk)
        )
        for value in OldValue.objects.filter(indicator_id=old.pk):
            target, actual = _number(value.target), _number(value.actual)
            IndicatorYear.objects.create(
                indicator=indicator,
                year=value.year,
                target=target if numeric else None,
                actual=actual if numeric else None,
                target_text="" if numeric and target is not None else value.target,
                actual_text="" if numeric and actual is not None else value.actual,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("results", "0001_indicators_and_assessment_results"),
    ]

    operations = [migrations.RunPython(copy_indicators, migrations.RunPython.noop)]
