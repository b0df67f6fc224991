"""Writes of the results app: indicator values keep who changed them (history records it)."""

from django.db import transaction
from django.utils import timezone

from programs.editing import move_in_order
from results.importing import ResultLine, SchoolRef
from results.models import (
    AssessmentResult,
    Indicator,
    IndicatorYear,
    ListDecision,
    ListEntry,
    SchoolIndicatorValue,
)
from schools.models import SchoolStatus


@transaction.atomic
def save_indicator(form) -> Indicator:
    indicator = form.save(commit=False)
    if indicator.pk is None:
        last = indicator.program.indicators.order_by("-position").first()
        indicator.position = 0 if last is None else last.position + 1
    indicator.save()
    form.save_m2m()
    return indicator


def move_indicator(indicator: Indicator, offset: int):
    move_in_order(indicator, indicator.program.indicators.all(), offset)


def year_record(indicator: Indicator, year: int) -> IndicatorYear:
    """The year's record, unsaved when nothing was entered for the year yet."""
    return indicator.years.filter(year=year).first() or IndicatorYear(
        indicator=indicator, year=year
    )


def school_record(indicator: Indicator, school_id: int, year: int) -> SchoolIndicatorValue:
    found = indicator.school_values.filter(school_id=school_id, year=year).first()
    return found or SchoolIndicatorValue(indicator=indicator, school_id=school_id, year=year)


@transaction.atomic
def save_value(form, user):
    """Save a year or school value with its author."""
    record = form.save(commit=False)
    record.updated_by = user
    record.save()
    return record


def school_refs(schools) -> list[SchoolRef]:
    """The schools a results file is matched against, as plain values for the parser."""
    return [
        SchoolRef(pk, name, code) for pk, name, code in schools.values_list("pk", "name", "code")
    ]


@transaction.atomic
def save_results(lines: list[ResultLine], user=None) -> tuple[int, int]:
    """Save parsed results in one transaction: a row already stored for the same school, year,
    assessment, subject and grade is replaced. Returns (added, replaced)."""
    existing = set(
        AssessmentResult.objects.filter(
            school__in={line.school_id for line in lines}, year__in={line.year for line in lines}
        ).values_list("school_id", "year", "assessment", "subject", "grade")
    )
    keys = {(li.school_id, li.year, li.assessment, li.subject, li.grade) for li in lines}
    now = timezone.now()
    AssessmentResult.objects.bulk_create(
        [
            AssessmentResult(
                school_id=line.school_id,
                year=line.year,
                assessment=line.assessment,
                subject=line.subject,
                grade=line.grade,
                participants=line.participants,
                share_low=line.share_low,
                share_good=line.share_good,
                mean_score=line.mean_score,
                imported_by=user,
                imported_at=now,
            )
            for line in lines
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["school", "year", "assessment", "subject", "grade"],
        update_fields=[
            "participants",
            "share_low",
            "share_good",
            "mean_score",
            "imported_by",
            "imported_at",
        ],
    )
    replaced = len(keys & existing)
    return len(keys) - replaced, replaced


@transaction.atomic
def record_decision(decision: ListDecision, entries: list[ListEntry]) -> ListDecision:
    """Save a list decision and set the schools' statuses for its year from it.

    A status changes only here: entering sets the groups and cohort, leaving clears them; the
    status's «основание» names the decision and the reason.
    """
    decision.save()
    for entry in entries:
        entry.decision = decision
        entry.save()
        entering = entry.action == ListEntry.Action.ENTER
        SchoolStatus.objects.update_or_create(
            school_id=entry.school_id,
            year=decision.year,
            defaults={
                "is_shnor": entering and entry.is_shnor,
                "is_shnsu": entering and entry.is_shnsu,
                "cohort": entry.cohort if entering else "",
                "source": f"{decision}: {entry.reason}"[:500],
            },
        )
    return decision
