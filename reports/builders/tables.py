"""Table shapes shared by the PDF and XLSX builders, so that both print the same columns."""

from collections.abc import Callable
from dataclasses import dataclass

from programs.status import STATUS_LABELS, ExecutionStatus
from reports.data import OfficialRoadmap, RoadmapTableRow, StatusCount, SummaryRow

# Fixed at the seven statuses, in ExecutionStatus order, whatever the selector left out.
STATUS_ORDER = list(ExecutionStatus)


def status_counts(row: SummaryRow) -> list[StatusCount]:
    """One count per ExecutionStatus, in order; a status the row lacks counts 0."""
    given = {count.status: count for count in row.counts}
    return [
        given.get(status) or StatusCount(status, STATUS_LABELS[status], 0, 0.0)
        for status in STATUS_ORDER
    ]


def status_headers() -> list[str]:
    return [STATUS_LABELS[status] for status in STATUS_ORDER]


@dataclass(frozen=True)
class RoadmapColumn:
    header: str
    value: Callable[[RoadmapTableRow], str]
    kind: str  # "number", "title", "deadline", "year", "executors", "result": CSS and widths


def _year_value(index: int) -> Callable[[RoadmapTableRow], str]:
    return lambda row: row.years[index] if index < len(row.years) else ""


def roadmap_columns(data: OfficialRoadmap) -> list[RoadmapColumn]:
    """The official table's columns, without those empty in every activity row.

    Section rows do not count: they span the whole width whatever columns remain.
    """
    candidates = [
        RoadmapColumn("№", lambda row: row.number, "number"),
        RoadmapColumn("Наименование мероприятия", lambda row: row.title, "title"),
        RoadmapColumn("Сроки", lambda row: row.deadline, "deadline"),
        *(
            RoadmapColumn(label, _year_value(index), "year")
            for index, label in enumerate(data.year_labels)
        ),
        RoadmapColumn("Исполнители", lambda row: row.executors, "executors"),
        # Separate columns, as the documents have them: importing the file back must tell the
        # result from its planned value.
        RoadmapColumn("Ожидаемый результат", lambda row: row.result, "result"),
        RoadmapColumn("Плановое значение", lambda row: row.planned_value, "result"),
        RoadmapColumn("Показатели реализации", lambda row: row.indicator, "result"),
    ]
    activities = [row for row in data.rows if not row.is_section]
    return [
        column
        for column in candidates
        if column.kind == "title" or any(column.value(row).strip() for row in activities)
    ]
