"""Writes that touch many rows of a roadmap at once."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from programs.cells import planned_number
from programs.models import Activity, ActivityExecutor, ActivityYear, Section
from schools.models import Party
from schools.parties import match_party, split_executor_text


def _text(value) -> str:
    return value or ""


def link_executors(activity, parties: list[Party], *, create_missing_in=None) -> list[str]:
    """Link the parties named in the activity's executor text, lead first.

    Returns the names that matched no known party. With `create_missing_in` (a municipality),
    those are created as new parties instead.
    """
    unmatched, position = [], 0
    linked = set()
    for name in split_executor_text(activity.executors_text):
        party = match_party(name, parties)
        if party is None and create_missing_in is not None:
            party = Party.objects.create(municipality=create_missing_in, name=name)
            parties.append(party)
        if party is None:
            unmatched.append(name)
        elif party.pk not in linked:
            ActivityExecutor.objects.create(activity=activity, party=party, position=position)
            linked.add(party.pk)
            position += 1
    return unmatched


@transaction.atomic
def fill_roadmap(program, roadmap: dict, *, create_parties=False) -> list[str]:
    """Create the program's sections, activities and year cells from a parsed roadmap.

    `roadmap` has the shape of the importer's JSON contract; year cells are keyed by the year
    as a string. Returns the executor names that matched no known party.
    """
    parties = list(Party.objects.filter(municipality=program.municipality))
    years = [program_year.year for program_year in program.years]
    unmatched = []
    for section_position, section_data in enumerate(roadmap["sections"]):
        section = Section.objects.create(
            program=program,
            position=section_position,
            number=_text(section_data.get("number")),
            title=_text(section_data.get("title")),
        )
        for position, data in enumerate(section_data["activities"]):
            activity = Activity.objects.create(
                section=section,
                position=position,
                number=_text(data.get("number")),
                title=_text(data.get("title")),
                deadline=_text(data.get("deadline")),
                result_name=_text(data.get("result")),
                planned_value=_text(data.get("planned_value")),
                indicator_text=_text(data.get("indicator")),
                executors_text=_text(data.get("responsible")),
            )
            cells = data.get("years") or {}
            year_cells = [_text(cells.get(str(year))) for year in years]
            bulk_create_with_history(
                [
                    ActivityYear(
                        activity=activity,
                        year=year,
                        planned_text=cell,
                        planned_number=planned_number(cell),
                    )
                    for year, cell in zip(years, year_cells, strict=True)
                ],
                ActivityYear,
            )
            unmatched += link_executors(
                activity,
                parties,
                create_missing_in=program.municipality if create_parties else None,
            )
    return unmatched
