"""Writes that touch many rows of a roadmap at once."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from monitoring.owed import owed_changed, owed_refreshed_at_end
from programs.cells import planned_number
from programs.models import Activity, ActivityExecutor, ActivityYear, Section
from schools.models import Party
from schools.parties import match_party, split_executor_text


def _text(value) -> str:
    return value or ""


def link_executors(activity, parties: list[Party]) -> None:
    """Link the parties named in the activity's executor text, lead first; names that match no
    known party stay as written in the text."""
    position = 0
    linked = set()
    for name in split_executor_text(activity.executors_text):
        party = match_party(name, parties)
        if party is not None and party.pk not in linked:
            ActivityExecutor.objects.create(activity=activity, party=party, position=position)
            linked.add(party.pk)
            position += 1


@transaction.atomic
@owed_refreshed_at_end()
def fill_roadmap(program, roadmap: dict) -> None:
    """Create the program's sections, activities and year cells from a parsed roadmap.

    `roadmap` has the shape of the importer's JSON contract; year cells are keyed by the year
    as a string.
    """
    parties = list(Party.objects.filter(municipality=program.municipality))
    years = [program_year.year for program_year in program.years]
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
            link_executors(activity, parties)
    # The year cells went in without signals.
    owed_changed(program_ids=[program.pk])
