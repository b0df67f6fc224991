"""Which year cells of a roadmap are due, when, and which are overdue."""

from datetime import date
from functools import lru_cache

from programs.carryover import carried_from_label, carried_to_label, with_reason
from programs.cells import is_planned
from programs.deadlines import Due, due_in_year, is_overdue
from programs.periods import school_year_label
from programs.status import CLOSED_STATUSES, STATUS_LABELS

NOT_DUE = Due((), True, "не запланировано на этот год")


@lru_cache(maxsize=20_000)
def _due(deadline: str, year: int, cell: str, school_year: bool) -> Due:
    # Roadmaps repeat the same deadlines and cells on many rows: parse each combination once.
    return due_in_year(deadline, year, year_cell=cell, school_year=school_year)


def year_is_due(
    planned_text: str, activity_has_year_cells: bool, carried_in: bool, due: Due
) -> bool:
    """An activity is due in a year its cell plans; one without year cells is due in the years its
    deadline names («2019», «2019-2021»; every year when it names none); one carried over into a
    year is due there whatever the document planned."""
    if carried_in:
        return True
    if activity_has_year_cells:
        return is_planned(planned_text)
    return not due.in_other_years


def cell_due(
    deadline: str,
    year: int,
    planned_text: str,
    *,
    school_year: bool,
    has_cells: bool,
    carried_in: bool,
) -> Due:
    """When a year cell is due: NOT_DUE when the year does not plan the activity."""
    # The document's deadline belongs to the year it was written for, not the new one.
    due = _due("" if carried_in else deadline, year, planned_text, school_year)
    return due if year_is_due(planned_text, has_cells, carried_in, due) else NOT_DUE


def _year_label(year: int, school_year: bool) -> str:
    return school_year_label(year) if school_year else str(year)


def due_text(due: Due) -> str:
    """How a year cell states its deadline: the final date, or the label when there is none."""
    return f"срок {due.final:%d.%m.%Y}" if due.final else due.label


def _carry_label(activity_year, years, school_year: bool) -> str:
    """«перенесено из 2022 г. (причина: …)» on the target cell, «перенесено на 2023 г. …» on
    the source: the reason is kept on the source cell and shown on both."""
    labels = []
    if activity_year.carried_from_year is not None:
        source = next((y for y in years if y.year == activity_year.carried_from_year), None)
        label = carried_from_label(_year_label(activity_year.carried_from_year, school_year))
        labels.append(with_reason(label, source.carry_reason if source else ""))
    if activity_year.carried_to_year is not None:
        label = carried_to_label(_year_label(activity_year.carried_to_year, school_year))
        labels.append(with_reason(label, activity_year.carry_reason))
    return "; ".join(labels)


def annotate_schedule(activity, years, *, school_year: bool, today: date):
    """Set `is_due`, `due`, `due_text`, `is_overdue`, `status_label` and `carry_label` on each
    year cell."""
    has_cells = any(y.planned_text.strip() for y in years)
    for activity_year in years:
        carried_in = activity_year.carried_from_year is not None
        activity_year.due = cell_due(
            activity.deadline,
            activity_year.year,
            activity_year.planned_text,
            school_year=school_year,
            has_cells=has_cells,
            carried_in=carried_in,
        )
        activity_year.is_due = activity_year.due is not NOT_DUE
        activity_year.carry_label = _carry_label(activity_year, years, school_year)
        activity_year.due_text = due_text(activity_year.due)
        # A plain lookup: get_status_display() re-hashes the choices on every call.
        activity_year.status_label = STATUS_LABELS.get(activity_year.status, activity_year.status)
        # Carried over to a later year: what is owed is owed there, not overdue here.
        moved_on = activity_year.carried_to_year is not None
        activity_year.is_overdue = (
            activity_year.is_due
            and not moved_on
            and is_overdue(
                activity_year.due, done=activity_year.status in CLOSED_STATUSES, today=today
            )
        )
