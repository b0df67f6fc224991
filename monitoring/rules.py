"""The rules of school reports as small pure functions: what a report must contain, and how
accepted reports set the execution of the activity's year."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from programs.status import ExecutionStatus

EMPTY_REPORT = (
    "Отчёт пуст: опишите, что сделано, укажите фактическое значение или приложите "
    "подтверждающий файл."
)
SUBMIT_NEEDS_TEXT = (
    "Перед отправкой на проверку опишите, что сделано: координатор проверяет отчёт по этому "
    "описанию."
)

# Statuses a person set by hand that accepted reports do not override: they can only confirm.
KEPT_STATUSES = frozenset({ExecutionStatus.DONE, ExecutionStatus.CANCELLED})


MOST_FILES_PER_REPORT = 20


def content_errors(
    *, text: str, actual_value: Decimal | None, file_count: int, submitting: bool
) -> list[str]:
    """Russian messages for a report that cannot be saved or sent as it is; empty when it can."""
    if file_count > MOST_FILES_PER_REPORT:
        return [
            f"К отчёту можно приложить не больше {MOST_FILES_PER_REPORT} файлов: "
            "объедините фотографии в один документ или удалите лишние."
        ]
    if not text.strip() and actual_value is None and not file_count:
        return [EMPTY_REPORT]
    if submitting and not text.strip():
        return [SUBMIT_NEEDS_TEXT]
    return []


def done_on_errors(done_on: date | None, *, today: date, first_day: date) -> list[str]:
    if done_on is None:
        return []
    if done_on > today:
        return ["Дата проведения не может быть позже сегодняшнего дня."]
    if done_on < first_day:
        return [f"Дата проведения раньше начала года программы ({first_day:%d.%m.%Y})."]
    return []


@dataclass(frozen=True)
class Execution:
    status: str
    actual_value: Decimal | None


def execution_after_acceptance(
    current: Execution, owed: set[tuple[int, str]], accepted: dict[tuple[int, str], Decimal | None]
) -> Execution:
    """The execution of an activity in a year once a report of it is accepted.

    The rule (the review pages say the same to coordinators):

    - owed are the reports of every school the activity involves for every reporting period
      of the year, keyed by (school id, period key); `accepted` are the accepted ones among
      the reports of the involved schools, with their actual values;
    - every owed report accepted → «выполнено»; some → «в работе»;
    - the actual value is the sum of the accepted reports' values; when none of them gives a
      value the year keeps the value it had;
    - «выполнено» and «отменено» set by hand stay: accepted reports confirm them, never lower
      them (the value is still summed);
    - with no owed reports (the activity involves no school any more) the status stays.
    """
    values = [value for value in accepted.values() if value is not None]
    actual_value = sum(values, Decimal(0)) if values else current.actual_value
    if current.status in KEPT_STATUSES or not owed:
        return Execution(current.status, actual_value)
    if owed <= accepted.keys():
        return Execution(ExecutionStatus.DONE, actual_value)
    if accepted:
        return Execution(ExecutionStatus.IN_PROGRESS, actual_value)
    return Execution(current.status, actual_value)


def review_errors(*, decision: str, comment: str, has_rejected_files: bool) -> list[str]:
    """Russian messages for a coordinator's decision that cannot be taken as it is."""
    if decision == "return" and not comment.strip():
        return ["Чтобы вернуть отчёт на доработку, напишите рекомендации школе: что исправить."]
    if decision == "accept" and has_rejected_files:
        return [
            "Отчёт с отклонёнными файлами нельзя принять: верните его на доработку или "
            "отметьте файлы принятыми."
        ]
    return []
