"""Carrying an activity over to a later year: what a carry-over needs, and how it is shown.

An activity marked «перенесено» in one year names the later program year it moves to and why.
The target year's cell then carries it in: it is due there even if the document planned nothing
for that year, and it says where it came from. The source year keeps it as not done.
"""

from programs.status import ExecutionStatus


def carry_over_errors(
    *, status: str, reason: str, target_year: int | None, source_year: int, program_years
) -> dict[str, str]:
    """Russian messages per form field for a carry-over that cannot be saved; empty if fine.

    `program_years` are the ProgramYear values of the program (year and label).
    """
    if status != ExecutionStatus.POSTPONED:
        return {}
    errors = {}
    if not (reason or "").strip():
        errors["carry_reason"] = "Укажите причину переноса."
    later = [py for py in program_years if py.year > source_year]
    if target_year is None:
        errors["carried_to_year"] = (
            "Укажите год, на который переносится мероприятие."
            if later
            else "Перенести некуда: это последний год программы."
        )
    elif target_year not in {py.year for py in later}:
        allowed = ", ".join(py.label for py in later) or "нет"
        errors["carried_to_year"] = (
            "Год переноса должен быть позже текущего и в пределах программы "
            f"(допустимо: {allowed})."
        )
    return errors


def carried_from_label(year_label: str) -> str:
    """How the target year's cell says where the activity came from."""
    return f"перенесено из {year_label} г."


def carried_to_label(year_label: str) -> str:
    return f"перенесено на {year_label} г."


def with_reason(label: str, reason: str) -> str:
    return f"{label} (причина: {reason.strip()})" if (reason or "").strip() else label
