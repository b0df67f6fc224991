"""Reads across reports, activities, schools and periods, each in a fixed number of queries.

The unit of most pages is the *slot*: one report a school owes, i.e. a school the activity
involves × a reporting period of a year in which the activity is due, with the report filed for
it (or none).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils import timezone

from accounts import access
from accounts.models import Membership, Role
from monitoring.locks import closed_years, is_year_closed
from monitoring.models import (
    HANDED_IN_STATUSES,
    NOT_SUBMITTED_ICON,
    NOT_SUBMITTED_LABEL,
    REPORT_ICONS,
    EvidenceFile,
    ReportReview,
    ReportStatus,
    SchoolReport,
)
from monitoring.periods import ReportPeriod, find_period, report_periods
from monitoring.rounds import round_digest_lines
from people.digest import responsible_digest_lines
from programs.models import Activity, ActivityYear, Program
from programs.schedule import annotate_schedule
from programs.selectors import grouped
from reports.data import SchoolReportLine, SchoolSection
from schools.models import School

# Programs whose schools report: a draft is not approved yet, an archived one is history.
REPORTING_PROGRAM_STATUSES = (Program.Status.APPROVED, Program.Status.COMPLETED)
# Reports that settle what the school owes for a period (a returned one does not).
SETTLED_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})


def activity_label(activity) -> str:
    return " ".join(part for part in (activity.number, activity.title) if part)


class _InActivityYear:
    """A place in an activity's year: its program and year, for pages and messages."""

    @property
    def program(self):
        return self.activity.section.program

    @property
    def year(self):
        return self.activity_year.year


@dataclass
class Slot(_InActivityYear):
    """One report a school owes: school × activity × reporting period, and the report filed."""

    school: School
    activity: Activity
    activity_year: ActivityYear
    period: ReportPeriod
    periods_in_year: int
    report: SchoolReport | None
    is_closed: bool
    today: date

    @property
    def handed_in(self) -> bool:
        return self.report is not None and self.report.status in HANDED_IN_STATUSES

    @property
    def reviewer_status(self) -> str | None:
        """The report's state as coordinators see it: a draft is not handed in yet."""
        return self.report.status if self.handed_in else None

    @property
    def reviewer_label(self) -> str:
        status = self.reviewer_status
        return ReportStatus(status).label if status else NOT_SUBMITTED_LABEL

    @property
    def line_label(self) -> str:
        """The activity, with the period when the activity is reported more than once a year."""
        label = activity_label(self.activity)
        return f"{label} ({self.period.label})" if self.periods_in_year > 1 else label

    @property
    def is_overdue(self) -> bool:
        settled = self.report is not None and self.report.status in SETTLED_STATUSES
        return not (self.is_closed or settled) and self.period.is_overdue(self.today)

    @property
    def is_returned(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.RETURNED

    @property
    def latest_review(self):
        """The coordinator's last decision (needs the reviews prefetched, newest first)."""
        if self.report is None:
            return None
        return next(iter(self.report.reviews.all()), None)

    def is_due_within(self, days: int) -> bool:
        due = self.period.due
        return (
            not (self.is_closed or self.handed_in)
            and due is not None
            and self.today <= due <= self.today + timedelta(days=days)
        )


def report_slots(activities, *, school_ids=None, years=None, today, reports=None) -> list[Slot]:
    """Every report owed for the activities (a queryset) by the schools they involve.

    `school_ids` narrows the schools (None: all involved), `years` the program years; `reports`
    is the queryset the filed reports are read from (to prefetch what a page shows).
    """
    links = Activity.schools.through.objects.filter(activity__in=activities)
    if school_ids is not None:
        links = links.filter(school_id__in=school_ids)
    schools_of = defaultdict(list)
    for activity_id, school_id in links.values_list("activity_id", "school_id"):
        schools_of[activity_id].append(school_id)
    activity_ids = list(schools_of)
    if not activity_ids:
        return []
    activity_list = Activity.objects.filter(pk__in=activity_ids).select_related(
        "section__program__municipality"
    )
    schools = School.objects.in_bulk({pk for pks in schools_of.values() for pk in pks})
    years_of = grouped(
        ActivityYear.objects.filter(activity_id__in=activity_ids).order_by("year"),
        lambda row: row.activity_id,
    )
    filed = (reports if reports is not None else SchoolReport.objects.all()).filter(
        activity_id__in=activity_ids, school_id__in=list(schools)
    )
    if years is not None:
        filed = filed.filter(year__in=years)
    by_key = {(r.school_id, r.activity_id, r.year, r.period_end): r for r in filed}
    activity_list = list(activity_list)
    closed = closed_years({activity.section.program_id for activity in activity_list})
    slots = []
    for activity in activity_list:
        program = activity.section.program
        cells = years_of[activity.pk]
        annotate_schedule(activity, cells, school_year=program.school_year, today=today)
        for cell in cells:
            if not cell.is_due or (years is not None and cell.year not in years):
                continue
            periods = report_periods(cell.due, cell.year, school_year=program.school_year)
            for period in periods:
                for school_id in schools_of[activity.pk]:
                    slots.append(
                        Slot(
                            school=schools[school_id],
                            activity=activity,
                            activity_year=cell,
                            period=period,
                            periods_in_year=len(periods),
                            report=by_key.get((school_id, activity.pk, cell.year, period.end)),
                            is_closed=(program.pk, cell.year) in closed,
                            today=today,
                        )
                    )
    return slots


def _roadmap_order(slot: Slot):
    activity = slot.activity
    return (activity.section.position, activity.position, activity.pk, slot.period.end)


# --- The school head's page ---------------------------------------------------------------


@dataclass
class YearWork:
    label: str
    is_closed: bool
    slots: list[Slot]


@dataclass
class ProgramWork:
    program: Program
    years: list[YearWork]


@dataclass
class SchoolWork:
    school: School
    programs: list[ProgramWork]
    overdue: int = 0
    returned: int = 0


@dataclass
class WorkloadYear:
    year: int
    returned: int  # reports sent back for rework: the tab says so while another year is shown


def workload_years(schools) -> list[WorkloadYear]:
    """The program years in which the schools' activities are planned, oldest first."""
    years = ActivityYear.objects.filter(
        activity__schools__in=schools,
        activity__section__program__status__in=REPORTING_PROGRAM_STATUSES,
    ).values_list("year", flat=True)
    returned = dict(
        SchoolReport.objects.filter(school__in=schools, status=ReportStatus.RETURNED)
        .values("year")
        .annotate(count=Count("id"))
        .values_list("year", "count")
    )
    return [WorkloadYear(year, returned.get(year, 0)) for year in sorted(set(years))]


def year_under_way(years: list[int], today: date) -> int | None:
    """Of the years, the one a head works in today: this calendar year, else the last one
    passed (programs over), else the first (none started yet)."""
    passed = [year for year in years if year <= today.year]
    return passed[-1] if passed else next(iter(years), None)


def school_workload(schools, today: date, years=None) -> list[SchoolWork]:
    """For each school: its programs, their years (`years`, if given) and the reports it owes."""
    school_ids = {school.pk for school in schools}
    activities = Activity.objects.filter(
        schools__in=school_ids, section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    with_reviews = SchoolReport.objects.prefetch_related(
        Prefetch("reviews", queryset=ReportReview.objects.order_by("-created_at", "-id"))
    ).annotate(file_count=Count("files"))
    slots = report_slots(
        activities, school_ids=school_ids, years=years, today=today, reports=with_reviews
    )
    by_school = grouped(slots, lambda slot: slot.school.pk)
    work = []
    for school in sorted(schools, key=lambda school: str(school)):
        school_slots = sorted(
            by_school[school.pk],
            key=lambda slot: (
                slot.program.title,
                slot.program.pk,
                slot.year,
                *_roadmap_order(slot),
            ),
        )
        programs = []
        for _key, program_slots in groupby(school_slots, key=lambda slot: slot.program.pk):
            program_slots = list(program_slots)
            program = program_slots[0].program
            labels = {py.year: py.label for py in program.years}
            years = [
                YearWork(labels.get(year, str(year)), year_slots[0].is_closed, year_slots)
                for year, year_slots in (
                    (year, list(group))
                    for year, group in groupby(program_slots, key=lambda slot: slot.year)
                )
            ]
            programs.append(ProgramWork(program, years))
        work.append(
            SchoolWork(
                school,
                programs,
                overdue=sum(slot.is_overdue for slot in school_slots),
                returned=sum(slot.is_returned for slot in school_slots),
            )
        )
    return work


# --- The coordinator's review queue -------------------------------------------------------

QUEUE_TABS = {
    "submitted": ("Ждут проверки", ReportStatus.SUBMITTED),
    "returned": ("Возвращены", ReportStatus.RETURNED),
    "accepted": ("Приняты", ReportStatus.ACCEPTED),
    "missing": ("Не сданы", None),
}


@dataclass(frozen=True)
class QueueFilter:
    """What a coordinator narrowed the queue to; empty values mean no narrowing."""

    program_id: int | None = None
    school_id: int | None = None
    activity_id: int | None = None
    year: int | None = None
    period_end: date | None = None

    def apply(self, reports):
        lookups = {
            "activity__section__program_id": self.program_id,
            "school_id": self.school_id,
            "activity_id": self.activity_id,
            "year": self.year,
            "period_end": self.period_end,
        }
        return reports.filter(**{key: value for key, value in lookups.items() if value})

    def keeps(self, slot: Slot) -> bool:
        return (
            self.school_id in (None, slot.school.pk)
            and self.year in (None, slot.year)
            and self.period_end in (None, slot.period.end)
        )


def queue_reports(user, status: str, queue_filter: QueueFilter):
    """Handed-in reports in one state, in the user's scope; the longest waiting first."""
    reports = queue_filter.apply(
        access.visible_school_reports(user).filter(
            status=status, activity__section__program__status__in=REPORTING_PROGRAM_STATUSES
        )
    )
    order = ["submitted_at", "id"] if status == ReportStatus.SUBMITTED else ["-updated_at", "-id"]
    return (
        reports.select_related("school", "activity__section__program__municipality")
        .annotate(file_count=Count("files"))
        .order_by(*order)
    )


def _programs_read_as_staff(user):
    """Programs of the municipalities the user reads whole (as staff or regional observer)."""
    return access.visible_programs(user).filter(
        municipality__in=access.visible_municipalities(user).values("pk"),
        status__in=REPORTING_PROGRAM_STATUSES,
    )


def missing_reports(user, queue_filter: QueueFilter, today: date) -> list[Slot]:
    """Reports owed whose due date has passed and that nobody handed in, in open years."""
    programs = _programs_read_as_staff(user).select_related("municipality")
    if queue_filter.program_id:
        programs = programs.filter(pk=queue_filter.program_id)
    limits = {program.pk: access.school_report_schools(user, program) for program in programs}
    activities = Activity.objects.filter(section__program__in=list(limits))
    if queue_filter.activity_id:
        activities = activities.filter(pk=queue_filter.activity_id)
    school_ids = {queue_filter.school_id} if queue_filter.school_id else None
    years = {queue_filter.year} if queue_filter.year else None
    slots = report_slots(activities, school_ids=school_ids, years=years, today=today)
    missing = [
        slot
        for slot in slots
        if not slot.handed_in
        and slot.is_overdue
        and queue_filter.keeps(slot)
        and (limits[slot.program.pk] is None or slot.school.pk in limits[slot.program.pk])
    ]
    return sorted(missing, key=lambda slot: (slot.period.due, str(slot.school), slot.activity.pk))


@dataclass
class QueueChoices:
    programs: list
    schools: list
    activities: list
    periods: list[tuple[str, str]]  # (period key, label)


def queue_choices(user, queue_filter: QueueFilter) -> QueueChoices:
    """The values the queue's filters offer: activities once a program is chosen."""
    programs = _programs_read_as_staff(user).order_by("title")
    schools = access.visible_schools(user).filter(activities__section__program__in=programs)
    activities = []
    periods = []
    if queue_filter.program_id:
        activities = Activity.objects.filter(section__program_id=queue_filter.program_id).order_by(
            "section__position", "position", "id"
        )
        reports = QueueFilter(queue_filter.program_id, year=queue_filter.year).apply(
            access.visible_school_reports(user)
        )
        periods = [
            (end.isoformat(), ReportPeriod(start, end, end).label)
            for start, end in reports.values_list("period_start", "period_end")
            .distinct()
            .order_by("period_end", "period_start")
        ]
    return QueueChoices(
        programs=list(programs),
        schools=list(schools.distinct().order_by("name")),
        activities=list(activities),
        periods=list(dict(periods).items()),
    )


# --- School × activity matrix -------------------------------------------------------------


STATE_CSS = {
    ReportStatus.ACCEPTED: "status-done",
    ReportStatus.SUBMITTED: "status-in_progress",
    ReportStatus.RETURNED: "status-not_done",
}


@dataclass
class MatrixCell:
    slots: list[Slot]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(icon, label, count) per state, accepted first; only the states present."""
        order = [ReportStatus.ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, None]
        found = defaultdict(int)
        for slot in self.slots:
            found[slot.reviewer_status] += 1
        return [
            (
                REPORT_ICONS[status] if status else NOT_SUBMITTED_ICON,
                ReportStatus(status).label if status else NOT_SUBMITTED_LABEL,
                found[status],
            )
            for status in order
            if found[status]
        ]

    @property
    def label(self) -> str:
        if len(self.slots) == 1:
            return self.slots[0].reviewer_label
        return ", ".join(f"{label}: {count}" for _icon, label, count in self.counts)

    @property
    def link(self) -> int | None:
        """The report to open from a cell of one period, when one was handed in."""
        if len(self.slots) == 1 and self.slots[0].handed_in:
            return self.slots[0].report.pk
        return None

    @property
    def css_class(self) -> str:
        """The roadmap's status colours: accepted as done, on review in progress, returned bad."""
        statuses = {slot.reviewer_status for slot in self.slots}
        if len(statuses) > 1:
            return "status-partly_done"
        return STATE_CSS.get(statuses.pop(), "status-not_started")


@dataclass
class MatrixRow:
    school: School
    cells: list[MatrixCell | None]  # one per activity column; None: not involved


@dataclass
class ReportMatrix:
    program: Program
    year: int
    activities: list[Activity]
    rows: list[MatrixRow]
    is_closed: bool
    waiting: int = 0  # reports on review: a year with any cannot be closed


def report_matrix(user, program: Program, year: int, today: date) -> ReportMatrix:
    """Who reported what: the program's schools × the activities due in the year."""
    limit = access.school_report_schools(user, program)
    activities = Activity.objects.filter(section__program=program)
    slots = report_slots(activities, school_ids=limit, years={year}, today=today)
    slots.sort(key=_roadmap_order)
    columns = list({slot.activity.pk: slot.activity for slot in slots}.values())
    by_cell = grouped(slots, lambda slot: (slot.school.pk, slot.activity.pk))
    schools = sorted({slot.school.pk: slot.school for slot in slots}.values(), key=str)
    rows = [
        MatrixRow(
            school,
            [
                MatrixCell(by_cell[(school.pk, activity.pk)])
                if (school.pk, activity.pk) in by_cell
                else None
                for activity in columns
            ],
        )
        for school in schools
    ]
    return ReportMatrix(
        program,
        year,
        columns,
        rows,
        is_closed=is_year_closed(program.pk, year),
        waiting=sum(slot.reviewer_status == ReportStatus.SUBMITTED for slot in slots),
    )


# --- For the analytical report (reports app) ----------------------------------------------


def school_report_sections(program: Program, year: int, today: date | None = None):
    """Each involved school with, per activity due in the year, its report's state and text.

    Returns a list of reports.data.SchoolSection, schools by name, activities in roadmap order.
    """
    slots = report_slots(
        Activity.objects.filter(section__program=program),
        years={year},
        today=today or timezone.localdate(),
    )
    slots.sort(key=lambda slot: (str(slot.school), slot.school.pk, *_roadmap_order(slot)))
    return [
        SchoolSection(
            school=str(school_slots[0].school),
            activities=[
                SchoolReportLine(
                    activity=slot.line_label,
                    state=slot.reviewer_label,
                    text=slot.report.text if slot.handed_in else "",
                )
                for slot in school_slots
            ],
        )
        for school_slots in (
            list(group) for _pk, group in groupby(slots, key=lambda slot: slot.school.pk)
        )
    ]


# --- Who hears about a report -------------------------------------------------------------


def reviewers_of(report) -> list:
    """The coordinators of the program's municipality who curate the report's school."""
    return coordinators_of(report.activity.section.program.municipality_id, report.school_id)


def coordinators_of(municipality_id: int, school_id: int) -> list:
    """The coordinators of a municipality who curate the school (all schools, or it among some)."""
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR, municipality_id=municipality_id
    ).prefetch_related("curated_schools")
    users = {}
    for membership in memberships.select_related("user"):
        curated = {school.pk for school in membership.curated_schools.all()}
        if not curated or school_id in curated:
            users[membership.user_id] = membership.user
    return list(users.values())


def heads_of(school_id: int) -> list:
    memberships = Membership.objects.filter(role=Role.HEAD, school_id=school_id)
    return list({m.user_id: m.user for m in memberships.select_related("user")}.values())


# --- The daily digest ---------------------------------------------------------------------


@dataclass
class DigestItems:
    """What each person's digest says, by user id; lines in the order they are found."""

    lines: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, user_ids, line: str):
        for user_id in user_ids:
            self.lines[user_id].append(line)


def _slot_text(slot: Slot) -> str:
    return f"{slot.school}: {slot.line_label[:120]} — {slot.program.title[:80]}"


def _report_text(report) -> str:
    return f"{report.school}: {activity_label(report.activity)[:120]}, {report.period_label}"


def digest_items(today: date, *, days_ahead: int, escalation_days: int) -> DigestItems:
    """Deadlines within `days_ahead` days and overdue reports for the heads of schools; reports
    waiting for review for the coordinators; reviews waiting longer than `escalation_days` for
    the department specialists of the municipality."""
    items = DigestItems()
    _add_school_deadlines(items, today, days_ahead)
    _add_waiting_reviews(items, today, escalation_days)
    # Reporting rounds and responsible persons (issue 12).
    for user_ids, line in [
        *round_digest_lines(today, days_ahead),
        *responsible_digest_lines(today, days_ahead),
    ]:
        items.add(user_ids, line)
    return items


def _add_school_deadlines(items: DigestItems, today: date, days_ahead: int):
    heads = defaultdict(set)
    for user_id, school_id in Membership.objects.filter(
        role=Role.HEAD, school__isnull=False
    ).values_list("user_id", "school_id"):
        heads[school_id].add(user_id)
    activities = Activity.objects.filter(
        schools__in=list(heads), section__program__status__in=REPORTING_PROGRAM_STATUSES
    )
    slots = report_slots(activities, school_ids=list(heads), today=today)
    for slot in sorted(slots, key=lambda slot: (slot.period.due or today, slot.school.pk)):
        if slot.is_closed:
            continue
        due = f"{slot.period.due:%d.%m.%Y}" if slot.period.due else ""
        if slot.is_returned:
            items.add(heads[slot.school.pk], f"Отчёт возвращён на доработку: {_slot_text(slot)}")
        elif slot.is_overdue:
            items.add(heads[slot.school.pk], f"Просрочен отчёт (срок {due}): {_slot_text(slot)}")
        elif slot.is_due_within(days_ahead):
            items.add(heads[slot.school.pk], f"Срок отчёта {due}: {_slot_text(slot)}")


def _add_waiting_reviews(items: DigestItems, today: date, escalation_days: int):
    coordinators, specialists = defaultdict(list), defaultdict(set)
    for membership in Membership.objects.filter(
        role__in=[Role.COORDINATOR, Role.SPECIALIST], municipality__isnull=False
    ).prefetch_related("curated_schools"):
        if membership.role == Role.COORDINATOR:
            curated = {school.pk for school in membership.curated_schools.all()}
            coordinators[membership.municipality_id].append((membership.user_id, curated))
        else:
            specialists[membership.municipality_id].add(membership.user_id)
    waiting = SchoolReport.objects.filter(
        status=ReportStatus.SUBMITTED,
        activity__section__program__status__in=REPORTING_PROGRAM_STATUSES,
    ).select_related("school", "activity__section__program")
    escalate_before = today - timedelta(days=escalation_days)
    for report in waiting.order_by("submitted_at", "id"):
        municipality_id = report.activity.section.program.municipality_id
        since = timezone.localdate(report.submitted_at) if report.submitted_at else today
        reviewers = {
            user_id
            for user_id, curated in coordinators[municipality_id]
            if not curated or report.school_id in curated
        }
        items.add(reviewers, f"Ждёт вашей проверки с {since:%d.%m.%Y}: {_report_text(report)}")
        if since <= escalate_before:
            items.add(
                specialists[municipality_id],
                f"Отчёт ждёт проверки дольше {escalation_days} дн. (с {since:%d.%m.%Y}): "
                f"{_report_text(report)}",
            )


# --- Where a new report goes --------------------------------------------------------------


@dataclass(frozen=True)
class ReportTarget(_InActivityYear):
    """A checked place for a new report: the school, the activity's year and the period."""

    school: School
    activity: Activity
    activity_year: ActivityYear
    period: ReportPeriod


def year_label(program: Program, year: int) -> str:
    return next((py.label for py in program.years if py.year == year), str(year))


def closed_year_message(program: Program, year: int) -> str:
    return (
        f"{year_label(program, year)} год программы закрыт координатором: отчёты за него "
        "не принимаются и не изменяются."
    )


def report_target(activity, school, year: int, period_key: str | None, today: date):
    """The place for a school's report, or ValidationError saying in Russian why there is none."""
    program = activity.section.program
    label = activity_label(activity)[:150]
    if program.status not in REPORTING_PROGRAM_STATUSES:
        raise ValidationError(
            f"Программа в статусе «{program.get_status_display()}»: отчёты по ней не принимаются."
        )
    if not activity.schools.filter(pk=school.pk).exists():
        raise ValidationError(
            f"Школа «{school}» не участвует в мероприятии «{label}»: отчёт по нему не принимается."
        )
    if year not in {py.year for py in program.years}:
        raise ValidationError(f"В программе нет {year} года: её период — {program.period_label}.")
    cells = list(activity.years.order_by("year"))
    annotate_schedule(activity, cells, school_year=program.school_year, today=today)
    cell = next((cell for cell in cells if cell.year == year), None)
    if cell is None or not cell.is_due:
        raise ValidationError(
            f"В {year_label(program, year)} году мероприятие «{label}» не запланировано: "
            "отчёт за этот год не нужен."
        )
    if is_year_closed(program.pk, year):
        raise ValidationError(closed_year_message(program, year))
    periods = report_periods(cell.due, year, school_year=program.school_year)
    period = find_period(periods, period_key)
    if period is None:
        raise ValidationError(
            "У мероприятия нет такого отчётного периода: выберите период на странице "
            "«Мои мероприятия»."
        )
    return ReportTarget(school, activity, cell, period)


def public_evidence_by_activity(program: Program) -> dict[int, list]:
    """Files a coordinator published from accepted reports of the program, by activity."""
    files = EvidenceFile.objects.filter(
        is_public=True,
        report__status=ReportStatus.ACCEPTED,
        report__activity__section__program=program,
    ).select_related("report__school")
    grouped = {}
    for evidence in files.order_by("report__activity_id", "pk"):
        grouped.setdefault(evidence.report.activity_id, []).append(evidence)
    return grouped
