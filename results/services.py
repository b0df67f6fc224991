"""Writes of the results app: indicator values keep who changed them (history records it)."""

from django.db import transaction

from programs.editing import move_in_order
from results.models import Indicator, IndicatorYear, SchoolIndicatorValue


@transaction.atomic
def save_indicator(form) -> Indicator:
    indicator = form.save(commit=False)
    if indicator.pk is None:
        last = indicator.program.indicators.order_by("-position").first()
        indicator.position = 0 if last is None else last.position + 1
    indicator.save()
    form.save_m2m()
    return indicator


def move_indicator(indicator: Indicator, offset: int):
    move_in_order(indicator, indicator.program.indicators.all(), offset)


def year_record(indicator: Indicator, year: int) -> IndicatorYear:
    """The year's record, unsaved when nothing was entered for the year yet."""
    return indicator.years.filter(year=year).first() or IndicatorYear(
        indicator=indicator, year=year
    )


def school_record(indicator: Indicator, school_id: int, year: int) -> SchoolIndicatorValue:
    found = indicator.school_values.filter(school_id=school_id, year=year).first()
    return found or SchoolIndicatorValue(indicator=indicator, school_id=school_id, year=year)


@transaction.atomic
def save_value(form, user):
    """Save a year or school value with its author."""
    record = form.save(commit=False)
    record.updated_by = user
    record.save()
    return record
