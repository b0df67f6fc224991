"""Reads for other apps: the form a program's roadmap had in the document it came from."""

from imports.models import SourceForm


def source_form(program) -> dict | None:
    """Plain data for the report builders to reproduce the source's form, or None for a
    program that was not imported (or was imported before the form was kept)::

        {"kind", "filename", "title",
         "tables": [{"caption", "header": [[{"text", "span"}]], "numbering", "columns"}],
         "section_levels": {section id: level}}

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
    }
