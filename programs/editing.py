"""Saving roadmap edits without lost updates: a save based on an outdated view is refused and
the person is shown what the other save changed."""

from django.db import transaction
from django.http import Http404
from django.utils.dateparse import parse_datetime

from accounts.audit import field_changes
from monitoring.locks import is_year_closed
from monitoring.models import SchoolReport, YearClosure
from monitoring.owed import owed_changed, owed_refreshed_at_end
from programs.forms import ConflictError
from programs.models import Activity, ActivityExecutor, ActivityYear, Program, Section
from programs.numbering import renumbered
from programs.status import ExecutionStatus


def _changes_since(history, seen_record):
    """What was changed after the version the person saw, field by field."""
    latest = history.order_by("-history_date").first()
    if seen_record is None or latest is None or seen_record.pk == latest.pk:
        return []
    return field_changes(latest, seen_record)


class YearClosedError(Exception):
    """The coordinator closed this program year: its execution marks are final."""


@transaction.atomic
@owed_refreshed_at_end()
def save_activity_year(activity_year: ActivityYear, user, *, seen_updated_at: str):
    """Save a year cell holding the person's new values; raise ConflictError with the other
    person's changes if it moved on since `seen_updated_at`, YearClosedError if the year was
    closed."""
    current = ActivityYear.objects.select_for_update().get(pk=activity_year.pk)
    if is_year_closed(current.activity.section.program_id, current.year):
        raise YearClosedError
    seen = parse_datetime(seen_updated_at or "")
    if seen != current.updated_at:
        seen_record = current.history.filter(updated_at=seen).first() if seen else None
        raise ConflictError(_changes_since(current.history, seen_record))
    activity_year.updated_by = user
    activity_year.save()
    carry_into_target(activity_year, previous_target=current.carried_to_year, user=user)
    return activity_year


def carry_into_target(source: ActivityYear, *, previous_target: int | None, user):
    """Mark the target year's cell as carried in from the source year; a changed or undone
    carry-over releases the cell it pointed to before. Each change is a history record."""
    if previous_target == source.carried_to_year:
        return
    if previous_target is not None:
        released = ActivityYear.objects.filter(
            activity_id=source.activity_id, year=previous_target, carried_from_year=source.year
        ).first()
        if released is not None:
            released.carried_from_year = None
            released.updated_by = user
            released.save()
    if source.carried_to_year is not None:
        target, _ = ActivityYear.objects.get_or_create(
            activity_id=source.activity_id, year=source.carried_to_year
        )
        target.carried_from_year = source.year
        target.updated_by = user
        target.save()


def set_executors(activity, parties):
    """Link the chosen parties: those already linked keep their order, new ones come after."""
    chosen = {party.pk for party in parties}
    links = list(activity.executor_links.order_by("position"))
    for link in links:
        if link.party_id not in chosen:
            link.delete()
    kept = [link.party_id for link in links if link.party_id in chosen]
    for position, party_id in enumerate(kept + sorted(chosen - set(kept))):
        ActivityExecutor.objects.update_or_create(
            activity=activity, party_id=party_id, defaults={"position": position}
        )


def _lock_current(model, pk, seen_version: int, gone: str):
    """The row as it stands, locked; ConflictError with the other person's changes if it moved
    on since the version the person saw, 404 if someone deleted it meanwhile."""
    current = model.objects.select_for_update().filter(pk=pk).first()
    if current is None:
        raise Http404(gone)
    if seen_version != current.version:
        seen_record = current.history.filter(version=seen_version).first()
        raise ConflictError(_changes_since(current.history, seen_record))
    return current


@transaction.atomic
@owed_refreshed_at_end()
def save_activity(
    activity: Activity, *, seen_version: int, schools, executors, plans: dict[int, str]
) -> Activity:
    """Save an activity holding the person's new values, with its schools and executors (and,
    when new, the plan of each year); refuse a save based on an older version."""
    if activity.pk is None:
        activity.position = _next_position(activity.section)
        activity.save()
        _create_years(activity, plans)
    else:
        gone = "Мероприятие уже удалено другим пользователем: изменения не сохранены."
        current = _lock_current(Activity, activity.pk, seen_version, gone)
        activity.version = current.version + 1
        activity.save()
    activity.schools.set(schools)
    set_executors(activity, executors)
    return activity


def create_section(program: Program, *, number: str, title: str) -> Section:
    return Section.objects.create(
        program=program, number=number, title=title, position=_next_section_position(program)
    )


@transaction.atomic
def edit_section(section: Section, *, number: str, title: str, seen_version: int) -> Section:
    """Rename a section; refuse a save based on an older version, as an activity's edit does."""
    gone = "Раздел уже удалён другим пользователем: изменения не сохранены."
    current = _lock_current(Section, section.pk, seen_version, gone)
    current.number, current.title, current.version = number, title, current.version + 1
    current.save()
    return current


def _next_position(section):
    last = section.activities.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _create_years(activity, plans: dict[int, str]):
    for program_year in activity.section.program.years:
        ActivityYear.objects.get_or_create(
            activity=activity,
            year=program_year.year,
            defaults={"planned_text": plans.get(program_year.year, "")},
        )


@transaction.atomic
def move_in_order(item, siblings, offset: int):
    """Swap an activity or section with its neighbour above (-1) or below (+1)."""
    siblings = list(siblings.order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


def _next_section_position(program):
    last = program.sections.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
@owed_refreshed_at_end()
def save_program(program: Program, *, target_schools) -> Program:
    """Save a program holding the person's new values; a changed period gets year cells for its
    new years.

    Years dropped from the period lose their cells only when nothing was planned or marked in
    them; otherwise the change is refused, so no execution data disappears silently.
    """
    years = {program_year.year for program_year in program.years}
    if program.pk:
        outside = ActivityYear.objects.filter(activity__section__program=program).exclude(
            year__in=years
        )
        kept = outside.exclude(planned_text="", status=ExecutionStatus.NOT_STARTED)
        held = set(kept.values_list("year", flat=True)) | _years_with_school_reports(
            program, outside_of=years
        )
        if held:
            raise PeriodShrinkError(sorted(held))
        outside.delete()
    program.save()
    program.target_schools.set(target_schools)
    for activity in Activity.objects.filter(section__program=program).prefetch_related("years"):
        present = {activity_year.year for activity_year in activity.years.all()}
        ActivityYear.objects.bulk_create(
            ActivityYear(activity=activity, year=year) for year in sorted(years - present)
        )
    # The new year cells went in without signals.
    owed_changed(program_ids=[program.pk])
    return program


def _years_with_school_reports(program, *, outside_of) -> set[int]:
    """Years outside the period in which schools have reported: dropping them would orphan
    the reports (and their review would fail)."""
    reports = SchoolReport.objects.filter(activity__section__program=program)
    return set(reports.exclude(year__in=outside_of).values_list("year", flat=True))


class PeriodShrinkError(Exception):
    """The new period would drop years that hold plans, execution marks or school reports."""


# --- Deleting under the closed-year lock ------------------------------------------------------


class DeleteRefusedError(Exception):
    """Deleting would remove plans, marks or reports of a closed year; args[0] says why."""


def refuse_closed_year_data(program, activities, what: str, whose: str):
    """Raise DeleteRefusedError if the activities hold anything in a year the coordinator closed.

    Closing a year locks its execution marks and reports; deleting the activity would remove
    them just as surely as editing would. Cells with nothing planned or marked lose nothing.
    The closed years are read with a lock: none can be reopened while this delete decides.
    """
    closed = list(
        YearClosure.objects.select_for_update()
        .filter(program=program, is_closed=True)
        .values_list("year", flat=True)
    )
    if not closed:
        return
    cells = ActivityYear.objects.filter(activity__in=activities, year__in=closed).exclude(
        planned_text="", status=ExecutionStatus.NOT_STARTED, actual_value=None, comment=""
    )
    reports = SchoolReport.objects.filter(activity__in=activities, year__in=closed)
    years = set(cells.values_list("year", flat=True)) | set(reports.values_list("year", flat=True))
    if years:
        labels = {program_year.year: program_year.label for program_year in program.years}
        named = ", ".join(labels.get(year, str(year)) for year in sorted(years))
        raise DeleteRefusedError(
            f"Нельзя удалить {what}: в закрытых координатором годах программы ({named}) "
            f"есть план, исполнение или отчёты школ {whose}. Чтобы удалить, координатор "
            "должен открыть год, указав причину."
        )


@transaction.atomic
@owed_refreshed_at_end()  # once, not after each report and cell deleted with it
def delete_activity(activity) -> None:
    """Delete an activity with its year cells, unless a closed year holds its data.

    The activity's row lock is taken first, as an edit does: otherwise the deletion would lock
    the executor and school links before the activity while an edit holds the activity and
    waits for the links (a deadlock)."""
    locked = Activity.objects.select_for_update().filter(pk=activity.pk).first()
    if locked is None:
        return
    refuse_closed_year_data(locked.section.program, [locked], "мероприятие", "по нему")
    locked.delete()


@transaction.atomic
@owed_refreshed_at_end()  # once, not after each report and cell deleted with it
def delete_section(section) -> None:
    """Delete a section with its activities, unless a closed year holds their data."""
    refuse_closed_year_data(
        section.program, section.activities.all(), "раздел", "по его мероприятиям"
    )
    section.delete()


@transaction.atomic
def renumber_section(section) -> bool:
    """Number the section's activities in the order of their rows; False if nothing to do."""
    activities = list(section.activities.select_for_update().order_by("position", "id"))
    numbers = renumbered([activity.number for activity in activities])
    if numbers is None:
        return False
    for activity, number in zip(activities, numbers, strict=True):
        if activity.number != number:
            activity.number = number
            activity.version += 1  # a form opened before the renumbering is refused
            activity.save(update_fields=["number", "version"])
    return True
