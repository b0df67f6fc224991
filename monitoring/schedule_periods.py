"""The schedule-period cache (models.SchedulePeriod): the key of each year cell as SQL sees it,
and reading the periods of keys met for the first time."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)

from monitoring.models import SchedulePeriod
from monitoring.periods import report_periods
from programs.models import ActivityYear
from programs.schedule import NOT_DUE, cell_due

KEY = ("deadline", "year", "planned_text", "school_year", "carried_in", "has_cells")


def with_schedule_key(cells):
    """Year cells (a queryset) with their schedule key: the activity's deadline (ignored for a
    cell carried in), the program's kind of year, whether the cell was carried in and whether
    the activity plans by year cells (a cell with a non-empty plan). The queue's SQL
    (monitoring/queue.py) joins on the same expressions."""
    planned = ~Q(planned_text="")
    return cells.annotate(
        key_deadline=F("activity__deadline"),
        key_year=F("year"),
        key_planned_text=F("planned_text"),
        key_school_year=F("activity__section__program__school_year"),
        key_carried_in=ExpressionWrapper(
            Q(carried_from_year__isnull=False), output_field=BooleanField()
        ),
        # A planned cell answers for its activity; only a blank one asks the other cells.
        key_has_cells=Case(
            When(planned, then=Value(True)),
            default=Exists(
                ActivityYear.objects.filter(planned, activity_id=OuterRef("activity_id"))
            ),
            output_field=BooleanField(),
        ),
    )


def periods_of_cell():
    """The cached periods of the cell a subquery is correlated with (see with_schedule_key)."""
    return SchedulePeriod.objects.filter(**{field: OuterRef(f"key_{field}") for field in KEY})


def fill_schedule_periods(cells) -> int:
    """Read the periods of every schedule key among the cells that the cache does not hold yet;
    returns how many keys were new. Keys repeat across a region (the same deadlines and plans
    on many rows), so after the first request this finds nothing to do."""
    names = [f"key_{field}" for field in KEY]
    # Grouped rather than DISTINCT: PostgreSQL hashes the groups instead of sorting every cell.
    keys = set(
        with_schedule_key(cells)
        .values(*names)
        .order_by()
        .annotate(cells=Count("pk"))
        .values_list(*names)
    )
    # Compared here rather than by an anti-join in SQL: a 7-column correlated lookup per cell
    # costs seconds on a region, two lists of a few thousand keys do not.
    keys -= set(SchedulePeriod.objects.values_list(*KEY).distinct())
    rows = []
    for deadline, year, planned_text, school_year, carried_in, has_cells in keys:
        key = {
            "deadline": deadline,
            "year": year,
            "planned_text": planned_text,
            "school_year": school_year,
            "carried_in": carried_in,
            "has_cells": has_cells,
        }
        due = cell_due(**key)
        if due is NOT_DUE:
            rows.append(SchedulePeriod(**key))
            continue
        periods = report_periods(due, year, school_year=school_year)
        rows += [
            SchedulePeriod(
                **key,
                period_start=period.start,
                period_end=period.end,
                due=period.due,
                periods_in_year=len(periods),
                final_due=due.final,
            )
            for period in periods
        ]
    # Two requests may read the same new key at once: the second one's rows are the same.
    SchedulePeriod.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(keys)
