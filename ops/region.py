"""A generated region at the size of a real one, to measure pages and find indexes on (issue 17).

`generate_region()` writes one new region: municipalities with their schools, executors and
users (a specialist and a coordinator per municipality, a head per school, one regional
observer), programs with sections, activities (varied deadlines, executors, involved schools)
and year cells, and school reports in every state with reviews and evidence file rows (the rows
only: no file is written to storage). Rows go in with bulk_create in batches and without
history records, so the default size builds in minutes. Random but reproducible: the same seed
gives the same region.
"""

import random
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role
from monitoring.models import (
    EvidenceFile,
    EvidenceKind,
    ReportReview,
    ReportStatus,
    SchoolReport,
    YearClosure,
)
from monitoring.owed import refresh_owed
from monitoring.periods import report_periods
from programs.cells import planned_number
from programs.models import Activity, ActivityExecutor, ActivityYear, Program, Section
from programs.schedule import annotate_schedule
from programs.status import ExecutionStatus
from schools.models import Municipality, Party, Region, School

BATCH = 2000
YEARS_PER_PROGRAM = 4
SECTIONS_PER_PROGRAM = 5
PASSWORD = "demo"


@dataclass(frozen=True)
class RegionSize:
    """How much to generate; the defaults are the region of issue 17."""

    municipalities: int = 40
    schools: int = 1200
    programs: int = 200
    activities: int = 31000
    reports: int = 20000

    def scaled(self, scale: float) -> "RegionSize":
        return RegionSize(
            **{name: max(1, round(value * scale)) for name, value in asdict(self).items()}
        )


@dataclass
class RegionSummary:
    region: Region
    observer: str  # usernames to log in with (password PASSWORD)
    specialist: str
    coordinator: str
    head: str
    counts: dict[str, int]

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()]


# Deadlines as roadmaps write them: one date, ranges, rhythms and none at all.
DEADLINES = [
    ("апрель", 10),
    ("декабрь", 10),
    ("в течение года", 12),
    ("сентябрь, декабрь", 5),
    ("июнь-август", 6),
    ("до 25 мая", 6),
    ("ежеквартально", 4),
    ("не реже 1 раза в квартал", 3),
    ("ежемесячно", 1),
    ("по заявке", 4),
    ("по мере необходимости", 3),
    ("март, ноябрь", 4),
    ("", 2),
]
PLANNED = [("+", 60), ("", 15), ("1", 8), ("2", 5), ("август", 4), ("100%", 4), ("10", 4)]
CELL_STATUSES = [
    (ExecutionStatus.DONE, 40),
    (ExecutionStatus.IN_PROGRESS, 15),
    (ExecutionStatus.NOT_STARTED, 20),
    (ExecutionStatus.PARTLY_DONE, 10),
    (ExecutionStatus.NOT_DONE, 8),
    (ExecutionStatus.CANCELLED, 2),
]
PROGRAM_STATUSES = [
    (Program.Status.APPROVED, 75),
    (Program.Status.COMPLETED, 10),
    (Program.Status.DRAFT, 10),
    (Program.Status.ARCHIVED, 5),
]
REPORT_STATUSES = [
    (ReportStatus.ACCEPTED, 45),
    (ReportStatus.SUBMITTED, 30),
    (ReportStatus.RETURNED, 10),
    (ReportStatus.DRAFT, 15),
]
TITLES = [
    "Проведение методического семинара для учителей",
    "Диагностика профессиональных дефицитов педагогов",
    "Организация наставничества для молодых специалистов",
    "Анализ результатов ВПР и разработка плана коррекции",
    "Участие в курсах повышения квалификации",
    "Организация сетевого взаимодействия со школой-партнёром",
    "Проведение родительского собрания по вопросам качества образования",
    "Мониторинг посещаемости и успеваемости обучающихся",
    "Разработка индивидуальных образовательных маршрутов",
    "Открытые уроки и взаимопосещение занятий",
]
SECTION_TITLES = [
    "Управленческие меры",
    "Работа с педагогическими кадрами",
    "Работа с обучающимися",
    "Работа с родителями",
    "Мониторинг и оценка результатов",
]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _spread(total: int, parts: int) -> list[int]:
    """`total` split over `parts` as evenly as whole numbers allow."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _insert(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def generate_region(
    scale: float = 1.0, size: RegionSize | None = None, *, seed: int = 17, today: date | None = None
) -> RegionSummary:
    """Write a new region of `size` (or the default size times `scale`) and say what it holds."""
    size = size or RegionSize().scaled(scale)
    rng = random.Random(seed)
    today = today or timezone.localdate()
    with transaction.atomic():
        return _Builder(size, rng, today).build()


class _Builder:
    def __init__(self, size: RegionSize, rng: random.Random, today: date):
        self.size, self.rng, self.today = size, rng, today

    def build(self) -> RegionSummary:
        number = Region.objects.filter(name__startswith="Сгенерированная область").count() + 1
        self.region = Region.objects.create(name=f"Сгенерированная область № {number}")
        self.prefix = f"gen{self.region.pk}"
        self._municipalities()
        self._users()
        self._programs()
        self._activities()
        self._reports()
        # Rows went in with bulk_create, without signals: the reports owed are stored here.
        refresh_owed(program_ids=[program.pk for program in self.programs])
        counts = {
            "муниципалитеты": len(self.municipalities),
            "школы": len(self.schools),
            "программы": len(self.programs),
            "мероприятия": len(self.activities),
            "ячейки лет": self.cell_count,
            "отчёты школ": len(self.reports),
            "файлы отчётов": self.file_count,
            "пользователи": self.user_count,
        }
        first_school = self.schools[0]
        return RegionSummary(
            region=self.region,
            observer=f"{self.prefix}-observer",
            specialist=f"{self.prefix}-m{self.municipalities[0].pk}-specialist",
            coordinator=f"{self.prefix}-m{self.municipalities[0].pk}-coordinator",
            head=f"{self.prefix}-s{first_school.pk}-head",
            counts=counts,
        )

    def _municipalities(self):
        self.municipalities = _insert(
            Municipality,
            [
                Municipality(
                    region=self.region,
                    name=f"Район № {i + 1}",
                    department_name=f"Отдел образования района № {i + 1}",
                )
                for i in range(self.size.municipalities)
            ],
        )
        schools = []
        for municipality, count in zip(
            self.municipalities,
            _spread(self.size.schools, len(self.municipalities)),
            strict=True,
        ):
            schools += [
                School(
                    municipality=municipality,
                    name=f"МБОУ СОШ № {j + 1} ({municipality.name})",
                    short_name=f"СОШ № {j + 1}",
                    head_name=f"Руководитель {j + 1}",
                )
                for j in range(count)
            ]
        self.schools = _insert(School, schools)
        self.schools_of = {m.pk: [] for m in self.municipalities}
        for school in self.schools:
            self.schools_of[school.municipality_id].append(school)
        parties = []
        for municipality in self.municipalities:
            parties += [
                Party(
                    municipality=municipality,
                    name=f"Отдел образования ({municipality.name})",
                    short_name="ОО",
                    kind=Party.Kind.DEPARTMENT,
                ),
                Party(
                    municipality=municipality,
                    name=f"Информационно-методический центр ({municipality.name})",
                    short_name="ИМЦ",
                    kind=Party.Kind.METHODICAL,
                ),
                Party(
                    municipality=municipality,
                    name=f"Психологическая служба ({municipality.name})",
                    short_name="ППМС",
                ),
            ]
        self.parties_of = {m.pk: [] for m in self.municipalities}
        for party in _insert(Party, parties):
            self.parties_of[party.municipality_id].append(party)

    def _users(self):
        password = make_password(PASSWORD)  # hashed once: hashing per user would take minutes
        users, memberships = [], []

        def add(username, **membership):
            users.append(get_user_model()(username=username, password=password))
            memberships.append(membership)

        add(f"{self.prefix}-observer", role=Role.OBSERVER, region=self.region)
        for municipality in self.municipalities:
            for role in (Role.SPECIALIST, Role.COORDINATOR):
                add(
                    f"{self.prefix}-m{municipality.pk}-{role}",
                    role=role,
                    municipality=municipality,
                )
        for school in self.schools:
            add(f"{self.prefix}-s{school.pk}-head", role=Role.HEAD, school=school)
        users = _insert(get_user_model(), users)
        _insert(
            Membership,
            [
                Membership(user=user, **fields)
                for user, fields in zip(users, memberships, strict=True)
            ],
        )
        self.user_count = len(users)
        self.reviewers = {m.pk: users[1 + 2 * i + 1] for i, m in enumerate(self.municipalities)}

    def _programs(self):
        rng = self.rng
        programs = []
        for municipality, count in zip(
            self.municipalities,
            _spread(self.size.programs, len(self.municipalities)),
            strict=True,
        ):
            for j in range(count):
                start = rng.choice([2021, 2022, 2023, self.today.year - 1])
                programs.append(
                    Program(
                        municipality=municipality,
                        title=f"Программа поддержки школ № {j + 1} ({municipality.name})",
                        start_year=start,
                        end_year=start + YEARS_PER_PROGRAM - 1,
                        school_year=rng.random() < 0.2,
                        status=_pick(rng, PROGRAM_STATUSES),
                        responsible_name="Иванова Мария Петровна",
                    )
                )
        self.programs = _insert(Program, programs)
        targets, self.targets_of = [], {}
        for program in self.programs:
            pool = self.schools_of[program.municipality_id]
            chosen = rng.sample(pool, min(len(pool), rng.randint(4, 10)))
            self.targets_of[program.pk] = chosen
            targets += [
                Program.target_schools.through(program_id=program.pk, school_id=school.pk)
                for school in chosen
            ]
        _insert(Program.target_schools.through, targets)
        self.sections = _insert(
            Section,
            [
                Section(program=program, position=k, number=str(k + 1), title=title)
                for program in self.programs
                for k, title in enumerate(SECTION_TITLES[:SECTIONS_PER_PROGRAM])
            ],
        )
        # A coordinator closed the first year of some programs.
        _insert(
            YearClosure,
            [
                YearClosure(program=program, year=program.start_year, reason="Год завершён")
                for program in self.programs
                if program.start_year < self.today.year - 1 and rng.random() < 0.3
            ],
        )

    def _activities(self):
        rng = self.rng
        program_of = {program.pk: program for program in self.programs}
        sections_of = {program.pk: [] for program in self.programs}
        for section in self.sections:
            sections_of[section.program_id].append(section)
        activities = []
        for program, count in zip(
            self.programs, _spread(self.size.activities, len(self.programs)), strict=True
        ):
            sections = sections_of[program.pk]
            for k in range(count):
                section = sections[k * len(sections) // max(count, 1)]
                parties = self.parties_of[program.municipality_id]
                activities.append(
                    Activity(
                        section=section,
                        position=k,
                        number=f"{section.number}.{k + 1}",
                        title=f"{rng.choice(TITLES)} ({k + 1})",
                        deadline=_pick(rng, DEADLINES),
                        result_name="Протокол, аналитическая справка",
                        executors_text=", ".join(party.short_name for party in parties[:2]),
                    )
                )
        self.activities = _insert(Activity, activities)
        program_of_section = {
            section.pk: program_of[section.program_id] for section in self.sections
        }
        links, executors, cells = [], [], []
        self.schools_of_activity = {}
        for activity in self.activities:
            program = program_of_section[activity.section_id]
            activity.program = program
            targets = self.targets_of[program.pk]
            chosen = rng.sample(targets, min(len(targets), rng.choice([0, 1, 1, 2, 2, 3])))
            self.schools_of_activity[activity.pk] = chosen
            links += [
                Activity.schools.through(activity_id=activity.pk, school_id=school.pk)
                for school in chosen
            ]
            parties = self.parties_of[program.municipality_id]
            executors += [
                ActivityExecutor(activity=activity, party=party, position=p)
                for p, party in enumerate(rng.sample(parties, rng.randint(1, 2)))
            ]
            activity.cells = []
            for year in range(program.start_year, program.end_year + 1):
                planned = _pick(rng, PLANNED)
                status = (
                    _pick(rng, CELL_STATUSES)
                    if year < self.today.year
                    else ExecutionStatus.IN_PROGRESS
                )
                cell = ActivityYear(
                    activity=activity,
                    year=year,
                    planned_text=planned,
                    planned_number=planned_number(planned),
                    status=status if planned else ExecutionStatus.NOT_STARTED,
                )
                activity.cells.append(cell)
                cells.append(cell)
        _insert(Activity.schools.through, links)
        _insert(ActivityExecutor, executors)
        _insert(ActivityYear, cells)
        self.cell_count = len(cells)

    def _reports(self):
        """Reports on real slots (a school the activity involves × a period of a due year),
        each slot once; more in the earlier years, as a region's history grows."""
        rng = self.rng
        candidates = [a for a in self.activities if self.schools_of_activity[a.pk]]
        wanted, taken, reports = self.size.reports, set(), []
        attempts = 0
        while len(reports) < wanted and candidates and attempts < wanted * 20:
            attempts += 1
            activity = rng.choice(candidates)
            program = activity.program
            annotate_schedule(
                activity, activity.cells, school_year=program.school_year, today=self.today
            )
            due_cells = [c for c in activity.cells if c.is_due and c.year <= self.today.year]
            if not due_cells:
                continue
            cell = rng.choice(due_cells)
            period = rng.choice(
                report_periods(cell.due, cell.year, school_year=program.school_year)
            )
            school = rng.choice(self.schools_of_activity[activity.pk])
            key = (school.pk, activity.pk, cell.year, period.end)
            if key in taken:
                continue
            taken.add(key)
            status = _pick(rng, REPORT_STATUSES)
            handed = period.end + timedelta(days=rng.randint(-20, 40))
            moment = timezone.make_aware(datetime.combine(min(handed, self.today), time(10)))
            reports.append(
                SchoolReport(
                    school=school,
                    activity=activity,
                    year=cell.year,
                    period_start=period.start,
                    period_end=period.end,
                    text="Мероприятие проведено, материалы приложены.",
                    done_on=min(period.end, self.today),
                    status=status,
                    submitted_at=moment if status != ReportStatus.DRAFT else None,
                    first_submitted_at=moment if status != ReportStatus.DRAFT else None,
                    reviewed_at=moment
                    if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED)
                    else None,
                )
            )
        self.reports = _insert(SchoolReport, reports)
        reviews, files = [], []
        for report in self.reports:
            reviewer = self.reviewers[report.activity.program.municipality_id]
            if report.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
                reviews.append(
                    ReportReview(
                        report=report,
                        decision=report.status,
                        comment="Приложите протокол."
                        if report.status == ReportStatus.RETURNED
                        else "",
                        reviewer=reviewer,
                    )
                )
            for n in range(rng.choice([0, 1, 1, 2, 3])):
                files.append(
                    EvidenceFile(
                        report=report,
                        kind=rng.choice(EvidenceKind.values),
                        file=f"evidence/generated/{report.pk}-{n}.pdf",
                        original_name=f"Протокол {n + 1}.pdf",
                        content_type="application/pdf",
                        size=rng.randint(20_000, 2_000_000),
                        sha256="0" * 64,
                        review=EvidenceFile.Review.ACCEPTED
                        if report.status == ReportStatus.ACCEPTED
                        else EvidenceFile.Review.PENDING,
                    )
                )
        _insert(ReportReview, reviews)
        _insert(EvidenceFile, files)
        self.file_count = len(files)
