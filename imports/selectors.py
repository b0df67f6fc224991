"""Reads for other apps: the form a program's roadmap had in the document it came from."""

from django.db.models import Prefetch

from imports.models import SourceForm
from programs.models import Activity


def source_form(program) -> dict | None:
    """Plain data for the report builders to reproduce the source's form, or None for a
    program that was not imported (or was imported before the form was kept)::

        {"kind", "filename", "title",
         "tables": [{"caption", "header": [[{"text", "span"}]], "numbering", "columns"}],
         "section_levels": {section id: level}, "section_tables": {section id: table index},
         "approval": [line], "signature": [line]}

    A header cell merged down over several levels is repeated in each of them, as Word draws
    it.
    ``columns`` are field names as the parser gives them ("number", "title", "year:2021", …,
    None for a column not loaded), in the document's order.
    """
    form = SourceForm.objects.filter(program=program).first()
    if form is None:
        return None
    section_ids = list(program.sections.order_by("position").values_list("pk", flat=True))
    return {
        "kind": form.kind,
        "filename": form.filename,
        "title": form.title,
        "tables": form.tables,
        "section_levels": dict(zip(section_ids, form.section_levels, strict=False)),
        "section_tables": dict(zip(section_ids, form.section_tables, strict=False)),
        "approval": form.approval,
        "signature": form.signature,
    }


def current_roadmap_tree(program) -> dict:
    """The program's roadmap as it stands, in the shape of ``services.roadmap_tree``, to
    compare with a document before importing it (three queries whatever the size)."""
    sections = program.sections.order_by("position", "id").prefetch_related(
        Prefetch(
            "activities",
            queryset=Activity.objects.order_by("position", "id").prefetch_related("years"),
        )
    )
    return {
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "activities": [
                    {
                        "number": activity.number,
                        "title": activity.title,
                        "deadline": activity.deadline,
                        "responsible": activity.executors_text,
                        "result": activity.result_name,
                        "planned_value": activity.planned_value,
                        "indicator": activity.indicator_text,
                        "years": {str(y.year): y.planned_text for y in activity.years.all()},
                    }
                    for activity in section.activities.all()
                ],
            }
            for section in sections
        ]
    }


def current_roadmap_activities(program) -> list:
    """The program's activities in roadmap order — the order ``current_roadmap_tree`` counts
    them in — with their year cells."""
    return list(
        Activity.objects.filter(section__program=program)
        .order_by("section__position", "section_id", "position", "id")
        .prefetch_related("years")
    )
