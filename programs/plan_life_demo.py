"""Demo of the plan's life on the Ремонтненский demo program: two editions approved by orders
with a change list between them and one change not yet approved, a carried-over activity, a
reporting round with a late report and missing ones, a contradiction for the consistency
check, named people and financing. Running it again changes nothing."""

import copy
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import F

from monitoring.models import ExpectedReport, ReportingRound
from people.models import SchoolCurator, StaffMember
from programs.editing import carry_into_target
from programs.models import Activity, ActivityYear, Edition, Financing, FinancingSource
from programs.selectors import roadmap_snapshot
from programs.status import ExecutionStatus

STAFF = [
    # (ФИО, должность, организация, телефон, e-mail, demo login)
    (
        "Иванова Елена Петровна",
        "главный специалист",
        "Ремонтненский отдел образования",
        "8 (86379) 3-12-45",
        "ivanova@example.org",
        "specialist",
    ),
    (
        "Петренко Ольга Викторовна",
        "методист, муниципальный координатор",
        "Информационно-методический центр",
        "8 (86379) 3-14-02",
        "petrenko@example.org",
        "coordinator",
    ),
    (
        "Сидоренко Андрей Иванович",
        "методист",
        "Центр развития образования",
        "8 (86379) 3-15-10",
        "",
        None,
    ),
]
# Activity number → responsible person (surname); the last one is set after the second edition:
# it is the change not yet approved («есть неутверждённые изменения»).
RESPONSIBLE = [("1.2", "Иванова"), ("2.1.", "Петренко"), ("4.1.", "Иванова"), ("3.2.", "Сидоренко")]
FINANCING = [
    # (activity number, year, source, planned, spent)
    ("1.3", 2021, FinancingSource.MUNICIPAL, "45000", "43800"),
    ("1.3", 2022, FinancingSource.MUNICIPAL, "60000", "60000"),
    ("1.3", 2022, FinancingSource.REGIONAL, "120000", "95500.50"),
    ("2.3.", 2023, FinancingSource.EXTRABUDGETARY, "15000", None),
    ("2.4.", 2022, FinancingSource.MUNICIPAL, "25000", "24300"),
    ("3.2.", 2021, FinancingSource.NONE, "0", None),
]
CARRY_OVER = (
    "1.1",
    2021,
    2022,
    "Региональное положение о поддержке ШНОР утверждено только в "
    "декабре 2021 г.: пакет документов приводится в соответствие в 2022 г.",
)


def _activities(program):
    return {a.number: a for a in Activity.objects.filter(section__program=program)}


def _staff(program):
    users = get_user_model().objects.in_bulk(
        [row[-1] for row in STAFF if row[-1]], field_name="username"
    )
    people = {}
    for full_name, position, organisation, phone, email, login in STAFF:
        member, _ = StaffMember.objects.get_or_create(
            municipality=program.municipality,
            full_name=full_name,
            position=position,
            defaults={
                "organisation": organisation,
                "phone": phone,
                "email": email,
                "user": users.get(login),
            },
        )
        people[full_name.split()[0]] = member
    return people


def _first_edition_snapshot(current: dict) -> dict:
    """The roadmap as the 2021 order approved it: 1.2 planned two councils in 2021, 2.3. had the
    ИМЦ alone, there was a 1.4 later dropped, and no conference (2.4.) yet."""
    first = copy.deepcopy(current)
    rows = []
    for row in first["activities"]:
        if row["number"] == "2.4.":
            continue
        if row["number"] == "1.2":
            row["plan"]["2021"] = "2"
        if row["number"] == "2.3.":
            row["executors"] = "ИМЦ"
        rows.append(row)
        if row["number"] == "1.3":
            rows.append(
                {
                    **row,
                    "id": -1,  # never stored as an activity: dropped by the second order
                    "number": "1.4",
                    "title": "Создание муниципального банка лучших управленческих практик.",
                    "executors": "ИМЦ",
                    "responsible": "",
                    "plan": {"2021": "1", "2022": "", "2023": ""},
                }
            )
    first["activities"] = rows
    return first


def _editions(program, activities, people, specialist):
    if program.editions.exists():
        return
    for number, surname in RESPONSIBLE[:-1]:
        _set_responsible(activities[number], people[surname])
    current = roadmap_snapshot(program)
    organ = program.municipality.department_name
    Edition.objects.create(
        program=program,
        number=1,
        order_organ=organ,
        order_number=program.order_number,
        order_date=program.order_date,
        order_signer=program.order_signer,
        note="Первоначальная редакция",
        snapshot=_first_edition_snapshot(current),
        approved_by=specialist,
    )
    Edition.objects.create(
        program=program,
        number=2,
        order_organ=organ,
        order_number="41",
        order_date=date(2022, 3, 12),
        order_signer="заведующий Ремонтненским отделом образования",
        note="Добавлена муниципальная конференция (2.4.), исключено мероприятие 1.4, уточнены "
        "план 1.2 и исполнители 2.3.",
        snapshot=current,
        approved_by=specialist,
    )
    number, surname = RESPONSIBLE[-1]
    _set_responsible(activities[number], people[surname])


def _set_responsible(activity, person):
    """Written straight to the row, as before; the revision still counts the change, so that a
    cached roadmap shows it (programs/fingerprint.py)."""
    Activity.objects.filter(pk=activity.pk).update(responsible=person, revision=F("revision") + 1)


def _carry_over(activities, coordinator):
    number, source_year, target_year, reason = CARRY_OVER
    source = ActivityYear.objects.get(activity=activities[number], year=source_year)
    if source.status == ExecutionStatus.POSTPONED:
        return
    source.status, source.carried_to_year, source.carry_reason = (
        ExecutionStatus.POSTPONED,
        target_year,
        reason,
    )
    source.updated_by = coordinator
    source.save()
    carry_into_target(source, previous_target=None, user=coordinator)


def _round(program, activities, coordinator):
    """2022 round on 4.1., due 20.12.2022, for the four target schools. The school-report demo
    (monitoring/demo.py, loaded after this) hands in Кормовская's report today: late; the other
    three have not reported: missing."""
    if program.reporting_rounds.exists():
        return
    activity = activities["4.1."]
    schools = list(activity.schools.order_by("name"))
    round_ = ReportingRound.objects.create(
        program=program,
        year=2022,
        period_kind="year",
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
        due_date=date(2022, 12, 20),
        opened_by=coordinator,
    )
    round_.activities.set([activity])
    round_.schools.set(schools)
    ExpectedReport.objects.bulk_create(
        ExpectedReport(round=round_, school=school, activity=activity) for school in schools
    )


def _contradiction(activities, coordinator):
    """The conference (2.4.) marked done for 2023 while no school has reported on it: the
    consistency check lists each school taking part."""
    cell = ActivityYear.objects.get(activity=activities["2.4."], year=2023)
    if cell.status != ExecutionStatus.NOT_STARTED:
        return
    cell.status, cell.updated_by = ExecutionStatus.DONE, coordinator
    cell.comment = "Конференция проведена 14.10.2023 (отметка без отчётов школ)"
    cell.save()


def _financing(activities):
    for number, year, source, planned, spent in FINANCING:
        Financing.objects.get_or_create(
            activity=activities[number],
            year=year,
            source=source,
            defaults={"planned": Decimal(planned), "actual": Decimal(spent) if spent else None},
        )


def _curators(program, people):
    for school in program.target_schools.all():
        SchoolCurator.objects.get_or_create(
            program=program, school=school, defaults={"curator": people["Петренко"]}
        )


def load_plan_life_demo(program):
    """Needs the demo program, its schools and the demo logins (programs.demo.load_demo)."""
    users = get_user_model().objects.in_bulk(["specialist", "coordinator"], field_name="username")
    activities = _activities(program)
    people = _staff(program)
    _editions(program, activities, people, users.get("specialist"))
    _carry_over(activities, users.get("coordinator"))
    _round(program, activities, users.get("coordinator"))
    _contradiction(activities, users.get("coordinator"))
    _financing(activities)
    _curators(program, people)
