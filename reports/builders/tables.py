"""Table shapes shared by the PDF, DOCX and XLSX builders, so that all print the same columns."""

from programs.status import STATUS_LABELS, ExecutionStatus
from reports.data import RoadmapTableRow, StatusCount, SummaryRow
from reports.roadmap_form import cell_text, column_kind

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


def roadmap_cells(row: RoadmapTableRow, columns: list[str | None]) -> list[tuple[str, str]]:
    """(column kind, text as written) of an activity row in each column of its table."""
    return [(column_kind(field), cell_text(row, field)) for field in columns]
