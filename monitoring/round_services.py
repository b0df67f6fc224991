"""Opening a reporting round: the round and its expected reports in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from monitoring.models import ExpectedReport, ReportingRound
from programs.schedule import annotate_schedule


def _due_activities(activities, year: int, program) -> set[int]:
    """Ids of the activities planned for the year: a school reports only on those."""
    due = set()
    for activity in activities.prefetch_related("years"):
        cells = list(activity.years.all())
        annotate_schedule(
            activity, cells, school_year=program.school_year, today=timezone.localdate()
        )
        if any(cell.year == year and cell.is_due for cell in cells):
            due.add(activity.pk)
    return due


@transaction.atomic
def open_round(form, user) -> ReportingRound:
    """Save the round and one ExpectedReport per school taking part in each chosen activity that
    is planned for the year; a round that would expect nothing is refused, nothing is saved."""
    program = form.program
    round_ = form.save(commit=False)
    round_.program = program
    round_.opened_by = user
    activities = form.cleaned_data["activities"]
    chosen_schools = {school.pk for school in form.cleaned_data["schools"]}
    due = _due_activities(activities, round_.year, program)
    pairs = [
        (school_id, activity_id)
        for activity_id, school_id in activities.model.schools.through.objects.filter(
            activity__in=activities
        ).values_list("activity_id", "school_id")
        if school_id in chosen_schools and activity_id in due
    ]
    if not pairs:
        raise ValidationError(
            "Ни одна из выбранных школ не участвует в выбранных мероприятиях, запланированных на "
            "этот год: раунду нечего ожидать. Проверьте мероприятия, школы и год."
        )
    round_.save()
    form.save_m2m()
    ExpectedReport.objects.bulk_create(
        ExpectedReport(round=round_, school_id=school_id, activity_id=activity_id)
        for school_id, activity_id in sorted(pairs)
    )
    return round_
