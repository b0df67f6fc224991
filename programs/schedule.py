"""Which year cells of a roadmap are due, when, and which are overdue."""

from datetime import date
from functools import lru_cache

from programs.cells import is_planned
from programs.deadlines import Due, due_in_year, is_overdue
from programs.status import CLOSED_STATUSES, STATUS_LABELS

NOT_DUE = Due((), True, "не запланировано на этот год")


@lru_cache(maxsize=20_000)
def _due(deadline: str, year: int, cell: str, school_year: bool) -> Due:
    # Roadmaps repeat the same deadlines and cells on many rows: parse each combination once.
    return due_in_year(deadline, year, year_cell=cell, school_year=school_year)


def year_is_due(planned_text: str, activity_has_year_cells: bool) -> bool:
    """An activity is due in a year its cell plans; one without year cells is due every year."""
    return is_planned(planned_text) if activity_has_year_cells else True


def due_text(due: Due) -> str:
    """How a year cell states its deadline: the final date, or the label when there is none."""
    return f"срок {due.final:%d.%m.%Y}" if due.final else due.label


def annotate_schedule(activity, years, *, school_year: bool, today: date):
    """Set `is_due`, `due`, `due_text`, `is_overdue` and `status_label` on each year cell."""
    has_cells = any(y.planned_text.strip() for y in years)
    for activity_year in years:
        activity_year.is_due = year_is_due(activity_year.planned_text, has_cells)
        activity_year.due = (
            _due(activity.deadline, activity_year.year, activity_year.planned_text, school_year)
            if activity_year.is_due
            else NOT_DUE
        )
        activity_year.due_text = due_text(activity_year.due)
        # A plain lookup: get_status_display() re-hashes the choices on every call.
        activity_year.status_label = STATUS_LABELS.get(activity_year.status, activity_year.status)
        activity_year.is_overdue = activity_year.is_due and is_overdue(
            activity_year.due, done=activity_year.status in CLOSED_STATUSES, today=today
        )
