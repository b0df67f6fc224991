"""Whether a program year is closed: a closed year takes no reports, decisions or marks."""

from monitoring.models import YearClosure


def is_year_closed(program_id: int, year: int) -> bool:
    """True when the coordinator closed this year of the program (and did not reopen it)."""
    return YearClosure.objects.filter(program_id=program_id, year=year, is_closed=True).exists()


def closed_years(program_ids) -> set[tuple[int, int]]:
    """(program id, year) of every closed year of these programs, in one query."""
    return set(
        YearClosure.objects.filter(program_id__in=program_ids, is_closed=True).values_list(
            "program_id", "year"
        )
    )
