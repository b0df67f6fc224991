"""The shared cast of the tests: two municipalities in two regions, schools in each, one user per
role per municipality, an administrator and an outsider without any role."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from accounts.models import Membership, Role
from programs.models import Activity, ActivityYear, Program, Section
from schools.models import Municipality, Party, Region, School

PASSWORD = "test-pass-123"

ROLES_A = ["specialist_a", "coordinator_a", "head_a", "observer_a"]
ROLES_B = ["specialist_b", "coordinator_b", "head_b", "observer_b"]
ALL_USERS = ["admin", *ROLES_A, *ROLES_B, "outsider"]
ANONYMOUS = "anonymous"


@dataclass
class Side:
    region: Region
    municipality: Municipality
    school: School
    other_school: School
    party: Party
    program: Program
    section: Section
    activity: Activity
    activity_year: ActivityYear


def make_user(username, *, superuser=False, **membership):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        is_staff=superuser,
        is_superuser=superuser,
    )
    if membership:
        Membership.objects.create(user=user, **membership)
    return user


def make_program(municipality, *, title="Программа", start_year=2021, end_year=2023, **fields):
    return Program.objects.create(
        municipality=municipality,
        title=title,
        start_year=start_year,
        end_year=end_year,
        status=fields.pop("status", Program.Status.APPROVED),
        **fields,
    )


def make_activity(section, *, number="1.1", title="Мероприятие", position=0, cells=None, **fields):
    activity = Activity.objects.create(
        section=section, number=number, title=title, position=position, **fields
    )
    program = section.program
    cells = cells or {}
    for program_year in program.years:
        ActivityYear.objects.create(
            activity=activity,
            year=program_year.year,
            planned_text=cells.get(program_year.year, ""),
        )
    return activity


def make_programs(municipality, count, *, start=0, activities=3, cells=None, school=None):
    """`count` approved programs of one section with `activities` activities due in April (the
    cells as given), each activity involving `school` if given: data that grows for query-count
    tests."""
    for number in range(start, start + count):
        program = make_program(municipality, title=f"Программа {number}")
        section = Section.objects.create(program=program, position=0, number="1.")
        for position in range(activities):
            activity = make_activity(
                section,
                number=f"1.{position}",
                title=f"Мероприятие {number}.{position}",
                position=position,
                deadline="апрель",
                cells=cells,
            )
            if school:
                activity.schools.add(school)
            yield activity


def make_side(letter: str, region_name: str, municipality_name: str) -> Side:
    region = Region.objects.create(name=region_name)
    municipality = Municipality.objects.create(region=region, name=municipality_name)
    school = School.objects.create(municipality=municipality, name=f"МБОУ СОШ № 1 ({letter})")
    other = School.objects.create(municipality=municipality, name=f"МБОУ СОШ № 2 ({letter})")
    party = Party.objects.create(
        municipality=municipality, name="Отдел образования", short_name="ОО"
    )
    program = make_program(municipality, title=f"Программа поддержки ШНОР ({letter})")
    program.target_schools.add(school)
    section = Section.objects.create(program=program, number="1.", title="Организация")
    activity = make_activity(section, cells={2021: "+", 2022: "3"}, executors_text="ОО")
    activity.schools.add(school)
    return Side(
        region,
        municipality,
        school,
        other,
        party,
        program,
        section,
        activity,
        activity.years.get(year=2021),
    )


class Cast:
    def __init__(self):
        self.a = make_side("А", "Ростовская область", "Ремонтненский район")
        self.b = make_side("Б", "Тамбовская область", "Знаменский район")
        self.users = {
            "admin": make_user("admin", superuser=True),
            "outsider": make_user("outsider"),
        }
        for letter, side in (("a", self.a), ("b", self.b)):
            self.users[f"specialist_{letter}"] = make_user(
                f"specialist_{letter}", role=Role.SPECIALIST, municipality=side.municipality
            )
            self.users[f"coordinator_{letter}"] = make_user(
                f"coordinator_{letter}", role=Role.COORDINATOR, municipality=side.municipality
            )
            self.users[f"head_{letter}"] = make_user(
                f"head_{letter}", role=Role.HEAD, school=side.school
            )
            self.users[f"observer_{letter}"] = make_user(
                f"observer_{letter}", role=Role.OBSERVER, region=side.region
            )

    def client_for(self, client, name):
        if name != ANONYMOUS:
            client.force_login(self.users[name])
        return client
