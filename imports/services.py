"""Turning a parsed roadmap into a program of the portal, in one transaction."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from imports.changes import matched_activities
from imports.forms import EDITION_STATUSES
from imports.models import SourceForm
from imports.parsing import Roadmap
from imports.selectors import current_roadmap_activities, current_roadmap_tree
from monitoring.models import YearClosure
from monitoring.owed import owed_refreshed_at_end
from programs.editing import DeleteRefusedError, refuse_closed_year_data
from programs.models import Activity, ActivityExecutor, ActivityYear, Program, Section
from programs.periods import Period, parse_period
from programs.services import fill_roadmap, link_executors
from schools.models import Municipality, Party, School
from schools.parties import (
    match_party,
    normalise_name,
    resembles,
    school_link_suggestions,
    split_executor_text,
)

_SCHOOL_YEAR_DASH_RE = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*")


class ImportRefused(Exception):
    """The roadmap cannot go where it was sent; the message says why, in Russian."""


def _school_year_written_with_slash(period: str) -> str:
    """ "2023-2024 учебный год" is one school year, as "2023/24" is: the portal reads the slash."""
    if not period.endswith("учебный год"):
        return period
    return _SCHOOL_YEAR_DASH_RE.sub(r"\1/", period)


def roadmap_period(roadmap: Roadmap) -> Period:
    """The program period: as the document states it, else its year columns, else this year."""
    if roadmap.period and (period := parse_period(_school_year_written_with_slash(roadmap.period))):
        return period
    years = sorted(
        {int(year) for activity in roadmap.activities for year in activity.years if year.isdigit()}
    )
    if years:
        return Period(years[0], years[-1])
    this_year = timezone.localdate().year
    return Period(this_year, this_year)


def roadmap_tree(roadmap: Roadmap) -> dict:
    """The roadmap in the shape fill_roadmap takes, numbers kept exactly as written."""
    return {
        "sections": [
            {
                "number": section.number_as_written or section.number,
                "title": section.title,
                "activities": [
                    {
                        **activity.to_json(),
                        "number": activity.number_as_written or activity.number,
                        "responsible": executors_text(activity),
                    }
                    for activity in section.activities
                ],
            }
            for section in roadmap.sections
        ]
    }


def executors_text(activity) -> str | None:
    """The executor text the portal keeps: as written, unless the document's line breaks
    separate parties that the text alone would run together («МБУ ДПО МиРЦ» / «ОО»); then
    the parties are joined with "; " so that the portal reads the same parties from it."""
    if split_executor_text(activity.responsible or "") == activity.executors:
        return activity.responsible
    return "; ".join(activity.executors)


@dataclass
class ProposedParty:
    """An executor name no known party matches: ticked to be created unless it resembles a
    known party (``resembles`` names it), when a person decides."""

    name: str
    resembles: str = ""
    resembles_new: bool = False  # it resembles another name proposed here, not a known party
    school: School | None = None  # the school of the municipality the new party will stand for
    school_doubtful: bool = False  # the name only resembles the school's: a person decides
    school_party: Party | None = None  # the school's own party: the name becomes its alias

    @property
    def checked(self) -> bool:
        return not self.resembles and not self.school_doubtful


def _school_named(name: str, municipality: Municipality, schools: list[School]):
    """(school, doubtful) a new party of this name stands for: a school written exactly so (as
    the schools page suggests links), else one whose name it resembles; (None, False) if none."""
    if pairs := school_link_suggestions([Party(municipality=municipality, name=name)], schools):
        return pairs[0][1], False
    similar = [
        school
        for school in schools
        if any(resembles(name, known) for known in (school.name, school.short_name) if known)
    ]
    return (similar[0], True) if len(similar) == 1 else (None, False)


def proposed_parties(roadmap: Roadmap, municipality: Municipality) -> list[ProposedParty]:
    """Executor names the municipality's known parties do not cover, in first-seen order;
    variants of one name (case, quotes, spacing) are proposed once, as first written."""
    parties = list(Party.objects.filter(municipality=municipality))
    schools = list(School.objects.filter(municipality=municipality, party__isnull=True))
    by_school_name = {
        normalise_name(known): party
        for party in Party.objects.filter(
            municipality=municipality, school__isnull=False
        ).select_related("school")
        for known in (party.school.name, party.school.short_name)
        if known
    }
    proposed: dict[str, ProposedParty] = {}
    for activity in roadmap.activities:
        for name in activity.executors:
            key = normalise_name(name)
            if key in proposed or match_party(name, parties) is not None:
                continue
            similar = next(
                (
                    party.name
                    for party in parties
                    if any(resembles(name, known) for known in party.all_names)
                ),
                "",
            )
            earlier = (
                ""
                if similar
                else next((p.name for p in proposed.values() if resembles(name, p.name)), "")
            )
            if school_party := by_school_name.get(key):  # written as a school that has its party
                proposed[key] = ProposedParty(
                    name, school=school_party.school, school_party=school_party
                )
                continue
            school, doubtful = _school_named(name, municipality, schools)
            proposed[key] = ProposedParty(
                name, similar or earlier, bool(earlier), school=school, school_doubtful=doubtful
            )
    return list(proposed.values())


def create_parties(roadmap: Roadmap, municipality: Municipality, names) -> None:
    """The parties a person chose to add; one standing for a school is linked to it, and a name
    of a school that already has its party becomes that party's alias."""
    proposals = {p.name: p for p in proposed_parties(roadmap, municipality)}
    for name in names:
        proposal = proposals.get(name)
        if proposal is not None and proposal.school_party is not None:
            party = proposal.school_party
            party.aliases = "\n".join(filter(None, [party.aliases.strip(), name]))
            party.save(update_fields=["aliases"])
            continue
        school = proposal.school if proposal is not None else None
        kind = Party.Kind.SCHOOL if school else Party.Kind.OTHER
        Party.objects.get_or_create(
            municipality=municipality, name=name, defaults={"kind": kind, "school": school}
        )


def unmatched_executors(roadmap: Roadmap, municipality: Municipality) -> list[str]:
    """Executor names the municipality's known parties do not cover, in first-seen order."""
    return [party.name for party in proposed_parties(roadmap, municipality)]


@dataclass
class OtherMunicipality:
    """The document names a municipality other than the one chosen for the import."""

    name: str  # as the document names it
    match: Municipality | None  # the portal's municipality of that name the person may edit


def _place_key(name: str) -> str:
    """ "Знаменский муниципальный район" and "Знаменский район" are one place."""
    generic = {"муниципальный", "городской"}
    return " ".join(word for word in name.lower().replace("ё", "е").split() if word not in generic)


def other_municipality(
    roadmap: Roadmap, chosen: Municipality, editable
) -> OtherMunicipality | None:
    """None when the document names no municipality or names the chosen one."""
    if not roadmap.municipality or _place_key(roadmap.municipality) == _place_key(chosen.name):
        return None
    key = _place_key(roadmap.municipality)
    match = next((m for m in editable if _place_key(m.name) == key), None)
    return OtherMunicipality(roadmap.municipality, match)


def find_municipality(name: str | None):
    """The municipality a document names ("Знаменский район"), if exactly one matches."""
    if not name:
        return None
    found = list(Municipality.objects.filter(name__iexact=name.strip())[:2])
    return found[0] if len(found) == 1 else None


def _order_date(text: str | None) -> date | None:
    try:
        return datetime.strptime(text or "", "%d.%m.%Y").date()
    except ValueError:
        return None


def keep_source_form(program: Program, roadmap: Roadmap, filename: str = "") -> SourceForm:
    """Record how the document drew the roadmap (replacing what an earlier import recorded)."""
    form, _ = SourceForm.objects.update_or_create(
        program=program,
        defaults={
            "filename": filename[:255],
            "kind": roadmap.source_kind,
            "title": roadmap.title or "",
            "tables": [table.to_json() for table in roadmap.forms],
            "section_levels": [section.level for section in roadmap.sections],
            "section_tables": [section.form for section in roadmap.sections],
            "approval": roadmap.approval,
            "signature": roadmap.signature,
        },
    )
    return form


@dataclass
class ImportResult:
    program: Program
    activities: int


@transaction.atomic
@owed_refreshed_at_end()
def import_roadmap(
    roadmap: Roadmap,
    *,
    municipality: Municipality | None = None,
    program: Program | None = None,
    title: str = "",
    new_parties: list[str] = (),
    period: Period | None = None,
    filename: str = "",
) -> ImportResult:
    """Create a draft program from the roadmap, or replace the roadmap of a draft program, or
    make the roadmap the draft edition of an approved program (``_import_as_new_edition``).

    `new_parties` are executor names the person chose to add as parties of the municipality;
    other unmatched names stay as written in the activities' executor text. `period` overrides
    what the document states (or does not). The document's form is kept with the program.
    """
    if not roadmap.activities:
        raise ImportRefused("В документе нет ни одного мероприятия: импортировать нечего.")
    period = period or roadmap_period(roadmap)
    if program is not None and program.status != Program.Status.DRAFT:
        return _import_as_new_edition(roadmap, program, new_parties, filename)
    if program is not None:
        program.sections.all().delete()
        municipality = program.municipality
    else:
        if municipality is None:
            raise ImportRefused("Укажите муниципалитет, к которому относится программа.")
        program = Program(municipality=municipality, status=Program.Status.DRAFT)
    program.title = title or program.title or roadmap.title or "Программа без названия"
    program.roadmap_title = (roadmap.title or "")[:500]
    program.start_year, program.end_year = period.start_year, period.end_year
    program.school_year = period.school_year
    if roadmap.order:
        program.order_number = roadmap.order.number or ""
        program.order_date = _order_date(roadmap.order.date)
    program.full_clean()
    program.save()
    create_parties(roadmap, municipality, new_parties)
    fill_roadmap(program, roadmap_tree(roadmap))
    keep_source_form(program, roadmap, filename)
    return ImportResult(program, len(roadmap.activities))


def _import_as_new_edition(
    roadmap: Roadmap, program: Program, new_parties, filename: str
) -> ImportResult:
    """Make the document's roadmap the program's roadmap, to be approved with an order.

    The program keeps its title, period and orders: the difference from the approved edition
    becomes the draft edition («есть неутверждённые изменения»). Activities of the document
    matched to current ones (``imports.changes``) are updated in place, keeping their execution,
    reports and money; the rest are added, and current ones the document lacks are removed —
    unless a closed year holds their data, or the document rewrites a closed year's plan.
    """
    if program.status not in EDITION_STATUSES:
        raise ImportRefused(
            f"Программа «{program}» — {program.get_status_display()}: её дорожную карту "
            "не меняют. Загрузите документ как новую программу."
        )
    Program.objects.select_for_update().filter(pk=program.pk).first()
    incoming = roadmap_tree(roadmap)
    _refuse_plan_outside_the_period(program, incoming)
    current = current_roadmap_activities(program)
    pairs = matched_activities(current_roadmap_tree(program), incoming)
    kept = {pairs[index]: index for index in pairs}
    removed = [activity for index, activity in enumerate(current) if index not in kept]
    try:
        refuse_closed_year_data(program, removed, "мероприятия, которых нет в документе", "по ним")
    except DeleteRefusedError as refusal:
        numbers = ", ".join(str(activity) for activity in removed)
        raise ImportRefused(f"{refusal} Исключаемые мероприятия: {numbers}.") from refusal
    _refuse_closed_plan_changes(program, current, kept, incoming)
    create_parties(roadmap, program.municipality, new_parties)
    parties = list(Party.objects.filter(municipality=program.municipality))
    # A section written as before stays the same section: indicators linked to it keep the link.
    old_sections = {}
    for section in program.sections.order_by("position", "id"):
        old_sections.setdefault((section.number, section.title), section)
    in_use = []
    by_new_index = {new: current[old] for old, new in kept.items()}
    Activity.objects.filter(pk__in=[activity.pk for activity in removed]).delete()
    index = 0
    for section_position, section_data in enumerate(incoming["sections"]):
        number, title = _text(section_data.get("number")), _text(section_data.get("title"))
        section = old_sections.pop((number, title), None)
        if section is None:
            section = Section.objects.create(
                program=program, position=section_position, number=number, title=title
            )
        elif section.position != section_position:
            section.position = section_position
            section.save(update_fields=["position"])
        in_use.append(section.pk)
        for position, data in enumerate(section_data["activities"]):
            activity = by_new_index.get(index)
            _write_activity(program, section, position, data, activity, parties)
            index += 1
    program.sections.exclude(pk__in=in_use).delete()  # emptied: their activities moved or went
    keep_source_form(program, roadmap, filename)
    return ImportResult(program, len(roadmap.activities))


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _refuse_plan_outside_the_period(program, incoming):
    """A new edition keeps the program's period: a plan for another year would be lost."""
    years = {str(program_year.year) for program_year in program.years}
    outside = sorted(
        {
            year
            for section in incoming["sections"]
            for activity in section["activities"]
            for year, text in (activity.get("years") or {}).items()
            if year not in years and _text(text)
        }
    )
    if outside:
        raise ImportRefused(
            f"В документе есть план на {', '.join(outside)} г., а программа рассчитана на "
            f"{program.start_year}–{program.end_year} гг. Сначала измените период программы "
            "или загрузите документ как новую программу."
        )


def _refuse_closed_plan_changes(program, current, kept, incoming):
    """A closed year's plan is locked: the document may not rewrite it."""
    closed = set(
        YearClosure.objects.filter(program=program, is_closed=True).values_list("year", flat=True)
    )
    if not closed:
        return
    documented = [a for section in incoming["sections"] for a in section["activities"]]
    rewritten = []
    for old_index, new_index in kept.items():
        activity = current[old_index]
        plan = {cell.year: cell.planned_text for cell in activity.years.all()}
        cells = documented[new_index].get("years") or {}
        if any(_text(cells.get(str(year))) != _text(plan.get(year)) for year in closed):
            rewritten.append(str(activity))
    if rewritten:
        labels = {program_year.year: program_year.label for program_year in program.years}
        named = ", ".join(labels.get(year, str(year)) for year in sorted(closed))
        raise ImportRefused(
            f"Документ меняет план закрытых координатором годов ({named}) у мероприятий: "
            f"{', '.join(rewritten)}. Чтобы загрузить его, координатор должен открыть год, "
            "указав причину."
        )


def _write_activity(program, section, position, data, activity, parties):
    """Update a kept activity (its execution stays) or create a new one, with its plan."""
    fields = {
        "section": section,
        "position": position,
        "number": _text(data.get("number")),
        "title": _text(data.get("title")),
        "deadline": _text(data.get("deadline")),
        "result_name": _text(data.get("result")),
        "planned_value": _text(data.get("planned_value")),
        "indicator_text": _text(data.get("indicator")),
        "executors_text": _text(data.get("responsible")),
    }
    if activity is None:
        activity = Activity.objects.create(**fields)
    else:
        executors_changed = activity.executors_text != fields["executors_text"]
        for name, value in fields.items():
            setattr(activity, name, value)
        activity.version += 1  # a form opened before the import is refused
        activity.save()
        if executors_changed:
            ActivityExecutor.objects.filter(activity=activity).delete()
    if not activity.executor_links.exists():
        link_executors(activity, parties)
    cells = data.get("years") or {}
    existing = {cell.year: cell for cell in activity.years.all()}
    for program_year in program.years:
        text = _text(cells.get(str(program_year.year)))
        cell = existing.get(program_year.year)
        if cell is None:
            ActivityYear.objects.create(
                activity=activity, year=program_year.year, planned_text=text
            )
        elif cell.planned_text != text:
            cell.planned_text = text
            cell.save(update_fields=["planned_text"])  # the planned number follows the text
