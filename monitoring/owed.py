"""The reports owed and not handed in, stored (models.OwedReport) for the «Не сданы» tab: the
rows of the activities, programs or schools a write touched are recomputed in the write's
transaction, from one SQL join of school links × year cells × schedule periods; with them the
counts of their programs per year, period and due date (models.OwedCount) the tab sums.

Writes that go through save() or delete() are followed by the signal receivers below; services
that write with bulk operations say what they touched (`owed_changed`) and wrap themselves in
`owed_refreshed_at_end()`, which also makes a loop of saves recompute once instead of per row.
A nightly sweep (`rebuild_owed`, manage.py rebuild_owed_reports) repairs anything missed.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from monitoring.models import (
    HANDED_IN_STATUSES,
    OwedCount,
    OwedReport,
    SchedulePeriod,
    SchoolReport,
    YearClosure,
)
from monitoring.schedule_periods import fill_schedule_periods
from monitoring.slots import REPORTING_PROGRAM_STATUSES
from programs.models import Activity, ActivityYear, Program, Section
from schools.models import School


@dataclass
class _Touched:
    """What writes changed, by the columns the stored rows are found by."""

    activity_ids: set = field(default_factory=set)
    program_ids: set = field(default_factory=set)
    school_ids: set = field(default_factory=set)

    def add(self, activity_ids=(), program_ids=(), school_ids=()):
        self.activity_ids.update(activity_ids)
        self.program_ids.update(program_ids)
        self.school_ids.update(school_ids)


_touched_in_block: ContextVar[_Touched | None] = ContextVar("owed_touched", default=None)


@contextmanager
def owed_refreshed_at_end():
    """Inside: writes note what they touched; on leaving (in the same transaction, when nothing
    was raised) the rows are recomputed once. Nested blocks leave it to the outermost."""
    if _touched_in_block.get() is not None:
        yield
        return
    touched = _Touched()
    token = _touched_in_block.set(touched)
    try:
        yield
    finally:
        _touched_in_block.reset(token)
    refresh_owed(
        activity_ids=touched.activity_ids,
        program_ids=touched.program_ids,
        school_ids=touched.school_ids,
    )


def owed_changed(*, activity_ids=(), program_ids=(), school_ids=()) -> None:
    """What a write touched: recomputed now, or at the end of an `owed_refreshed_at_end` block."""
    touched = _touched_in_block.get()
    if touched is not None:
        touched.add(activity_ids, program_ids, school_ids)
    else:
        refresh_owed(activity_ids=activity_ids, program_ids=program_ids, school_ids=school_ids)


def refresh_owed(*, activity_ids=(), program_ids=(), school_ids=()) -> None:
    """Recompute the stored rows of the activities, of the programs and of the schools given."""
    scope = {
        "activity": sorted(activity_ids),
        "program": sorted(program_ids),
        "school": sorted(school_ids),
    }
    if any(scope.values()):
        _recompute(scope)


def rebuild_owed() -> int:
    """Recompute every stored row and every program's counts; returns how many rows there are."""
    _recompute(None)
    return OwedReport.objects.count()


@transaction.atomic  # readers never see the rows deleted and not yet stored again
def _recompute(scope: dict | None) -> None:
    """The rows of the scope (all of them if None) stored again, then the counts of the programs
    whose rows were deleted or stored (OwedCount)."""
    stored = OwedReport.objects.all()
    cells = ActivityYear.objects.filter(
        activity__section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    where, params = [], []
    if scope is not None:
        stored = stored.filter(
            Q(activity_id__in=scope["activity"])
            | Q(program_id__in=scope["program"])
            | Q(school_id__in=scope["school"])
        )
        cells = cells.filter(
            Q(activity_id__in=scope["activity"])
            | Q(activity__section__program_id__in=scope["program"])
            | Q(activity__schools__in=scope["school"])
        )
        for column, ids in (
            ("a.id", scope["activity"]),
            ("s.program_id", scope["program"]),
            ("link.school_id", scope["school"]),
        ):
            if ids:
                where.append(f"{column} IN ({sql_placeholders(ids)})")
                params += ids
    # The programs the rows were in: an activity moved to another section leaves its old one.
    programs = None if scope is None else set(_program_ids(stored))
    stored.delete()
    fill_schedule_periods(cells)
    sql, join_params = _owed_slots(f"({' OR '.join(where)})" if where else "1 = 1", params)
    columns = (
        "program_id, school_id, activity_id, activity_year_id, year, period_start, period_end, "
        "due, periods_in_year, school_label"
    )
    with connection.cursor() as cursor:
        # A concurrent recomputation of the same rows may have stored them first: the same rows.
        cursor.execute(
            f"INSERT INTO {sql_table(OwedReport)} ({columns}) "
            "SELECT p.id, link.school_id, a.id, y.id, y.year, d.period_start, d.period_end, "
            "d.due, d.periods_in_year, COALESCE(NULLIF(school.short_name, ''), school.name) "
            f"{sql} ON CONFLICT DO NOTHING",
            join_params,
        )
    if programs is not None:
        programs.update(_program_ids(stored))
    _count_owed(programs)


def _program_ids(stored) -> list[int]:
    return list(stored.values_list("program_id", flat=True).distinct())


def _count_owed(program_ids: set | None) -> None:
    """The counts of the programs given (of all if None) computed again from their rows."""
    counts, where, params = OwedCount.objects.all(), "1 = 1", []
    if program_ids is not None:
        if not program_ids:
            return
        params = sorted(program_ids)
        counts = counts.filter(program_id__in=params)
        where = f"program_id IN ({sql_placeholders(params)})"
    counts.delete()
    key = "program_id, year, period_end, due"
    with connection.cursor() as cursor:
        # A concurrent recomputation of the same program may have stored its counts after this
        # one's deletion: the counts read now, which include its rows, replace them.
        cursor.execute(
            f"INSERT INTO {sql_table(OwedCount)} ({key}, count) "
            f"SELECT {key}, COUNT(*) FROM {sql_table(OwedReport)} WHERE {where} GROUP BY {key} "
            f"ON CONFLICT ({key}) DO UPDATE SET count = EXCLUDED.count",
            params,
        )


def _owed_slots(where: str, params: list) -> tuple[str, list]:
    """FROM and WHERE of the slots owed and not handed in, in open years of programs whose
    schools report, narrowed by `where` (over link, a, s, p, y, d, school). The periods of each
    year cell come from the schedule-period cache (monitoring/schedule_periods.py), on the same
    key as schedule_periods.with_schedule_key."""
    sql = f"""
        FROM {sql_table(Activity.schools.through)} link
        JOIN {sql_table(Activity)} a ON a.id = link.activity_id
        JOIN {sql_table(Section)} s ON s.id = a.section_id
        JOIN {sql_table(Program)} p ON p.id = s.program_id
        JOIN {sql_table(ActivityYear)} y ON y.activity_id = a.id
        JOIN {sql_table(SchedulePeriod)} d
          ON d.year = y.year
         AND d.planned_text = y.planned_text
         AND d.school_year = p.school_year
         AND d.carried_in = (y.carried_from_year IS NOT NULL)
         AND d.deadline = a.deadline
         AND d.has_cells = CASE WHEN y.planned_text <> '' THEN TRUE ELSE EXISTS (
             SELECT 1 FROM {sql_table(ActivityYear)} planned
             WHERE planned.activity_id = a.id AND planned.planned_text <> ''
         ) END
        JOIN {sql_table(School)} school ON school.id = link.school_id
        WHERE d.due IS NOT NULL AND {where}
          AND p.status IN ({sql_placeholders(REPORTING_PROGRAM_STATUSES)})
          AND NOT EXISTS (
              SELECT 1 FROM {sql_table(YearClosure)} closure
              WHERE closure.program_id = p.id AND closure.year = y.year AND closure.is_closed
          )
          AND NOT EXISTS (
              SELECT 1 FROM {sql_table(SchoolReport)} report
              WHERE report.school_id = link.school_id AND report.activity_id = a.id
                AND report.year = y.year AND report.period_end = d.period_end
                AND report.status IN ({sql_placeholders(HANDED_IN_STATUSES)})
          )
    """
    return sql, [*params, *REPORTING_PROGRAM_STATUSES, *sorted(HANDED_IN_STATUSES)]


def sql_placeholders(values) -> str:
    """As many parameter placeholders as values, for raw SQL (here and monitoring/queue.py)."""
    return ", ".join(["%s"] * len(values))


def sql_table(model) -> str:
    """The model's table, quoted for raw SQL."""
    return connection.ops.quote_name(model._meta.db_table)


# --- Writes through save() and delete() ------------------------------------------------------


def _concerns(update_fields, fields: set) -> bool:
    """A save of the whole row, or of one of the fields what is owed depends on."""
    return update_fields is None or bool(fields & set(update_fields))


@receiver(post_save, sender=Activity)
def _activity_saved(sender, instance, update_fields=None, **kwargs):
    if _concerns(update_fields, {"deadline", "section"}):
        owed_changed(activity_ids=[instance.pk])


@receiver(post_save, sender=ActivityYear)
def _year_cell_saved(sender, instance, update_fields=None, **kwargs):
    if _concerns(update_fields, {"planned_text", "carried_from_year", "year", "activity"}):
        owed_changed(activity_ids=[instance.activity_id])


@receiver(post_save, sender=SchoolReport)
def _report_saved(sender, instance, update_fields=None, **kwargs):
    if _concerns(update_fields, {"status", "school", "activity", "year", "period_end"}):
        owed_changed(activity_ids=[instance.activity_id])


@receiver(post_save, sender=Program)
def _program_saved(sender, instance, update_fields=None, **kwargs):
    if _concerns(update_fields, {"status", "school_year", "start_year", "end_year"}):
        owed_changed(program_ids=[instance.pk])


@receiver(post_save, sender=YearClosure)
def _closure_saved(sender, instance, **kwargs):
    owed_changed(program_ids=[instance.program_id])


@receiver(post_save, sender=School)
def _school_saved(sender, instance, update_fields=None, **kwargs):
    if _concerns(update_fields, {"name", "short_name"}):
        owed_changed(school_ids=[instance.pk])


@receiver(post_delete, sender=Activity)
@receiver(post_delete, sender=ActivityYear)
@receiver(post_delete, sender=SchoolReport)
def _activity_data_deleted(sender, instance, **kwargs):
    owed_changed(activity_ids=[instance.pk if sender is Activity else instance.activity_id])


@receiver(post_delete, sender=Program)
@receiver(post_delete, sender=YearClosure)
def _program_data_deleted(sender, instance, **kwargs):
    owed_changed(program_ids=[instance.pk if sender is Program else instance.program_id])


@receiver(post_delete, sender=School)
def _school_deleted(sender, instance, **kwargs):
    owed_changed(school_ids=[instance.pk])


@receiver(m2m_changed, sender=Activity.schools.through)
def _activity_schools_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        owed_changed(activity_ids=[instance.pk])
    elif pk_set:
        owed_changed(activity_ids=pk_set)
    else:  # a school's activities cleared: which ones is no longer known
        owed_changed(school_ids=[instance.pk])
