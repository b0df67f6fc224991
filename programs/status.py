"""Execution statuses of an activity in a year, and how they add up to progress."""

from django.db import models


class ExecutionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "не начато"
    IN_PROGRESS = "in_progress", "в работе"
    DONE = "done", "выполнено"
    PARTLY_DONE = "partly_done", "выполнено частично"
    NOT_DONE = "not_done", "не выполнено"
    POSTPONED = "postponed", "перенесено"
    CANCELLED = "cancelled", "отменено"


STATUS_LABELS = dict(ExecutionStatus.choices)

# A symbol beside each status so that it is never told by colour alone.
STATUS_ICONS = {
    ExecutionStatus.NOT_STARTED: "○",
    ExecutionStatus.IN_PROGRESS: "◐",
    ExecutionStatus.DONE: "✔",
    ExecutionStatus.PARTLY_DONE: "◑",
    ExecutionStatus.NOT_DONE: "✖",
    ExecutionStatus.POSTPONED: "⇥",
    ExecutionStatus.CANCELLED: "⊘",
}

# Statuses that close an activity for the year: nothing is owed any more.
CLOSED_STATUSES = frozenset({ExecutionStatus.DONE, ExecutionStatus.CANCELLED})


def completion_share(statuses) -> float | None:
    """Share of the activities due that are done; cancelled ones are not due any more.

    None when nothing is due, so that an empty year is not shown as 0 % done.
    """
    due = [status for status in statuses if status != ExecutionStatus.CANCELLED]
    if not due:
        return None
    return sum(status == ExecutionStatus.DONE for status in due) / len(due)


# A year whose execution nobody has filled in: not «не начато 100 %», which would claim it.
NO_INFORMATION = "нет сведений"


def nothing_filled_in(cells) -> bool:
    """Whether no year cell among those due has been filled in: each still «не начато», without
    an actual value, a comment or a carry-over into it. False when nothing is due (there is
    nothing to fill in)."""
    cells = list(cells)
    return bool(cells) and all(
        cell.status == ExecutionStatus.NOT_STARTED
        and cell.actual_value is None
        and not cell.comment.strip()
        and cell.carried_from_year is None
        for cell in cells
    )
